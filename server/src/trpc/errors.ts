import type { Reason } from '@tradeloom/shared';
import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';

/** Carries a machine-readable reason through tRPC to `error.data.reason`. */
export class ReasonCause extends Error {
  readonly reason: Reason;
  constructor(reason: Reason) {
    super(reason);
    this.reason = reason;
  }
}

export function appError(code: TRPC_ERROR_CODE_KEY, reason: Reason, message: string): TRPCError {
  return new TRPCError({ code, message, cause: new ReasonCause(reason) });
}

/** Another company's record and a missing one look the same: never reveal which. */
export function notFound(what: string): TRPCError {
  return new TRPCError({ code: 'NOT_FOUND', message: `${what} not found.` });
}

export function staleVersion(what: string): TRPCError {
  return appError('CONFLICT', 'STALE_VERSION', `This ${what} was changed by someone else. Reload and try again.`);
}
