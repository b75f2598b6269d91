import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { createTOTPKeyURI, generateHOTP } from '@oslojs/otp';

// TOTP as authenticator apps use it: HMAC-SHA1, 30-second steps, 6 digits. Verified step by
// step with HOTP (TOTP is HOTP over the step number) so the server knows which step matched:
// a step used once cannot be used again, and the injected clock drives the tests.
const PERIOD_SECONDS = 30;
const DIGITS = 6;
// One step either side absorbs clock drift between phone and server (RFC 6238 §5.2).
const DRIFT_STEPS = 1;

export function newTotpKey(): Uint8Array {
  // 20 bytes: the HMAC-SHA1 block the RFC recommends, and Lucia's minimum.
  return crypto.getRandomValues(new Uint8Array(20));
}

/** The secret as people type it into an app, and the otpauth:// URI a QR code carries. */
export function totpEnrolment(key: Uint8Array, accountName: string): { secret: string; uri: string } {
  return { secret: encodeBase32UpperCaseNoPadding(key), uri: createTOTPKeyURI('Tradeloom', accountName, key, PERIOD_SECONDS, DIGITS) };
}

/** The time step the code belongs to (within the drift allowed), or null when it matches none. */
export function matchingStep(key: Uint8Array, code: string, now: Date): number | null {
  const current = Math.floor(now.getTime() / 1000 / PERIOD_SECONDS);
  for (let step = current - DRIFT_STEPS; step <= current + DRIFT_STEPS; step++) {
    if (constantTimeEquals(generateHOTP(key, BigInt(step), DIGITS), code)) return step;
  }
  return null;
}

function constantTimeEquals(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
