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

/**
 * A field path as a person reads it: `lines.1.quantity` → "Line 2 quantity", `orderId` → "Order id".
 * List positions count from one, as the screens number their rows.
 */
export function fieldLabel(path: string): string {
  const words = path.split('.').map((part, index, parts) => {
    if (/^\d+$/.test(part)) return String(Number(part) + 1);
    const word = part.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
    // "lines 2" reads as "line 2": a plural list name before a position is one item of it.
    return /^\d+$/.test(parts[index + 1] ?? '') ? word.replace(/s$/, '') : word;
  });
  const label = words.join(' ');
  return `${label[0]?.toUpperCase() ?? ''}${label.slice(1)}`;
}

/** Field messages as one sentence each ("Line 2 quantity must be more than 0."), in the server's order. */
export function describeFieldErrors(fieldErrors: Record<string, string[] | undefined>): string {
  return Object.entries(fieldErrors)
    .filter(([, messages]) => messages?.[0])
    .map(([field, messages]) => `${fieldLabel(field)} ${messages?.[0]?.replace(/\.$/, '')}.`)
    .join(' ');
}

/** A sentence a person can act on. */
export function errorMessage(error: unknown): string {
  if (!error) return '';
  if (error instanceof TRPCClientError) {
    const fieldErrors = dataOf(error)?.fieldErrors;
    // Said in words: the caller may draw none of the fields the server named.
    const described = fieldErrors ? describeFieldErrors(fieldErrors) : '';
    return described || error.message || 'Something went wrong.';
  }
  if (error instanceof Error && error.message === 'Failed to fetch') return 'Cannot reach the server. Check your connection and try again.';
  return error instanceof Error ? error.message : 'Something went wrong.';
}

/** The server's code (`FORBIDDEN`, `CONFLICT`…), for a screen that words one case itself. */
export function errorCode(error: unknown): string | undefined {
  return dataOf(error)?.code;
}

export function errorReason(error: unknown): Reason | undefined {
  return dataOf(error)?.reason;
}

/** The server's messages per field (`lines.0.unit`), empty when the failure names no field. */
export function serverFieldErrors(error: unknown): Record<string, string[] | undefined> {
  return dataOf(error)?.fieldErrors ?? {};
}

/**
 * A record that is missing, another company's (the server answers both alike), or asked for by an
 * id that cannot exist (`/orders/not-a-uuid`): a detail page shows "not found", not "try again".
 */
export function isNotFound(error: unknown): boolean {
  const data = dataOf(error);
  if (data?.code === 'NOT_FOUND') return true;
  return data?.code === 'BAD_REQUEST' && Object.keys(data.fieldErrors ?? {}).some((field) => /Id$/.test(field));
}
