// CONTRACT STUB: the helper that builds this module replaces every function here.

// biome-ignore lint/suspicious/noExplicitAny: stub until built
export async function listCommissionStructures(..._args: any[]): Promise<any> {
  throw new Error('listCommissionStructures is not built yet');
}

// biome-ignore lint/suspicious/noExplicitAny: stub until built
export async function listCommodityMasters(..._args: any[]): Promise<any> {
  throw new Error('listCommodityMasters is not built yet');
}

// biome-ignore lint/suspicious/noExplicitAny: stub until built
export async function listLocations(..._args: any[]): Promise<any> {
  throw new Error('listLocations is not built yet');
}

// biome-ignore lint/suspicious/noExplicitAny: stub until built
export async function listTerms(..._args: any[]): Promise<any> {
  throw new Error('listTerms is not built yet');
}
