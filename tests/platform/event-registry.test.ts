import { randomUUID } from 'node:crypto';
import { inTransaction } from '@tradeloom/db';
import { jobHandlers, registerSubscriptions, SubscriptionRegistry } from '@tradeloom/server';
import { auditActions, auditSentence, domainEventNames, domainEvents, notificationText, notifyingEvents } from '@tradeloom/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../../server/src/modules/audit/audit.service.ts';
import { emitEvent } from '../../server/src/modules/events/events.service.ts';
import { recordChange } from '../../server/src/modules/events/record-change.ts';
import { MESSAGING_NOTIFY_EVENTS, MESSAGING_NOTIFY_QUEUE } from '../../server/src/modules/messaging/messaging.notifications.ts';
import { NOTIFY_QUEUE } from '../../server/src/modules/notifications/notifications.jobs.ts';
import { SOURCING_NOTIFY_EVENTS, SOURCING_NOTIFY_QUEUE } from '../../server/src/modules/sourcing/sourcing.notifications.ts';
import { SUPPORT_NOTIFY_EVENTS, SUPPORT_NOTIFY_QUEUE } from '../../server/src/modules/support/support.notifications.ts';
import { TRADEDESK_MATCH_EVENTS, TRADEDESK_MATCH_QUEUE } from '../../server/src/modules/tradedesk/match-notify.ts';
import { TRADEDESK_NOTIFY_EVENTS, TRADEDESK_NOTIFY_QUEUE } from '../../server/src/modules/tradedesk/tradedesk.notifications.ts';
import { setupTestApp, type TestApp } from '../harness/app.ts';

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(() => app.close());

const request = { requestId: 'registry-test', ip: null, userAgent: null };

// Never called: tsc (pnpm typecheck) fails if any of these lines stops being a type error.
async function callSitesTheRegistryRefuses(trx: TestApp['db']) {
  // @ts-expect-error an action the registry does not name
  await recordAudit(trx, { userId: null }, request, { companyId: null, action: 'order.teleported', entityType: 'order', entityId: 'x' });
  // @ts-expect-error the action's entity type is `order`, not `product`
  await recordAudit(trx, { userId: null }, request, { companyId: null, action: 'order.ship', entityType: 'product', entityId: 'x' });
  // @ts-expect-error an event the registry does not name
  await emitEvent(trx, null, request, { type: 'order.teleported', companyId: null, entityType: 'order', entityId: 'x' });
  // @ts-expect-error a partner-link event carries the two parties and the actor
  await emitEvent(trx, null, request, { type: 'partner.link_accepted', companyId: null, entityType: 'partner_link', entityId: 'x' });
  await emitEvent(trx, null, request, {
    type: 'member.joined',
    companyId: null,
    entityType: 'user',
    entityId: 'x',
    // @ts-expect-error member.joined's role is a string
    payload: { role: 7 },
  });
}
void callSitesTheRegistryRefuses;

describe('the registry of audit actions and events', () => {
  it('gives every audit action a sentence for the history screens, and unknown actions read as their name', () => {
    for (const [action, spec] of Object.entries(auditActions)) expect(spec.sentence, action).toMatch(/^[a-z]/);
    expect(auditSentence('order.ship')).toBe('shipped it');
    expect(auditSentence('legacy.thing_done')).toBe('legacy.thing done');
  });

  it('fills notification texts from the registry', () => {
    expect(notificationText('order.shipped', 'Acme', { document: 'PO-2026-000005' })).toBe('Acme shipped PO-2026-000005');
    expect(notificationText('order.submitted', 'Acme', { document: 'PO-2026-000005', amount: '₹66,150.00' })).toBe(
      'Acme sent PO-2026-000005, ₹66,150.00',
    );
    // An event stored before orders carried their number and total still reads as a sentence.
    expect(notificationText('order.submitted', 'Acme')).toBe('Acme sent an order');
    expect(notificationText('product.created', 'Acme')).toBeNull();
    expect(notifyingEvents()).toContain('partner.link_requested');
  });

  it('refuses at run time a payload that breaks its schema, writing nothing', async () => {
    const entityId = randomUUID();
    const badPayload = { role: 7 } as unknown as { role: string };
    await expect(
      inTransaction(app.db, (trx) =>
        emitEvent(trx, null, request, { type: 'member.joined', companyId: null, entityType: 'user', entityId, payload: badPayload }),
      ),
    ).rejects.toThrow();
    const rows = await app.db.selectFrom('domain_events').select('id').where('entity_id', '=', entityId).execute();
    expect(rows).toEqual([]);
  });

  it('records the audit row and the event of one change together, with the event named apart from the action', async () => {
    const orderId = randomUUID();
    const parties = { buyerCompanyId: randomUUID(), supplierCompanyId: randomUUID(), actorCompanyId: randomUUID() };
    await inTransaction(app.db, (trx) =>
      recordChange(trx, { userId: null }, request, {
        companyId: null,
        action: 'order.ship',
        event: 'order.shipped',
        entityType: 'order',
        entityId: orderId,
        before: { status: 'in_progress' },
        after: { status: 'shipped' },
        payload: { ...parties, action: 'ship' },
      }),
    );
    const audit = await app.db.selectFrom('audit_log').select(['action', 'after']).where('entity_id', '=', orderId).execute();
    const events = await app.db.selectFrom('domain_events').select(['type', 'payload']).where('entity_id', '=', orderId).execute();
    expect(audit).toEqual([{ action: 'order.ship', after: { status: 'shipped' } }]);
    expect(events).toEqual([{ type: 'order.shipped', payload: { ...parties, action: 'ship' } }]);
  });
});

