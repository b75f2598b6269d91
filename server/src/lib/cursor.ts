import { appError } from '../trpc/errors.ts';

// Opaque keyset cursors: the sort key of the last row seen, e.g. [name, id].

export function encodeCursor(values: string[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, length: number): string[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === length && values.every((v) => typeof v === 'string')) return values;
  } catch {
    // fall through to the error below
  }
  throw appError('BAD_REQUEST', 'TOKEN_INVALID', 'The page cursor is not valid; start from the first page.');
}

export function escapeLike(value: string): string {
  return value.replace(/[%_\\]/g, '\\$&');
}
