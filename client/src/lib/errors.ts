import type { Reason } from '@tradeloom/shared';
import { TRPCClientError } from '@trpc/client';

interface ErrorData {
  code?: string;
  reason?: Reason;
  requestId?: string;
  fieldErrors?: Record<string, string[] | undefined>;
}

function dataOf(error: unknown): ErrorData | undefined {
  return error instanceof TRPCClientError ? (error.data as ErrorData | undefined) : undefined;
}

/** A sentence a person can act on. */
export function errorMessage(error: unknown): string {
  if (!error) return '';
  if (error instanceof TRPCClientError) {
    if (dataOf(error)?.fieldErrors) return 'Please correct the highlighted fields.';
    return error.message || 'Something went wrong.';
  }
  if (error instanceof Error && error.message === 'Failed to fetch') return 'Cannot reach the server. Check your connection and try again.';
  return error instanceof Error ? error.message : 'Something went wrong.';
}

export function errorReason(error: unknown): Reason | undefined {
  return dataOf(error)?.reason;
}

/** The server's messages per field (`lines.0.unit`), empty when the failure names no field. */
export function serverFieldErrors(error: unknown): Record<string, string[] | undefined> {
  return dataOf(error)?.fieldErrors ?? {};
}