describe('subscriptions registered at start-up', () => {
  const handlers = () => jobHandlers(app.deps);

  it('routes every event with a notification text to the notification queue, and nothing else', () => {
    const registry = registerSubscriptions(new SubscriptionRegistry(), handlers());
    for (const name of notifyingEvents()) expect(registry.queuesFor(name), name).toEqual([NOTIFY_QUEUE]);
    expect(registry.queuesFor('product.created')).toEqual([]);
    for (const name of SOURCING_NOTIFY_EVENTS) expect(registry.queuesFor(name), name).toEqual([SOURCING_NOTIFY_QUEUE]);
    for (const name of TRADEDESK_NOTIFY_EVENTS) expect(registry.queuesFor(name), name).toEqual([TRADEDESK_NOTIFY_QUEUE]);
    for (const name of MESSAGING_NOTIFY_EVENTS) expect(registry.queuesFor(name), name).toEqual([MESSAGING_NOTIFY_QUEUE]);
    for (const name of SUPPORT_NOTIFY_EVENTS) expect(registry.queuesFor(name), name).toEqual([SUPPORT_NOTIFY_QUEUE]);
    // A posted offer is scored against the desk by the match job, which words nothing itself.
    for (const name of TRADEDESK_MATCH_EVENTS) expect(registry.queuesFor(name), name).toEqual([TRADEDESK_MATCH_QUEUE]);
  });

  it('lists the events no job reacts to (recorded for history and live screens only)', () => {
    const registry = registerSubscriptions(new SubscriptionRegistry(), handlers());
    const unsubscribed = registry.unsubscribedEvents();
    expect(unsubscribed).toContain('catalog.imported');
    expect(unsubscribed).not.toContain('order.submitted');
    const subscribed =
      notifyingEvents().length +
      SOURCING_NOTIFY_EVENTS.length +
      TRADEDESK_NOTIFY_EVENTS.length +
      TRADEDESK_MATCH_EVENTS.length +
      MESSAGING_NOTIFY_EVENTS.length +
      SUPPORT_NOTIFY_EVENTS.length;
    expect(unsubscribed.length + subscribed).toBe(domainEventNames.length);
  });

  it('refuses at start-up a queue nothing runs and a name the registry does not know', () => {
    const { [NOTIFY_QUEUE]: _dropped, ...withoutNotifications } = handlers();
    expect(() => registerSubscriptions(new SubscriptionRegistry(), withoutNotifications)).toThrow(/notifications\.partner/);
    expect(() => new SubscriptionRegistry().subscribe(['order.teleported' as never], 'q')).toThrow(/unknown event order\.teleported/);
  });

  it('queues a subscriber job only for what was subscribed before the event, not at import time', async () => {
    const entityId = randomUUID();
    expect(domainEvents['order.submitted'].notify).toBeDefined();
    await inTransaction(app.db, (trx) =>
      emitEvent(trx, null, request, {
        type: 'order.submitted',
        companyId: null,
        entityType: 'order',
        entityId,
        payload: { buyerCompanyId: entityId, supplierCompanyId: entityId, actorCompanyId: entityId, action: 'submit' },
      }),
    );
    const event = await app.db.selectFrom('domain_events').select('id').where('entity_id', '=', entityId).executeTakeFirstOrThrow();
    const jobs = await app.db
      .selectFrom('jobs')
      .select('queue')
      .where('payload', '=', JSON.stringify({ eventId: event.id }))
      .execute();
    expect(jobs).toEqual([{ queue: NOTIFY_QUEUE }]);
  });
});
