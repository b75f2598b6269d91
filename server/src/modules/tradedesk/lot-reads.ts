// CONTRACT STUB: the helper that builds this module replaces every function here.

// biome-ignore lint/suspicious/noExplicitAny: stub until built
export async function getLot(..._args: any[]): Promise<any> {
  throw new Error('getLot is not built yet');
}

// biome-ignore lint/suspicious/noExplicitAny: stub until built
export async function listLots(..._args: any[]): Promise<any> {
  throw new Error('listLots is not built yet');
}
