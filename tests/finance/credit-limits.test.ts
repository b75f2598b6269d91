import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure } from '../harness/errors.ts';
import { createCompany } from '../harness/factories.ts';
import { tradingPair, yarnLine } from '../orders/order-fixtures.ts';
import { insertIssuedInvoice } from './issued-invoice-fixture.ts';

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(async () => {
  await app.close();
});

/** A linked pair and an order of ₹2,65,500 (plus GST) the buyer sent, waiting for the supplier. */
async function submittedOrder(label: string) {
  const { buyer, supplier, product } = await tradingPair(app, label);
  const draft = await buyer.members.staff.caller.orders.create({ supplierId: supplier.id, lines: [yarnLine(product.id)] });
  const submitted = await buyer.members.staff.caller.orders.transition({ orderId: draft.id, action: 'submit', version: draft.version });
  return { buyer, supplier, order: submitted };
}

describe('finance.creditLimits', () => {
  it('is set and removed by a manager, read by everyone, refused to staff and for a company that is not a buyer', async () => {
    const { buyer, supplier } = await submittedOrder('LimitSet');
    const staff = await failure(
      supplier.members.staff.caller.finance.creditLimits.set({ partnerId: buyer.id, amount: '100000', currency: 'INR' }),
    );
    expect(staff.code).toBe('FORBIDDEN');
    await insertIssuedInvoice(app, { buyer, supplier }, { total: '40000.00' });
    await supplier.members.manager.caller.finance.creditLimits.set({ partnerId: buyer.id, amount: '100000', currency: 'INR' });
    expect(await supplier.members.viewer.caller.finance.creditLimits.list()).toEqual([
      expect.objectContaining({
        partnerId: buyer.id,
        partnerName: buyer.name,
        amount: '100000.00',
        exposure: '40000.00',
        available: '60000.00',
      }),
    ]);
    // The buyer is no supplier's buyer here: it has no limit to set on the supplier.
    expect(
      (await failure(buyer.members.manager.caller.finance.creditLimits.set({ partnerId: supplier.id, amount: '1', currency: 'INR' }))).code,
    ).toBe('NOT_FOUND');
    const stranger = await createCompany(app, 'LimitStranger');
    expect(
      (await failure(supplier.members.manager.caller.finance.creditLimits.set({ partnerId: stranger.id, amount: '1', currency: 'INR' })))
        .code,
    ).toBe('NOT_FOUND');
    await supplier.members.manager.caller.finance.creditLimits.remove({ partnerId: buyer.id });
    expect(await supplier.members.viewer.caller.finance.creditLimits.list()).toEqual([]);
    expect((await failure(supplier.members.manager.caller.finance.creditLimits.remove({ partnerId: buyer.id }))).code).toBe('NOT_FOUND');
  });

  it('refuses accepting an order past the buyer’s limit unless a manager overrides it', async () => {
    const { buyer, supplier, order } = await submittedOrder('LimitAccept');
    await supplier.members.manager.caller.finance.creditLimits.set({ partnerId: buyer.id, amount: '100000', currency: 'INR' });
    const refused = await failure(
      supplier.members.manager.caller.orders.transition({ orderId: order.id, action: 'accept', version: order.version }),
    );
    expect([refused.code, refused.reason]).toEqual(['CONFLICT', 'CREDIT_LIMIT_EXCEEDED']);
    expect((await supplier.members.viewer.caller.orders.get({ orderId: order.id })).status).toBe('submitted');
    const accepted = await supplier.members.manager.caller.orders.transition({
      orderId: order.id,
      action: 'accept',
      version: order.version,
      overrideCreditLimit: true,
    });
    expect(accepted.status).toBe('accepted');
    const audit = await app.db
      .selectFrom('audit_log')
      .select('after')
      .where('company_id', '=', supplier.id)
      .where('action', '=', 'order.accept')
      .executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ overrideCreditLimit: true });
  });

  it('accepts without a word when the order stays within the limit', async () => {
    const { buyer, supplier, order } = await submittedOrder('LimitWithin');
    await supplier.members.manager.caller.finance.creditLimits.set({ partnerId: buyer.id, amount: '1000000', currency: 'INR' });
    const accepted = await supplier.members.manager.caller.orders.transition({
      orderId: order.id,
      action: 'accept',
      version: order.version,
    });
    expect(accepted.status).toBe('accepted');
  });
});
