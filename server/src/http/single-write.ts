import type { Request, RequestHandler } from 'express';

/** A live-updates subscription: a browser's EventSource (and the SDK's) asks for an event stream. */
export function isEventStream(req: Request): boolean {
  return req.method === 'GET' && req.headers.accept?.includes('text/event-stream') === true;
}

type Callback = (error?: Error | null) => void;

/**
 * tRPC writes a response through a web stream: a chunked write per piece, then `end()`. A query
 * or mutation answer is one JSON document, so we collect it and send it with a Content-Length in
 * one write: no chunked framing, one socket write fewer per response. Event streams pass through.
 */
export function singleWriteResponses(): RequestHandler {
  return (req, res, next) => {
    if (isEventStream(req)) return next();
    const chunks: Buffer[] = [];
    const collect = (chunk: unknown, encoding?: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
      chunks.push(
        Buffer.isBuffer(chunk)
          ? chunk
          : typeof chunk === 'string'
            ? Buffer.from(chunk, encoding as BufferEncoding)
            : Buffer.from(chunk as Uint8Array),
      );
    };
    const end = res.end.bind(res);
    res.write = ((chunk: unknown, encoding?: unknown, callback?: Callback) => {
      collect(chunk, typeof encoding === 'string' ? encoding : undefined);
      const done = typeof encoding === 'function' ? (encoding as Callback) : callback;
      if (done) queueMicrotask(() => done());
      return true;
    }) as typeof res.write;
    res.end = ((chunk?: unknown, encoding?: unknown, callback?: Callback) => {
      collect(chunk, typeof encoding === 'string' ? encoding : undefined);
      const done = [chunk, encoding, callback].find((arg): arg is Callback => typeof arg === 'function');
      const body = Buffer.concat(chunks);
      if (!res.headersSent) {
        res.removeHeader('transfer-encoding');
        res.setHeader('content-length', body.length);
      }
      return end(body, done);
    }) as typeof res.end;
    next();
  };
}
