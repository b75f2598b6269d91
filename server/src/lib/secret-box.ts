import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Config } from '../config.ts';

// Secrets the server must read back (TOTP keys, webhook signing secrets) are kept at rest with
// AES-256-GCM under TWO_FACTOR_KEY. The associated data binds a box to its row and purpose, so a
// value copied onto another row (or into another table) does not open. Layout: version byte ‖ IV ‖
// tag ‖ ciphertext.
const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

function boxKey(config: Pick<Config, 'twoFactorKey'>): Buffer {
  // loadConfig refuses to start without one in production, and derives one elsewhere.
  if (!config.twoFactorKey) throw new Error('TWO_FACTOR_KEY is not configured.');
  return config.twoFactorKey;
}

/** Encrypts `plain`; `boundTo` (e.g. the owning row's id) must be given again to open it. */
export function sealSecret(config: Pick<Config, 'twoFactorKey'>, boundTo: string, plain: Uint8Array): Uint8Array {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', boxKey(config), iv).setAAD(Buffer.from(boundTo));
  const sealed = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([Buffer.of(VERSION), iv, cipher.getAuthTag(), sealed]);
}

/** Decrypts what `sealSecret` made; throws if the key, the binding or a byte differs. */
export function openSecret(config: Pick<Config, 'twoFactorKey'>, boundTo: string, stored: Uint8Array): Uint8Array {
  const bytes = Buffer.from(stored);
  if (bytes[0] !== VERSION) throw new Error('Unknown secret box format.');
  const iv = bytes.subarray(1, 1 + IV_BYTES);
  const tag = bytes.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', boxKey(config), iv).setAAD(Buffer.from(boundTo)).setAuthTag(tag);
  return new Uint8Array(Buffer.concat([decipher.update(bytes.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]));
}
