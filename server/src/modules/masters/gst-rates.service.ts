// CONTRACT STUB: the helper that builds this module replaces every function here.

// biome-ignore lint/suspicious/noExplicitAny: stub until built
export async function findGstRateOn(..._args: any[]): Promise<any> {
  throw new Error('findGstRateOn is not built yet');
}

// biome-ignore lint/suspicious/noExplicitAny: stub until built
export async function listGstRates(..._args: any[]): Promise<any> {
  throw new Error('listGstRates is not built yet');
}

// biome-ignore lint/suspicious/noExplicitAny: stub until built
export async function saveGstRate(..._args: any[]): Promise<any> {
  throw new Error('saveGstRate is not built yet');
}
