import { id as uuidSchema } from '@tradeloom/shared';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import type { NextFunction, Request, Response } from 'express';
import { notFound, reasonOf } from '../trpc/errors.ts';

/**
 * The one JSON error every answer outside tRPC gives — REST routes, guards, /metrics, the 404
 * fallback, the last-resort 500 — shaped like the tRPC one: `{ error: { message, code, reason?,
 * requestId } }`. The status follows the code unless given (Express errors carry their own).
 */
export function writeJsonError(res: Response, error: TRPCError, status = getHTTPStatusCodeFromError(error)): void {
  const requestId = res.req.id === undefined ? undefined : String(res.req.id);
  res.status(status).json({ error: { message: error.message, code: error.code, reason: reasonOf(error.cause), requestId } });
}

/** Shorthand for an error without a reason: `jsonError('NOT_FOUND', 'Not found.')`. */
export function jsonError(code: TRPC_ERROR_CODE_KEY, message: string): TRPCError {
  return new TRPCError({ code, message });
}

/**
 * A REST route's failure: a TRPCError is answered with its status and reason; anything else goes
 * on to the app's error handler, which answers a generic 500.
 */
export function sendRestError(res: Response, error: unknown, next: NextFunction): void {
  if (!(error instanceof TRPCError)) return void next(error);
  // The client hung up: there is no one to answer.
  if (res.destroyed) return;
  writeJsonError(res, error);
}

/** True for a real UUID — the same check the tRPC inputs use (`id` in shared). */
function isUuid(value: string): boolean {
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
