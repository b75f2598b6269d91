import type { Request, Response } from 'express';
import type { AppDeps } from '../deps.ts';
import type { Context } from '../trpc/context.ts';
import { httpCookieJar, readSessionToken } from './session-cookie.ts';

/** The procedure context for one HTTP request: used by the tRPC adapter and the file routes alike. */
export function contextFromHttp(deps: AppDeps, req: Request, res: Response): Context {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? null;
  return {
    deps,
    request: { requestId: String(req.id), ip: req.ip ?? null, userAgent: req.headers['user-agent'] ?? null },
    credentials: { sessionToken: readSessionToken(req, deps.config), apiKey: bearer },
    cookies: httpCookieJar(res, deps.config),
  };
}
