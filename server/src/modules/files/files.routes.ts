import { UPLOAD_MAX_BYTES } from '@tradeloom/shared';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import busboy from 'busboy';
import { type NextFunction, type Request, type Response, Router } from 'express';
import type { AppDeps } from '../../deps.ts';
import { contextFromHttp } from '../../http/request-context.ts';
import { appError } from '../../trpc/errors.ts';
import { resolveCompanyActor, resolveSession } from '../../trpc/procedures.ts';
import { readFileForDownload, storeUpload } from './files.service.ts';

function sendError(res: Response, error: unknown, next: NextFunction) {
  if (!(error instanceof TRPCError)) return next(error);
  res
    .status(getHTTPStatusCodeFromError(error))
    .json({ error: { message: error.message, code: error.code, reason: (error.cause as { reason?: string })?.reason } });
}

/** Reads one file field from a multipart body, refusing more than the limit without buffering it. */
function readUpload(req: Request): Promise<{ filename: string; content: Buffer }> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { files: 1, fileSize: UPLOAD_MAX_BYTES, fields: 5 } });
    } catch {
      return reject(appError('BAD_REQUEST', 'FILE_TYPE_NOT_ALLOWED', 'Send the file as multipart/form-data with a “file” field.'));
    }
    let received: Promise<{ filename: string; content: Buffer }> | undefined;
    parser.on('file', (field, stream, info) => {
      if (field !== 'file') return stream.resume();
      received = new Promise((done, fail) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('limit', () =>
          fail(appError('PAYLOAD_TOO_LARGE', 'FILE_TOO_LARGE', `Files may be at most ${UPLOAD_MAX_BYTES / 1024 / 1024} MB.`)),
        );
        stream.on('end', () => done({ filename: info.filename ?? 'file', content: Buffer.concat(chunks) }));
      });
      // Settled when the body has been read (on 'close'); until then a refusal must not go unhandled.
      received.catch(() => {});
    });
    parser.on('error', reject);
    parser.on('close', () => {
      if (!received) return reject(appError('BAD_REQUEST', 'FILE_TYPE_NOT_ALLOWED', 'No file was sent (expected a “file” field).'));
      received.then(resolve, reject);
    });
    req.pipe(parser);
  });
}

export function filesRouter(deps: AppDeps): Router {
  const router = Router();

  router.post('/', async (req, res, next) => {
    try {
      const ctx = contextFromHttp(deps, req, res);
      const { actor } = await resolveCompanyActor(ctx, 'files:write');
      const upload = await readUpload(req);
      if (upload.content.length === 0) throw appError('BAD_REQUEST', 'FILE_TYPE_NOT_ALLOWED', 'The file is empty.');
      res.status(201).json(await storeUpload(ctx, actor, upload));
    } catch (error) {
      // Stop reading a refused upload at once.
      if (!res.headersSent) res.setHeader('Connection', 'close');
      sendError(res, error, next);
    }
  });

  router.get('/:fileId', async (req, res, next) => {
    try {
      const ctx = contextFromHttp(deps, req, res);
      if (!/^[0-9a-f-]{36}$/.test(req.params.fileId)) throw appError('NOT_FOUND', 'TOKEN_INVALID', 'File not found.');
      let reader: { companyId: string | null; isPlatformAdmin: boolean };
      if (ctx.credentials.sessionToken) {
        const session = await resolveSession(ctx);
        if (!session) throw appError('UNAUTHORIZED', 'SESSION_REQUIRED', 'Please sign in.');
        const company = session.activeCompanyId ? await resolveCompanyActor(ctx, 'company:read', { session }).catch(() => null) : null;
        reader = { companyId: company?.actor.companyId ?? null, isPlatformAdmin: session.isPlatformAdmin };
      } else {
        reader = { companyId: (await resolveCompanyActor(ctx, 'company:read')).actor.companyId, isPlatformAdmin: false };
      }
      const { file, content } = await readFileForDownload(ctx, req.params.fileId, reader);
      res.setHeader('Content-Type', file.mime);
      res.setHeader('Content-Length', String(content.length));
      res.setHeader('Cache-Control', 'private, no-store');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Content-Security-Policy', "sandbox; default-src 'none'");
      // RFC 6266: express encodes the name (filename*=UTF-8''…) so no header can be injected.
      res.attachment(file.filename);
      res.end(content);
    } catch (error) {
      sendError(res, error, next);
    }
  });

  return router;
}
