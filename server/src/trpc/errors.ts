import type { Reason } from '@tradeloom/shared';
import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import type { z } from 'zod';

/** Carries a machine-readable reason through tRPC to `error.data.reason`. */
class ReasonCause extends Error {
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

/**
 * Bad input found past zod (an unknown code, a taken name): reported exactly like a zod failure,
 * so the response names the fields in `data.fieldErrors`.
 */
export function invalidFields(problems: Record<string, string>, reason?: Reason): TRPCError {
  const issues = Object.entries(problems).map(([field, message]) => ({ code: 'custom' as const, path: [field], message }));
  return new TRPCError({ code: 'BAD_REQUEST', message: 'Invalid input', cause: new InvalidFieldsCause(issues, reason) });
}

/**
 * A CONFLICT about one field's value (an allocation more than an invoice owes): the reason, and the
 * field in `data.fieldErrors` as for bad input, so a form shows it beside the field.
 */
export function conflictOnField(field: string, message: string, reason: Reason): TRPCError {
  const issues = [{ code: 'custom' as const, path: field.split('.'), message }];
  return new TRPCError({ code: 'CONFLICT', message: `${field}: ${message}`, cause: new InvalidFieldsCause(issues, reason) });
}

// zod 4's ZodError is not an Error, and tRPC copies a non-Error cause without its issues; this
// Error subclass keeps them, in the shape isZodError and z.flattenError read.
class InvalidFieldsCause extends Error {
  readonly issues: { code: 'custom'; path: string[]; message: string }[];
  readonly reason?: Reason;
  constructor(issues: InvalidFieldsCause['issues'], reason?: Reason) {
    super('Invalid input');
    this.name = 'ZodError';
    this.issues = issues;
    this.reason = reason;
  }
}

/** The machine-readable reason an error carries, if any. */
export function reasonOf(cause: unknown): Reason | undefined {
  return cause instanceof ReasonCause || cause instanceof InvalidFieldsCause ? cause.reason : undefined;
}

/**
 * Zod errors by shape, not by class: tRPC may hand the cause on as a copy, and several copies of
 * zod can be loaded (tests, SDK).
 */
export function isZodError(error: unknown): error is z.ZodError {
  const issues = (error as { issues?: unknown } | null)?.issues;
  return Array.isArray(issues) && issues.every((issue) => Array.isArray(issue?.path) && typeof issue?.message === 'string');
}
