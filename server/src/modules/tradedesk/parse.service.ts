// CONTRACT STUB: the helper that builds this module replaces every function here.

// biome-ignore lint/suspicious/noExplicitAny: stub until built
export async function parseOfferText(..._args: any[]): Promise<any> {
  throw new Error('parseOfferText is not built yet');
}
