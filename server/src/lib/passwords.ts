import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id parameters: m=19456 KiB, t=2, p=1. `2` is Algorithm.Argon2id (an ambient
// const enum that verbatimModuleSyntax cannot import).
const ARGON2ID = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/**
 * argon2 operations this process has run. Throttling and anti-enumeration promises are about
 * work done ("no verification while locked", "a taken address costs one hash too"), so tests
 * count it instead of timing it.
 */
export const passwordWork = { hashes: 0, verifications: 0 };

export function hashPassword(password: string): Promise<string> {
  passwordWork.hashes++;
  return hash(password, ARGON2ID);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  passwordWork.verifications++;
  return verify(passwordHash, password).catch(() => false);
}

// Verified against when the account does not exist, so both paths cost one argon2 verification.
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword('dummy password that never matches');
  await verifyPassword(await dummyHash, password);
  return false;
}
