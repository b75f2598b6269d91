import type { Config } from '../../config.ts';
import { openSecret, sealSecret } from '../../lib/secret-box.ts';

// An endpoint's signing secrets (`whsec_…`) at rest: sealed under TWO_FACTOR_KEY and bound to the
// endpoint's id, so a database dump alone signs nothing and a secret copied onto another endpoint
// does not open. The sender asks `endpointSecrets` for the secrets that sign right now.

type KeyConfig = Pick<Config, 'twoFactorKey'>;

const SEALED_PREFIX = 'sealed1:';
// Plain secrets may exist in rows written directly (fixtures, before sealing): read as they are.
const PLAIN_PREFIX = 'whsec_';

const bindingOf = (endpointId: string) => `webhook_endpoints.secret:${endpointId}`;

/** The text stored in `webhook_endpoints.secret` for a new secret of endpoint `endpointId`. */
export function sealEndpointSecret(config: KeyConfig, endpointId: string, secret: string): string {
  const sealed = sealSecret(config, bindingOf(endpointId), new TextEncoder().encode(secret));
  return SEALED_PREFIX + Buffer.from(sealed).toString('base64');
}

/** The secret a stored value holds; throws when it was sealed under another key or for another endpoint. */
export function openEndpointSecret(config: KeyConfig, endpointId: string, stored: string): string {
  if (stored.startsWith(PLAIN_PREFIX)) return stored;
  if (!stored.startsWith(SEALED_PREFIX)) throw new Error('Unknown webhook secret format.');
  const sealed = Buffer.from(stored.slice(SEALED_PREFIX.length), 'base64');
  return new TextDecoder().decode(openSecret(config, bindingOf(endpointId), sealed));
}

export interface StoredEndpointSecrets {
  id: string;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
}

/**
 * The secrets that sign a message sent at `now`: the current one first, then the previous one
 * while a rotation's overlap runs (Standard Webhooks sends one `v1,…` signature per secret).
 */
export function endpointSecrets(config: KeyConfig, endpoint: StoredEndpointSecrets, now: Date): string[] {
  const secrets = [openEndpointSecret(config, endpoint.id, endpoint.secret)];
  const expiresAt = endpoint.previous_secret_expires_at;
  if (endpoint.previous_secret && expiresAt && expiresAt.getTime() > now.getTime()) {
    secrets.push(openEndpointSecret(config, endpoint.id, endpoint.previous_secret));
  }
  return secrets;
}

/** The last 4 characters of the current secret, or '' when it cannot be opened (TWO_FACTOR_KEY changed). */
export function secretHintOf(config: KeyConfig, endpoint: Pick<StoredEndpointSecrets, 'id' | 'secret'>): string {
  try {
    return openEndpointSecret(config, endpoint.id, endpoint.secret).slice(-4);
  } catch {
    return '';
  }
}
