import { type DomainEventName, domainEventNames } from '../events/registry.ts';

// Which domain events a company can receive on its webhook endpoints. The registry is the source;
// a few events are the platform's own business (operators' masters, the desk's refresh signal).

const NOT_FOR_WEBHOOKS: ReadonlySet<DomainEventName> = new Set<DomainEventName>(['desk.changed', 'master.changed', 'user.disabled']);

/** Event names an endpoint may subscribe to, in the registry's stable order. */
export const WEBHOOK_EVENT_NAMES: readonly DomainEventName[] = domainEventNames.filter((name) => !NOT_FOR_WEBHOOKS.has(name));

export function isWebhookEventName(name: string): name is DomainEventName {
  return (WEBHOOK_EVENT_NAMES as readonly string[]).includes(name);
}

/** The group an event is listed under in the endpoint form's picker: its name up to the first dot. */
export function webhookEventGroup(name: DomainEventName): string {
  return name.slice(0, name.indexOf('.'));
}

/** The type of the test event an admin sends from the endpoint's page (not a domain event). */
export const WEBHOOK_TEST_EVENT = 'webhook.test';
