// Which job queues react to which event types. A module subscribes at start-up
// (`subscribe('partner.link_requested', 'notifications.fanout')`); the outbox fans out to each.
const subscriptions = new Map<string, Set<string>>();

export function subscribe(eventType: string, queue: string): void {
  const queues = subscriptions.get(eventType) ?? new Set<string>();
  queues.add(queue);
  subscriptions.set(eventType, queues);
}

export function subscribersOf(eventType: string): string[] {
  return [...(subscriptions.get(eventType) ?? []), ...(subscriptions.get('*') ?? [])];
}

export function unsubscribe(eventType: string, queue: string): void {
  subscriptions.get(eventType)?.delete(queue);
}
