import { UPLOAD_MAX_BYTES } from '@tradeloom/shared';
import busboy from 'busboy';
import { type Request, Router } from 'express';
import type { AppDeps } from '../../deps.ts';
import { contextFromHttp } from '../../http/request-context.ts';
import { sendRestError, uuidParam } from '../../http/rest-errors.ts';
import { appError } from '../../trpc/errors.ts';
import { resolveCompanyActor, resolveSession } from '../../trpc/procedures.ts';
import { readFileForDownload, storeUpload } from './files.service.ts';

const MULTIPART_EXPECTED = 'Send the file as multipart/form-data with a “file” field.';

type Upload = { filename: string; content: Buffer };

function malformedUpload(detail: string) {
  return appError('BAD_REQUEST', 'UPLOAD_MALFORMED', `The upload is not valid multipart/form-data: ${detail}. ${MULTIPART_EXPECTED}`);
}

/**
 * Reads one file field from a multipart body, refusing more than the limit without buffering it.
 * Every emitter involved (the request, the parser, each part's stream) has its error handled:
 * an unhandled 'error' event — a body cut short — would otherwise end the whole process.
 */
function readUpload(req: Request): Promise<Upload> {
  return new Promise((resolve, reject) => {
    // The client may have hung up while the request was being authorized.
    if (req.destroyed && !req.complete) return reject(malformedUpload('the body was cut off'));
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        limits: { files: 1, fileSize: UPLOAD_MAX_BYTES, fields: 5, parts: 10 },
      });
    } catch (error) {
      return reject(malformedUpload((error as Error).message));
    }
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      // Stop parsing; what is left of the body is discarded (the answer closes the connection).
      req.unpipe(parser);
      req.resume();
      reject(error);
    };
    let upload: Upload | undefined;
    let tooLarge = false;
    parser.on('file', (field, stream, info) => {
      stream.on('error', (error: Error) => fail(malformedUpload(error.message)));
      if (field !== 'file' || upload) return void stream.resume();
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      // Read on to the end of the body (discarding), so the client gets the 413 rather than a reset.
      stream.on('limit', () => {
        tooLarge = true;
      });
      stream.on('end', () => {
        upload = { filename: info.filename ?? 'file', content: Buffer.concat(chunks) };
      });
    });
    parser.on('error', (error: Error) => fail(malformedUpload(error.message)));
    parser.on('close', () => {
      if (tooLarge)
        return fail(appError('PAYLOAD_TOO_LARGE', 'FILE_TOO_LARGE', `Files may be at most ${UPLOAD_MAX_BYTES / 1024 / 1024} MB.`));
      if (!upload) return fail(appError('BAD_REQUEST', 'UPLOAD_MALFORMED', `No file was sent. ${MULTIPART_EXPECTED}`));
      settled = true;
      resolve(upload);
    });
    // A client that hangs up mid-body: the request errors (or closes) and the parser never finishes.
    req.on('error', (error) => fail(malformedUpload(`the body was cut off (${error.message})`)));
    req.on('close', () => {
      if (!req.complete) fail(malformedUpload('the body was cut off'));
    });
    req.pipe(parser);
  });
}

export function filesRouter(deps: AppDeps): Router {
  const router = Router();
  router.param('fileId', uuidParam('File'));

  router.post('/', async (req, res, next) => {
    try {
      const ctx = contextFromHttp(deps, req, res);
      const { actor } = await resolveCompanyActor(ctx, 'files:write');
      const upload = await readUpload(req);
      if (upload.content.length === 0) throw appError('BAD_REQUEST', 'FILE_EMPTY', 'The file is empty.');
      res.status(201).json(await storeUpload(ctx, actor, upload));
    } catch (error) {
      // Stop reading a refused upload at once.
      if (!res.headersSent) res.setHeader('Connection', 'close');
      sendRestError(res, error, next);
    }
  });

  router.get('/:fileId', async (req, res, next) => {
    try {
      const ctx = contextFromHttp(deps, req, res);
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
      // RFC 6266: express encodes the name (filename*=UTF-8''…) so no header can be injected.
      // attachment() also sets a Content-Type guessed from the name's extension: the type set after
      // it is the one detected from the content at upload, so `page.html` holding a PDF stays a PDF.
      res.attachment(file.filename);
      res.setHeader('Content-Type', file.mime);
      res.setHeader('Content-Length', String(content.length));
      res.setHeader('Cache-Control', 'private, no-store');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Content-Security-Policy', "sandbox; default-src 'none'");
      res.end(content);
    } catch (error) {
      sendRestError(res, error, next);
    }
  });

  return router;
}
