import { TRPCError } from '@trpc/server';
import { expect } from 'vitest';
import { z } from 'zod';
import { isZodError } from '../../server/src/trpc/errors.ts';

/** Awaits a call that must fail, and returns the tRPC error with its formatted shape's fields. */
export async function failure(promise: Promise<unknown>): Promise<TRPCError & { reason?: string }> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(TRPCError);
    const trpcError = error as TRPCError;
    const cause = trpcError.cause as { reason?: string } | undefined;
    return Object.assign(trpcError, { reason: cause?.reason });
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** The per-field messages of a validation failure, as the error formatter sends them. */
export function fieldErrors(error: TRPCError): Record<string, string[] | undefined> {
  expect(isZodError(error.cause)).toBe(true);
  return z.flattenError(error.cause as z.ZodError).fieldErrors as Record<string, string[] | undefined>;
}
