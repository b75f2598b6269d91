import type { Config } from '../../config.ts';

// TEMPORARY until the endpoint service (whcrud) lands its sealed-secret reader `endpointSecrets`:
// plain `whsec_` secrets as stored by fixtures.

interface StoredEndpointSecrets {
  id: string;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
}

/** The secrets that sign a message sent at `now`: the current one, then the previous one during a rotation's overlap. */
export function endpointSecrets(_config: Pick<Config, 'twoFactorKey'>, endpoint: StoredEndpointSecrets, now: Date): string[] {
  const expiresAt = endpoint.previous_secret_expires_at;
  return endpoint.previous_secret && expiresAt && expiresAt > now ? [endpoint.secret, endpoint.previous_secret] : [endpoint.secret];
}
