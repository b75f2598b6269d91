import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressDir } from '../../scripts/precompress.ts';
import { setupTestApp, type TestApp } from '../harness/app.ts';

// A built client made here (the same precompression the Vite build runs), served by the real app.
let app: TestApp;
let http: { url: string; close(): Promise<void> };
let clientDir: string;
const SCRIPT = `export const greeting = ${JSON.stringify('namaste '.repeat(400))};\n`;
const SHELL = '<!doctype html><html><head><script type="module" src="/assets/app-4f9a1c.js"></script></head><body></body></html>';

beforeAll(async () => {
  clientDir = await mkdtemp(path.join(tmpdir(), 'tradeloom-client-'));
  await mkdir(path.join(clientDir, 'assets'));
  await writeFile(path.join(clientDir, 'index.html'), SHELL);
  await writeFile(path.join(clientDir, 'assets', 'app-4f9a1c.js'), SCRIPT);
  await writeFile(path.join(clientDir, 'assets', 'logo-77aa01.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  await precompressDir(clientDir);
  app = await setupTestApp();
  http = await app.startHttp({}, { clientDir });
});
afterAll(async () => {
  await http.close();
  await app.close();
  await rm(clientDir, { recursive: true, force: true });
});

/** A raw GET (fetch would decode the body and hide Content-Encoding handling). */
function get(urlPath: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    request(`${http.url}${urlPath}`, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

describe('compressed static assets', () => {
  it('sends brotli to a browser that accepts it, with the original type and Vary', async () => {
    const response = await get('/assets/app-4f9a1c.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['content-type']).toMatch(/^text\/javascript/);
    expect(response.headers.vary).toMatch(/Accept-Encoding/i);
    expect(response.body.length).toBeLessThan(SCRIPT.length / 4);
    expect(brotliDecompressSync(response.body).toString()).toBe(SCRIPT);
  });

  it('sends gzip when brotli is not accepted', async () => {
    const response = await get('/assets/app-4f9a1c.js', { 'accept-encoding': 'gzip' });
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(response.body).toString()).toBe(SCRIPT);
  });

  it('sends the plain file to a client that accepts no compression', async () => {
    const response = await get('/assets/app-4f9a1c.js', { 'accept-encoding': 'identity' });
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.body.toString()).toBe(SCRIPT);
  });

  it('sends files without a compressed copy as they are', async () => {
    const response = await get('/assets/logo-77aa01.png', { 'accept-encoding': 'br, gzip' });
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.headers['content-type']).toBe('image/png');
  });

  it('compresses the app shell too', async () => {
    const response = await get('/orders', { 'accept-encoding': 'br' });
    expect(response.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(response.body).toString()).toBe(SHELL);
  });
});

describe('caching', () => {
  it('caches hashed assets for a year as immutable, in every encoding', async () => {
    for (const encoding of ['br', 'gzip', 'identity']) {
      const response = await get('/assets/app-4f9a1c.js', { 'accept-encoding': encoding });
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
  });

  it('makes the browser revalidate index.html, whichever way it is asked for', async () => {
    for (const urlPath of ['/', '/index.html', '/orders/123']) {
      const response = await get(urlPath, { 'accept-encoding': 'gzip' });
      expect(response.status).toBe(200);
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.headers['content-type']).toMatch(/^text\/html/);
    }
  });

  it('answers 404 for a missing asset instead of the app shell', async () => {
    const response = await get('/assets/missing-000000.js', { 'accept-encoding': 'br' });
    expect(response.status).toBe(404);
    expect(response.headers['cache-control'] ?? '').not.toMatch(/immutable/);
  });

  it('serves nothing outside the build folder', async () => {
    const response = await get('/assets/..%2f..%2fpackage.json');
    expect(response.status).toBe(404);
  });
});
