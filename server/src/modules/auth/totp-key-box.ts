import type { Config } from '../../config.ts';
import { openSecret, sealSecret } from '../../lib/secret-box.ts';

// TOTP keys at rest: sealed (lib/secret-box.ts) with the user id as associated data so a row
// copied onto another user does not decrypt. Rows written before encryption hold the bare 20-byte
// key; they are read as they are and re-encrypted the next time a code is verified against them
// (no data migration needed).
const LEGACY_KEY_BYTES = 20;

export function sealTotpKey(config: Pick<Config, 'twoFactorKey'>, userId: string, key: Uint8Array): Uint8Array {
  return sealSecret(config, userId, key);
}

/** True for a row stored before encryption, which should be sealed on its next use. */
export function isLegacyTotpKey(stored: Uint8Array): boolean {
  return stored.length === LEGACY_KEY_BYTES;
}

export function openTotpKey(config: Pick<Config, 'twoFactorKey'>, userId: string, stored: Uint8Array): Uint8Array {
  if (isLegacyTotpKey(stored)) return stored;
  return openSecret(config, userId, stored);
}
