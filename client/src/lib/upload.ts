export interface UploadedFile {
  id: string;
  filename: string;
  mime: string;
  sizeBytes: number;
  sha256: string;
}

/** Sends one file to the upload endpoint (multipart, same-origin cookie) and returns its record. */
export async function uploadFile(file: File): Promise<UploadedFile> {
  const form = new FormData();
  form.append('file', file, file.name);
  const response = await fetch('/files', { method: 'POST', body: form });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error(body?.error?.message ?? `Upload failed (${response.status}).`);
  return body as UploadedFile;
}
