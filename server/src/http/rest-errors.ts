import { id as uuidSchema } from '@tradeloom/shared';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import type { NextFunction, Request, Response } from 'express';
import { notFound } from '../trpc/errors.ts';

/**
 * The REST routes' error body, shaped like the tRPC one (message, code, reason). Anything that is
 * not a TRPCError goes on to the app's error handler, which answers a generic 500.
 */
export function sendRestError(res: Response, error: unknown, next: NextFunction): void {
  if (!(error instanceof TRPCError)) return void next(error);
  // The client hung up: there is no one to answer.
  if (res.destroyed) return;
  res
    .status(getHTTPStatusCodeFromError(error))
    .json({ error: { message: error.message, code: error.code, reason: (error.cause as { reason?: string } | undefined)?.reason } });
}

/** True for a real UUID — the same check the tRPC inputs use (`id` in shared). */
export function isUuid(value: string): boolean {
  return uuidSchema.safeParse(value).success;
}

/**
 * `router.param` handler: a path id that is not a UUID is answered 404 like a missing record,
 * before it reaches the database (where it would be a cast error, i.e. a 500).
 */
export function uuidParam(what: string) {
  return (_req: Request, res: Response, next: NextFunction, value: string) => {
    if (isUuid(value)) return next();
    sendRestError(res, notFound(what), next);
  };
}
