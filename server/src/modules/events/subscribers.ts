import { type DomainEventName, domainEventNames, isDomainEventName } from '@tradeloom/shared';

/**
 * Which job queues react to which domain events. Filled once at start-up by
 * `registerSubscriptions` (server/src/jobs.ts), never as a side effect of importing a module, so
 * what runs after an event can be read in one place and checked before the first request.
 */
export class SubscriptionRegistry {
  readonly #queuesByEvent = new Map<DomainEventName, Set<string>>();

  subscribe(events: readonly DomainEventName[], queue: string): void {
    for (const name of events) {
      // Names are typed, but a queue wired from configuration or a plugin is checked at start-up.
      if (!isDomainEventName(name)) throw new Error(`cannot subscribe ${queue} to unknown event ${name}`);
      const queues = this.#queuesByEvent.get(name) ?? new Set<string>();
      queues.add(queue);
      this.#queuesByEvent.set(name, queues);
    }
  }

  unsubscribe(events: readonly DomainEventName[], queue: string): void {
    for (const name of events) this.#queuesByEvent.get(name)?.delete(queue);
  }

  queuesFor(name: DomainEventName): string[] {
    return [...(this.#queuesByEvent.get(name) ?? [])];
  }

  /** Every queue some event feeds. */
  queues(): Set<string> {
    return new Set([...this.#queuesByEvent.values()].flatMap((queues) => [...queues]));
  }

  /** Events recorded for history and live screens only: no job reacts to them (yet). */
  unsubscribedEvents(): DomainEventName[] {
    return domainEventNames.filter((name) => this.queuesFor(name).length === 0);
  }

  clear(): void {
    this.#queuesByEvent.clear();
  }
}

/** The process's subscriptions, read by `emitEvent`. */
export const subscriptions = new SubscriptionRegistry();
