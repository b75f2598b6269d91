// CONTRACT STUB: the helper that builds this module replaces every function here.

// biome-ignore lint/suspicious/noExplicitAny: stub until built
export async function getNegotiation(..._args: any[]): Promise<any> {
  throw new Error('getNegotiation is not built yet');
}

// biome-ignore lint/suspicious/noExplicitAny: stub until built
export async function listNegotiations(..._args: any[]): Promise<any> {
  throw new Error('listNegotiations is not built yet');
}
