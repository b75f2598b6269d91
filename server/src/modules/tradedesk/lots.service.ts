// CONTRACT STUB: the helper that builds this module replaces every function here.

// biome-ignore lint/suspicious/noExplicitAny: stub until built
export async function archiveLot(..._args: any[]): Promise<any> {
  throw new Error('archiveLot is not built yet');
}

// biome-ignore lint/suspicious/noExplicitAny: stub until built
export async function createLot(..._args: any[]): Promise<any> {
  throw new Error('createLot is not built yet');
}

// biome-ignore lint/suspicious/noExplicitAny: stub until built
export async function updateLot(..._args: any[]): Promise<any> {
  throw new Error('updateLot is not built yet');
}
