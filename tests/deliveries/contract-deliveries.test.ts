import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure, fieldErrors } from '../harness/errors.ts';
import { createCompany } from '../harness/factories.ts';
import { contractWorld } from '../support/complaint-fixtures.ts';

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(async () => {
  await app.close();
});

/** A contract of 100 bales with a 5 % tolerance: up to 105 bales may go. */
async function toleranceWorld(label: string) {
  const world = await contractWorld(app, label);
  await app.db.updateTable('contracts').set({ quantity_tolerance_pct: '5' }).where('id', '=', world.contractId).execute();
  return world;
}

describe('deliveries against a contract', () => {
  it('dispatches within the tolerance, refuses past it, and the buyer receives it', async () => {
    const { seller, buyer, contractId } = await toleranceWorld('ContractTrucks');
    const dispatch = seller.members.staff.caller.deliveries.dispatchContract;
    const first = await dispatch({ contractId, quantity: '60', bales: 60, vehicleNumber: 'GJ03ZZ1' });
    expect(first.number).toMatch(/^DC-/);
    const over = await failure(dispatch({ contractId, quantity: '45.5' }));
    expect(over.reason).toBe('QUANTITY_EXCEEDS_REMAINING');
    expect(fieldErrors(over).quantity?.[0]).toContain('45.000');
    const second = await dispatch({ contractId, quantity: '45' });

    const remaining = await buyer.members.viewer.caller.deliveries.contractRemaining({ contractId });
    expect(remaining).toMatchObject({
      quantity: '100.000',
      maxQuantity: '105.000',
      dispatched: '105.000',
      remaining: '0.000',
      dispatchable: false,
    });
    expect((await seller.members.staff.caller.deliveries.contractRemaining({ contractId })).dispatchable).toBe(true);

    const seen = await buyer.members.staff.caller.deliveries.get({ deliveryId: first.id });
    expect(seen).toMatchObject({ side: 'buyer', contractId, orderId: null, actions: ['receive'] });
    expect(seen.contractNumber).toMatch(/^PC-/);
    const [line] = seen.lines;
    if (!line) throw new Error('a contract delivery has one line');
    await buyer.members.staff.caller.deliveries.receive({
      deliveryId: first.id,
      lines: [{ deliveryLineId: line.id, acceptedQuantity: '58', rejectedQuantity: '2', reason: 'Two bales wet' }],
    });
    const after = await seller.members.staff.caller.deliveries.contractRemaining({ contractId });
    expect(after).toMatchObject({ received: '60.000', accepted: '58.000', rejected: '2.000' });
    const listed = await buyer.members.staff.caller.deliveries.list({ contractId });
    expect(listed.items.map((d) => d.id)).toEqual([second.id, first.id]);
  });

  it('is the seller’s alone, and NOT_FOUND to anyone outside the contract', async () => {
    const { seller, buyer, contractId } = await toleranceWorld('ContractAccess');
    expect((await failure(buyer.members.owner.caller.deliveries.dispatchContract({ contractId, quantity: '1' }))).reason).toBe(
      'WRONG_SIDE',
    );
    expect((await failure(seller.members.viewer.caller.deliveries.dispatchContract({ contractId, quantity: '1' }))).code).toBe('FORBIDDEN');
    const stranger = await createCompany(app, 'ContractStranger');
    expect((await failure(stranger.members.owner.caller.deliveries.dispatchContract({ contractId, quantity: '1' }))).code).toBe(
      'NOT_FOUND',
    );
    expect((await failure(stranger.members.owner.caller.deliveries.contractRemaining({ contractId }))).code).toBe('NOT_FOUND');
  });
});
