import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendOverdueInvoiceReminders } from '../../server/src/modules/finance/overdue-reminders.ts';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { tradingPair } from '../orders/order-fixtures.ts';
import { dayFromToday, insertIssuedInvoice, insertOpenDispute } from './issued-invoice-fixture.ts';

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(async () => {
  await app.close();
});

const DAY = 86_400_000;

async function reminders(companyId: string, invoiceId: string) {
  const rows = await app.db
    .selectFrom('notifications')
    .select(['dedupe_key', 'title'])
    .where('company_id', '=', companyId)
    .where('type', '=', 'reminder.invoice_overdue')
    .where('entity_id', '=', invoiceId)
    .execute();
  return [...new Map(rows.map((row) => [row.dedupe_key, row.title])).values()];
}

describe('overdue invoice reminders', () => {
  it('reminds the buyer once per stage of an overdue invoice, leaving out the disputed amount; a wholly disputed invoice gets none', async () => {
    const world = await tradingPair(app, 'Remind');
    const partlyDisputed = await insertIssuedInvoice(app, world, { total: '1000.00', dueDate: dayFromToday(app, -3) });
    await insertOpenDispute(app, world, partlyDisputed.id, '400.00');
    const whollyDisputed = await insertIssuedInvoice(app, world, { total: '700.00', dueDate: dayFromToday(app, -3) });
    await insertOpenDispute(app, world, whollyDisputed.id, '700.00');
    const notYetDue = await insertIssuedInvoice(app, world, { total: '900.00', dueDate: dayFromToday(app, 10) });

    await sendOverdueInvoiceReminders(app.deps);
    await sendOverdueInvoiceReminders(app.deps);
    const first = await reminders(world.buyer.id, partlyDisputed.id);
    expect(first).toEqual([`${partlyDisputed.number} from ${world.supplier.name} is 3 days past due: INR 600.00 to pay`]);
    expect(await reminders(world.buyer.id, whollyDisputed.id)).toEqual([]);
    expect(await reminders(world.buyer.id, notYetDue.id)).toEqual([]);
    // The supplier is not reminded of what it is owed.
    expect(await reminders(world.supplier.id, partlyDisputed.id)).toEqual([]);

    // Thirty days on, the next stage; the invoice that fell due meanwhile gets its first.
    app.clock.advance(30 * DAY);
    await sendOverdueInvoiceReminders(app.deps);
    expect(await reminders(world.buyer.id, partlyDisputed.id)).toHaveLength(2);
    expect(await reminders(world.buyer.id, notYetDue.id)).toHaveLength(1);
    expect(await reminders(world.buyer.id, whollyDisputed.id)).toEqual([]);
    const stages = await app.db
      .selectFrom('invoice_reminders')
      .select('stage')
      .where('invoice_id', '=', partlyDisputed.id)
      .orderBy('stage')
      .execute();
    expect(stages.map((row) => row.stage)).toEqual(['overdue_1', 'overdue_31']);
  });

  it('sends nothing for a paid invoice', async () => {
    const world = await tradingPair(app, 'RemindPaid');
    const invoice = await insertIssuedInvoice(app, world, { total: '100.00', dueDate: dayFromToday(app, -2) });
    await world.supplier.members.staff.caller.finance.payments.record({
      partnerId: world.buyer.id,
      amount: '100',
      currency: 'INR',
      receivedAt: dayFromToday(app, 0),
      method: 'cash',
      reference: '',
      allocations: [{ invoiceId: invoice.id, amount: '100' }],
    });
    await sendOverdueInvoiceReminders(app.deps);
    expect(await reminders(world.buyer.id, invoice.id)).toEqual([]);
  });
});
