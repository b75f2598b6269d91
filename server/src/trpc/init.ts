import type { Permission } from '@tradeloom/shared';
import { initTRPC } from '@trpc/server';
import type { z } from 'zod';
import { uniqueViolationConflict } from '../lib/unique-violation.ts';
import type { Context } from './context.ts';
import { isZodError, reasonOf } from './errors.ts';
import { assertStorableText, databaseDataError, dataErrorAsBadRequest } from './input-guards.ts';
import type { RestRoute } from './rest-route.ts';

/** Every procedure declares who may call it; the builders in procedures.ts set it. */
export type Access = { kind: 'public' } | { kind: 'authed' } | { kind: 'platformAdmin' } | { kind: 'company'; permission: Permission };

// A type, not an interface: trpc-to-openapi needs meta assignable to Record<string, unknown>.
export type ProcedureMeta = {
  access: Access;
  /** Allowed while the user must still change a password an admin set. */
  allowDuringPasswordChange?: boolean;
  /** Allowed while a password-only sign-in still owes its second factor. */
  allowDuringTwoFactor?: boolean;
  /** Also answered as a REST route under /api/v1 and listed in /api/openapi.json. */
  openapi?: RestRoute;
};

function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'Invalid input.';
  const field = issue.path.join('.');
  return field ? `${field}: ${issue.message}` : issue.message;
}

/**
 * Messages per field under the full path (`lines.1.quantity`, not `lines`), so a screen puts line
 * 2's quantity error under line 2's quantity input. An issue on the whole input has no field: the
 * message says it.
 */
function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = issue.path.join('.');
    if (!field) continue;
    fields[field] = [...(fields[field] ?? []), issue.message];
  }
  return fields;
}

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    // No transformer: the wire is plain JSON (timestamps ISO-8601 strings, amounts decimal
    // strings) that any HTTP client reads without an envelope; output schemas declare it.
    // Live streams end every few minutes and the client reconnects, re-checking the session and
    // membership; pings keep proxies from closing a quiet stream. (Read once at start: the
    // router is built before any config; LIVE_STREAM_MAX_MS exists for the reconnect test.)
    sse: {
      maxDurationMs: Number(process.env.LIVE_STREAM_MAX_MS ?? 5 * 60_000),
      ping: { enabled: true, intervalMs: 20_000 },
      client: { reconnectAfterInactivityMs: 45_000 },
    },
    // Never leak stacks or SQL: unexpected errors become a generic message with the request id.
    isDev: false,
    errorFormatter({ shape, error, ctx }) {
      const zodError = isZodError(error.cause) ? error.cause : null;
      const reason = reasonOf(error.cause);
      const requestId = ctx?.request.requestId;
      const internal = error.code === 'INTERNAL_SERVER_ERROR';
      const message = zodError
        ? describeZodError(zodError)
        : internal
          ? `Something went wrong on our side. Reference: ${requestId ?? 'unknown'}.`
          : shape.message;
      return {
        message,
        code: shape.code,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          requestId,
          reason,
          fieldErrors: zodError ? fieldErrorsOf(zodError) : undefined,
        },
      };
    },
  });

export const router = t.router;
export const middleware = t.middleware;

/**
 * Input a client can send never ends in a 500: text PostgreSQL cannot store is refused before any
 * schema runs; a unique index that settled a race between two requests answers CONFLICT naming
 * the field, whichever service did the insert; and a data error that still escapes to the database
 * (a case zod should have named) becomes BAD_REQUEST without its SQL, logged so the missing check
 * gets written.
 */
const guardInput = t.middleware(async ({ ctx, path, getRawInput, next }) => {
  assertStorableText(await getRawInput());
  const result = await next();
  if (result.ok) return result;
  const conflict = uniqueViolationConflict(result.error.cause);
  if (conflict) throw conflict;
  const dataError = databaseDataError(result.error.cause);
  if (!dataError) return result;
  ctx.deps.logger.warn({ procedure: path, sqlState: dataError.code }, 'database refused a value that validation let through');
  throw dataErrorAsBadRequest(dataError.code);
});

export const baseProcedure = t.procedure.use(guardInput);
export const createCallerFactory = t.createCallerFactory;
