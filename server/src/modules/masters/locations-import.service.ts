// CONTRACT STUB: the helper that builds this module replaces every function here.

// biome-ignore lint/suspicious/noExplicitAny: stub until built
export async function importLocations(..._args: any[]): Promise<any> {
  throw new Error('importLocations is not built yet');
}
