import type { WebhookConfig } from '../../config.ts';

// SSRF rules for webhook addresses (see the SSRF helper's implementation): https only unless
// configured, and no host resolving to a private, loopback, link-local or metadata address unless
// it is on WEBHOOK_ALLOW_HOSTS.

/**
 * CONTRACT STUB: refuses an address a webhook may not use, as BAD_REQUEST with reason
 * WEBHOOK_URL_REFUSED naming the `url` field. Called when an endpoint is created or its URL changed;
 * the sender checks again (and pins the checked address) on every attempt.
 */
export async function assertWebhookUrlAllowed(_config: WebhookConfig, _url: string): Promise<void> {}
