import { createClient, errorReason } from '@tradeloom/sdk';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { orderWorld } from '../support/complaint-fixtures.ts';

// Complaints driven by two programs over HTTP, each with its company's API key: the buyer's files
// one about an order, the supplier's finds it and, once a manager has assigned the rep, resolves
// it with a credit note (a stale version refused first); the buyer's reads what was agreed.

let app: TestApp;
let http: Awaited<ReturnType<TestApp['startHttp']>>;
beforeAll(async () => {
  app = await setupTestApp();
  http = await app.startHttp();
});
afterAll(async () => {
  await http.close();
  await app.close();
});

it('a buyer key files a complaint and a supplier key resolves it with a credit note', async () => {
  const world = await orderWorld(app, 'SdkComplaint');
  const buyerKey = await world.buyer.members.admin.caller.apiKeys.create({ name: 'erp', scopes: ['support:read', 'support:write'] });
  const supplierKey = await world.supplier.members.admin.caller.apiKeys.create({
    name: 'helpdesk',
    scopes: ['support:read', 'support:write'],
  });
  const buyer = createClient({ url: http.url, apiKey: buyerKey.key });
  const supplier = createClient({ url: http.url, apiKey: supplierKey.key });

  const filed = await buyer.support.complaints.file.mutate({
    about: { type: 'order', id: world.order.id },
    category: 'quantity_short',
    description: '940 kg delivered of 1,000 kg',
    amountClaimed: '15930',
  });
  expect(filed.number).toMatch(/^CMP-\d{4}-000001$/);

  const received = await supplier.support.complaints.list.query({ side: 'received', status: 'open' });
  expect(received.items.map((item) => [item.id, item.about.document, item.amountClaimed, item.sla])).toEqual([
    [filed.id, world.order.buyerNumber, '15930.00', 'on_time'],
  ]);
  // Assigning is a manager's call, which no API key scope grants: the manager does it in the app.
  const assigned = await world.supplier.members.manager.caller.support.complaints.assign({
    complaintId: filed.id,
    assigneeUserId: world.supplier.members.staff.id,
    version: 1,
  });
  expect(assigned).toEqual({ id: filed.id, status: 'in_review', version: 2 });

  const stale = await supplier.support.complaints.resolve
    .mutate({ complaintId: filed.id, version: 1, resolution: 'credit_note', creditAmount: '15930', note: 'Credit for 60 kg' })
    .catch((error: unknown) => error);
  expect(errorReason(stale)).toBe('STALE_VERSION');
  await supplier.support.complaints.resolve.mutate({
    complaintId: filed.id,
    version: 2,
    resolution: 'credit_note',
    creditAmount: '15930',
    note: 'Credit for 60 kg',
  });

  const view = await buyer.support.complaints.get.query({ complaintId: filed.id });
  expect(view).toMatchObject({
    status: 'resolved',
    assignee: { id: world.supplier.members.staff.id },
    resolution: { kind: 'credit_note', creditAmount: '15930.00', note: 'Credit for 60 kg' },
    actions: ['reopen', 'note'],
  });
  expect(view.entries.map((entry) => [entry.kind, entry.author])).toEqual([
    ['filed', null],
    ['assigned', { id: world.supplier.members.manager.id, name: 'Test SdkComplaintSupplier-manager' }],
    ['resolved', null],
  ]);
});
