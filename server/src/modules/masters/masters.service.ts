// CONTRACT STUB: the helper that builds this module replaces every function here.

// biome-ignore lint/suspicious/noExplicitAny: stub until built
export async function saveLocation(..._args: any[]): Promise<any> {
  throw new Error('saveLocation is not built yet');
}

// biome-ignore lint/suspicious/noExplicitAny: stub until built
export async function saveQualityParameter(..._args: any[]): Promise<any> {
  throw new Error('saveQualityParameter is not built yet');
}

// biome-ignore lint/suspicious/noExplicitAny: stub until built
export async function saveTerm(..._args: any[]): Promise<any> {
  throw new Error('saveTerm is not built yet');
}

// biome-ignore lint/suspicious/noExplicitAny: stub until built
export async function saveVariety(..._args: any[]): Promise<any> {
  throw new Error('saveVariety is not built yet');
}
