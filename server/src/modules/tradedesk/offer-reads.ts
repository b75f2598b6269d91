// CONTRACT STUB: the helper that builds this module replaces every function here.

// biome-ignore lint/suspicious/noExplicitAny: stub until built
export async function getOffer(..._args: any[]): Promise<any> {
  throw new Error('getOffer is not built yet');
}

// biome-ignore lint/suspicious/noExplicitAny: stub until built
export async function listOffers(..._args: any[]): Promise<any> {
  throw new Error('listOffers is not built yet');
}
