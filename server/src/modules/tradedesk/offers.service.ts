// CONTRACT STUB: the helper that builds this module replaces every function here.

// biome-ignore lint/suspicious/noExplicitAny: stub until built
export async function createOffer(..._args: any[]): Promise<any> {
  throw new Error('createOffer is not built yet');
}

// biome-ignore lint/suspicious/noExplicitAny: stub until built
export async function withdrawOffer(..._args: any[]): Promise<any> {
  throw new Error('withdrawOffer is not built yet');
}
