import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { createCompany, type TestCompany } from '../harness/factories.ts';
import { PDF, upload } from '../harness/files.ts';
import { requestHead, sendRaw } from './raw-http.ts';

// No upload, however broken, may stop the process: each malformed body ends its own request with a
// 4xx (or a closed socket, when the client left), and the server then still answers everyone else.
let app: TestApp;
let http: { url: string; close(): Promise<void> };
let company: TestCompany;
const ORIGIN = 'http://tradeloom.test';
const BOUNDARY = '----b';

beforeAll(async () => {
  app = await setupTestApp();
  http = await app.startHttp();
  company = await createCompany(app, 'Uploads');
});
afterAll(async () => {
  await http.close();
  await app.close();
});

const storedFiles = async () => (await app.db.selectFrom('files').select('id').where('company_id', '=', company.id).execute()).length;
const cookie = () => `tl_session=${company.members.staff.token}`;
const filePart = (boundary = BOUNDARY) =>
  `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n`;

function uploadHead(contentType: string, contentLength: number) {
  return requestHead('/files', { Origin: ORIGIN, Cookie: cookie(), 'Content-Type': contentType, 'Content-Length': String(contentLength) });
}

async function expectServerStillServes() {
  expect((await fetch(`${http.url}/healthz`)).status).toBe(200);
  const normal = await upload(http.url, cookie(), PDF, 'after.pdf');
  expect(normal.status).toBe(201);
}

describe('malformed uploads end their own request, never the process', () => {
  it('answers 400 to a multipart body that ends without its closing boundary', async () => {
    const before = await storedFiles();
    const body = `${filePart()}%PDF-1.4`;
    const answer = await sendRaw(http.url, uploadHead(`multipart/form-data; boundary=${BOUNDARY}`, Buffer.byteLength(body)), body);
    expect(answer.status).toBe(400);
    expect(answer.text).toMatch(/multipart/i);
    expect(await storedFiles()).toBe(before);
    await expectServerStillServes();
  });

  it('answers 400 to a body whose boundary is not the announced one', async () => {
    const body = `${filePart('other')}${PDF.toString('latin1')}\r\n--other--\r\n`;
    const answer = await sendRaw(http.url, uploadHead(`multipart/form-data; boundary=${BOUNDARY}`, Buffer.byteLength(body)), body);
    expect(answer.status).toBe(400);
    await expectServerStillServes();
  });

  it.each([
    ['no boundary parameter', 'multipart/form-data'],
    ['not multipart at all', 'application/pdf'],
  ])('answers 400 to a Content-Type with %s', async (_label, contentType) => {
    const answer = await sendRaw(http.url, uploadHead(contentType, PDF.length), PDF);
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('multipart/form-data');
    await expectServerStillServes();
  });

  it('answers 413 to an oversized file and keeps serving', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024 + 1)]);
    const response = await upload(http.url, cookie(), big, 'big.pdf');
    expect(response.status).toBe(413);
    await expectServerStillServes();
  });

  it('answers 400 when the body is shorter than its Content-Length (client half-closes)', async () => {
    const body = `${filePart()}%PDF-1.4\n`;
    const answer = await sendRaw(http.url, uploadHead(`multipart/form-data; boundary=${BOUNDARY}`, Buffer.byteLength(body) + 5000), body, {
      halfClose: true,
    });
    // The client said it sent everything: the server may answer 400 or just close; it must not crash.
    expect([400, null]).toContain(answer.status);
    await expectServerStillServes();
  });

  it('survives a client that stops sending mid-body and closes the socket', async () => {
    const before = await storedFiles();
    const body = `${filePart()}%PDF-1.4\n${'x'.repeat(64 * 1024)}`;
    const head = uploadHead(`multipart/form-data; boundary=${BOUNDARY}`, Buffer.byteLength(body) + 1024 * 1024);
    await Promise.all(Array.from({ length: 5 }, () => sendRaw(http.url, head, body, { abandonAfterMs: 50 })));
    await expectServerStillServes();
    // The abandoned uploads stored nothing (the one normal upload above did).
    expect(await storedFiles()).toBe(before + 1);
  });
});
