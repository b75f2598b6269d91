import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeFilename } from '../../server/src/modules/files/files.service.ts';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { countRows, createCompany, type TestCompany } from '../harness/factories.ts';
import { HTML, PDF, PNG, upload } from '../harness/files.ts';

let app: TestApp;
let http: { url: string; close(): Promise<void> };
let a: TestCompany;
let b: TestCompany;
const cookie = (token: string) => `tl_session=${token}`;
beforeAll(async () => {
  app = await setupTestApp();
  http = await app.startHttp();
  a = await createCompany(app, 'FilesA');
  b = await createCompany(app, 'FilesB');
});
afterAll(async () => {
  await http.close();
  await app.close();
});

describe('uploads', () => {
  it('accepts a PDF and a PNG by content, hashes them and keeps a safe display name', async () => {
    const response = await upload(http.url, cookie(a.members.staff.token), PDF, '../../etc/GST\r\ncertificate.pdf');
    expect(response.status).toBe(201);
    const file = await response.json();
    expect(file).toMatchObject({ mime: 'application/pdf', sizeBytes: PDF.length });
    // No path, no line break: the name can neither escape a folder nor split a header.
    expect(file.filename).not.toMatch(/[/\\\r\n]|\.\./);
    expect(file.filename.endsWith('certificate.pdf')).toBe(true);
    expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await upload(http.url, cookie(a.members.staff.token), PNG, 'logo.png')).status).toBe(201);
  });

  it.each([
    ['HTML renamed to .pdf', HTML, 'invoice.pdf'],
    ['a polyglot name', HTML, 'scan.pdf.exe'],
    ['plain text', Buffer.from('just text'), 'notes.pdf'],
  ])('refuses %s (type decided by content)', async (_label, content, name) => {
    const before = await countRows(app, 'audit_log');
    const response = await upload(http.url, cookie(a.members.staff.token), content, name);
    expect(response.status).toBe(400);
    expect((await response.json()).error.reason).toBe('FILE_TYPE_NOT_ALLOWED');
    expect(await countRows(app, 'audit_log')).toBe(before);
  });

  it('refuses a file over 10 MB with 413', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024 + 1)]);
    const response = await upload(http.url, cookie(a.members.staff.token), big, 'big.pdf');
    expect(response.status).toBe(413);
  });

  it('refuses a cross-site upload and a viewer', async () => {
    expect((await upload(http.url, cookie(a.members.staff.token), PDF, 'x.pdf', 'https://evil.example')).status).toBe(403);
    expect((await upload(http.url, cookie(a.members.viewer.token), PDF, 'x.pdf')).status).toBe(403);
  });
});

describe('downloads', () => {
  it('serve the bytes with safe headers to the owner company only', async () => {
    const file = await (await upload(http.url, cookie(a.members.staff.token), PDF, 'Zertifikat für “GOTS”.pdf')).json();
    const own = await fetch(`${http.url}/files/${file.id}`, { headers: { cookie: cookie(a.members.viewer.token) } });
    expect(own.status).toBe(200);
    expect(Buffer.from(await own.arrayBuffer()).equals(PDF)).toBe(true);
    expect(own.headers.get('content-type')).toBe('application/pdf');
    expect(own.headers.get('content-disposition')).toMatch(
      /^attachment; filename="Zertifikat f\?r \?GOTS\?\.pdf"; filename\*=UTF-8''Zertifikat%20f%C3%BCr%20%E2%80%9CGOTS%E2%80%9D\.pdf$/,
    );
    expect(own.headers.get('x-content-type-options')).toBe('nosniff');
    expect(own.headers.get('cache-control')).toContain('no-store');
    expect(own.headers.get('content-security-policy')).toContain('sandbox');

    const other = await fetch(`${http.url}/files/${file.id}`, { headers: { cookie: cookie(b.members.owner.token) } });
    expect(other.status).toBe(404);
    expect((await fetch(`${http.url}/files/${file.id}`)).status).toBe(401);
    expect((await fetch(`${http.url}/files/not-a-uuid`, { headers: { cookie: cookie(a.members.viewer.token) } })).status).toBe(404);
  });
});

describe('download type', () => {
  it('serves the type detected from the content, never one guessed from the name', async () => {
    const file = await (await upload(http.url, cookie(a.members.staff.token), PDF, 'page.html')).json();
    const response = await fetch(`${http.url}/files/${file.id}`, { headers: { cookie: cookie(a.members.viewer.token) } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toContain('page.html');
  });
});

describe('display names', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['C:\\Windows\\system32\\evil.pdf', 'evil.pdf'],
    ['invoice\r\nSet-Cookie: x=1.pdf', 'invoiceSet-Cookie: x=1.pdf'],
    ['report\u202Efdp.exe', 'reportfdp.exe'],
    ['.hidden', 'hidden'],
    ['', 'file'],
    ['a'.repeat(10_000), 'a'.repeat(200)],
  ])('%j becomes %j', (input, expected) => {
    expect(safeFilename(input)).toBe(expected);
  });
});
