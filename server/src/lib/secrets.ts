import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';

// Lucia's alphabet: no look-alike characters; 24 characters × 5 bits = 120 bits of entropy.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

export function randomString(length = 24): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte >> 3];
  return out;
}

export function hashSecret(secret: string): Uint8Array {
  return sha256(new TextEncoder().encode(secret));
}

export function secretMatches(secret: string, storedHash: Uint8Array): boolean {
  return constantTimeEqual(hashSecret(secret), new Uint8Array(storedHash));
}

/** A two-part token `<id>.<secret>`: the id finds the row, the secret is checked against its hash. */
export function newToken(): { id: string; secret: string; token: string; secretHash: Uint8Array } {
  const id = randomString();
  const secret = randomString(32);
  return { id, secret, token: `${id}.${secret}`, secretHash: hashSecret(secret) };
}

export function splitToken(token: string): { id: string; secret: string } | null {
  const parts = token.split('.');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return null;
  return { id: parts[0], secret: parts[1] };
}
