import { randomUUID } from 'node:crypto';
import { acceptedOrderWorld } from '../finance/finance-fixtures.ts';
import type { TestApp } from '../harness/app.ts';

/**
 * A linked buyer and supplier with the whole money trail, made through the procedures: a delivery
 * dispatched and received (part rejected), an issued invoice for 900 kg, a draft for the last
 * 100 kg, a part payment allocated to the invoice, a credit note and the buyer's open dispute.
 * The texts carry a canary naming the pair.
 */
export async function financeRecords(app: TestApp, label: string) {
  const world = await acceptedOrderWorld(app, label);
  const { buyer, supplier } = world;
  const canary = `CANARY-${label}-${randomUUID().slice(0, 8)}`;
  const line = world.order.lines[0];
  if (!line) throw new Error('the world has no order line');
  const sup = supplier.members.staff.caller;
  const buy = buyer.members.staff.caller;
  const delivery = await sup.deliveries.dispatch({
    orderId: world.order.id,
    lines: [{ orderLineId: line.id, quantity: line.quantity }],
    transporter: `Roadways ${canary}`,
    vehicleNumber: 'GJ01AB1234',
  });
  await buy.deliveries.receive({
    deliveryId: delivery.id,
    lines: [{ orderLineId: line.id, acceptedQuantity: '950', rejectedQuantity: '50', reason: `Micronaire ${canary}` }],
  });
  const created = await sup.finance.invoices.create({ orderId: world.order.id, lines: [{ orderLineId: line.id, quantity: '900' }] });
  const issued = await sup.finance.invoices.issue({ invoiceId: created.id, version: created.version });
  const draft = await sup.finance.invoices.create({ orderId: world.order.id, lines: [{ orderLineId: line.id, quantity: '100' }] });
  const payment = await sup.finance.payments.record({
    partnerId: buyer.id,
    amount: '50000',
    currency: 'INR',
    receivedAt: new Date().toISOString().slice(0, 10),
    method: 'neft',
    reference: `UTR-${canary}`,
    allocations: [{ invoiceId: issued.id, amount: '50000' }],
  });
  const note = await sup.finance.notes.create({ invoiceId: issued.id, kind: 'credit', reason: 'return', amount: '1000.00' });
  const dispute = await buy.finance.disputes.open({
    invoiceId: issued.id,
    amount: '2000.00',
    reason: 'quality',
    description: `Failed re-test ${canary}`,
  });
  return {
    ...world,
    canary,
    ids: {
      orderId: world.order.id,
      orderLineId: line.id,
      deliveryId: delivery.id,
      invoiceId: issued.id,
      invoiceVersion: issued.version,
      draftId: draft.id,
      draftVersion: draft.version,
      paymentId: payment.id,
      noteId: note.id,
      disputeId: dispute.id,
    },
  };
}

export type FinanceRecords = Awaited<ReturnType<typeof financeRecords>>;

/** A valid input for each id-taking procedure of deliveries.* and finance.*, naming the pair's records. */
export function financeIdInputs(records: FinanceRecords): Record<string, unknown> {
  const { orderId, orderLineId, deliveryId, invoiceId, invoiceVersion, draftId, draftVersion, paymentId, noteId, disputeId } = records.ids;
  return {
    'deliveries.dispatch': { orderId, lines: [{ orderLineId, quantity: '1' }] },
    'deliveries.receive': { deliveryId, lines: [{ orderLineId, acceptedQuantity: '1', rejectedQuantity: '0' }] },
    'deliveries.cancel': { deliveryId },
    'deliveries.get': { deliveryId },
    'deliveries.remaining': { orderId },
    'finance.invoices.create': { orderId, lines: [{ orderLineId, quantity: '1' }] },
    'finance.invoices.issue': { invoiceId: draftId, version: draftVersion },
    'finance.invoices.cancel': { invoiceId, version: invoiceVersion, reason: 'Cancelled by a stranger' },
    'finance.invoices.approveForPayment': { invoiceId },
    'finance.invoices.get': { invoiceId },
    'finance.invoices.invoiceable': { orderId },
    'finance.notes.create': { invoiceId, kind: 'credit', reason: 'return', amount: '1.00' },
    'finance.notes.get': { noteId },
    'finance.payments.allocate': { paymentId, allocations: [{ invoiceId, amount: '1' }] },
    'finance.payments.reverse': { paymentId, reason: 'Reversed by a stranger' },
    'finance.payments.get': { paymentId },
    'finance.payments.forInvoice': { invoiceId },
    'finance.disputes.open': { invoiceId, amount: '1.00', reason: 'quality', description: 'A stranger disputes' },
    'finance.disputes.respond': { disputeId, response: 'A stranger responds' },
    'finance.disputes.resolve': { disputeId, outcome: 'credit_note' },
    'finance.disputes.withdraw': { disputeId },
    'finance.disputes.get': { disputeId },
  };
}
