import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Config } from '../../config.ts';

// TOTP keys at rest: AES-256-GCM under TWO_FACTOR_KEY, with the user id as associated data so a
// row copied onto another user does not decrypt. Stored as version byte ‖ IV ‖ tag ‖ ciphertext.
// Rows written before encryption hold the bare 20-byte key; they are read as they are and
// re-encrypted the next time a code is verified against them (no data migration needed).
const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const LEGACY_KEY_BYTES = 20;

function boxKey(config: Pick<Config, 'twoFactorKey'>): Buffer {
  // loadConfig refuses to start without one in production, and derives one elsewhere.
  if (!config.twoFactorKey) throw new Error('TWO_FACTOR_KEY is not configured.');
  return config.twoFactorKey;
}

export function sealTotpKey(config: Pick<Config, 'twoFactorKey'>, userId: string, key: Uint8Array): Uint8Array {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', boxKey(config), iv).setAAD(Buffer.from(userId));
  const sealed = Buffer.concat([cipher.update(key), cipher.final()]);
  return Buffer.concat([Buffer.of(VERSION), iv, cipher.getAuthTag(), sealed]);
}

/** True for a row stored before encryption, which should be sealed on its next use. */
export function isLegacyTotpKey(stored: Uint8Array): boolean {
  return stored.length === LEGACY_KEY_BYTES;
}

export function openTotpKey(config: Pick<Config, 'twoFactorKey'>, userId: string, stored: Uint8Array): Uint8Array {
  if (isLegacyTotpKey(stored)) return stored;
  const bytes = Buffer.from(stored);
  if (bytes[0] !== VERSION) throw new Error('Unknown two-factor key format.');
  const iv = bytes.subarray(1, 1 + IV_BYTES);
  const tag = bytes.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', boxKey(config), iv).setAAD(Buffer.from(userId)).setAuthTag(tag);
  return new Uint8Array(Buffer.concat([decipher.update(bytes.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]));
}
