// Tiny real files, recognisable by their magic bytes.
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
export const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082',
  'hex',
);
export const HTML = Buffer.from('<!doctype html><script>alert(1)</script>');

/** Uploads over real HTTP as a browser would (multipart, same-origin). */
export async function upload(baseUrl: string, cookie: string, content: Buffer, filename: string, origin = 'http://tradeloom.test') {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(content)]), filename);
  return fetch(`${baseUrl}/files`, { method: 'POST', body: form, headers: { cookie, origin } });
}
