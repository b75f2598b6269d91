// CONTRACT STUB: the helper that builds this module replaces every function here.

// biome-ignore lint/suspicious/noExplicitAny: stub until built
export async function acceptNegotiation(..._args: any[]): Promise<any> {
  throw new Error('acceptNegotiation is not built yet');
}

// biome-ignore lint/suspicious/noExplicitAny: stub until built
export async function cancelNegotiation(..._args: any[]): Promise<any> {
  throw new Error('cancelNegotiation is not built yet');
}

// biome-ignore lint/suspicious/noExplicitAny: stub until built
export async function counterNegotiation(..._args: any[]): Promise<any> {
  throw new Error('counterNegotiation is not built yet');
}

// biome-ignore lint/suspicious/noExplicitAny: stub until built
export async function openNegotiation(..._args: any[]): Promise<any> {
  throw new Error('openNegotiation is not built yet');
}

// biome-ignore lint/suspicious/noExplicitAny: stub until built
export async function rejectNegotiation(..._args: any[]): Promise<any> {
  throw new Error('rejectNegotiation is not built yet');
}
