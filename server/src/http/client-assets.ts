import { readdirSync } from 'node:fs';
import path from 'node:path';
import { type Request, type Response, Router } from 'express';

// Built file names under /assets carry a content hash: a changed file gets a new name.
const IMMUTABLE = 'public, max-age=31536000, immutable';
// Everything else (index.html, favicon …) is checked with the server on every use.
const REVALIDATE = 'no-cache';

const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

/** Every file of the build as a URL path (`/assets/index-abc.js`, `/assets/index-abc.js.br` …). */
function builtFiles(clientDir: string): Set<string> {
  const files = readdirSync(clientDir, { recursive: true, encoding: 'utf8' });
  return new Set(files.map((file) => `/${file.split(path.sep).join('/')}`));
}

function cacheControlFor(urlPath: string): string {
  return urlPath.startsWith('/assets/') ? IMMUTABLE : REVALIDATE;
}

/** Brotli (smaller) before gzip, when the client accepts it and the build has the file. */
function pickEncoding(req: Request, urlPath: string, available: ReadonlySet<string>) {
  return ENCODINGS.find((encoding) => req.acceptsEncodings(encoding.name) && available.has(`${urlPath}${encoding.suffix}`));
}

/**
 * Serves the built React app: precompressed `.br`/`.gz` by Accept-Encoding (with Vary), hashed
 * assets cached for a year, index.html revalidated, and the app shell for client-side routes.
 * The set of files is read once at start; a path not in it never touches the disk.
 */
export function clientAssets(clientDir: string): Router {
  const files = builtFiles(clientDir);
  const router = Router();

  const send = (req: Request, res: Response, urlPath: string) => {
    res.setHeader('Cache-Control', cacheControlFor(urlPath));
    res.setHeader('Vary', 'Accept-Encoding');
    const encoding = pickEncoding(req, urlPath, files);
    if (!encoding) return res.sendFile(path.join(clientDir, urlPath), { cacheControl: false });
    res.setHeader('Content-Encoding', encoding.name);
    res.type(path.extname(urlPath));
    // A byte range of the compressed file is not a range of the file asked for.
    return res.sendFile(path.join(clientDir, `${urlPath}${encoding.suffix}`), { cacheControl: false, acceptRanges: false });
  };

  router.use((req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.path === '/index.html' || !files.has(req.path)) return next();
    send(req, res, req.path);
  });
  // Client-side routes: any other GET gets the app shell.
  router.get(/^\/(?!trpc\/|assets\/|files\/|documents\/).*/, (req, res) => send(req, res, '/index.html'));
  return router;
}
