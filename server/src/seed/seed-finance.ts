import type { PaymentTerms } from '@tradeloom/shared';
import type { CompanyActor, ServiceContext } from '../deps.ts';
import { dispatchDelivery, receiveDelivery } from '../modules/deliveries/deliveries.service.ts';
import { setCreditLimit } from '../modules/finance/credit-limits.service.ts';
import { openDispute, resolveDispute } from '../modules/finance/disputes.service.ts';
import { createInvoice, issueInvoice } from '../modules/finance/invoices.service.ts';
import { recordPayment } from '../modules/finance/payments.service.ts';
import { changeOrderStatus } from '../modules/orders/order-transitions.service.ts';
import { getOrder } from '../modules/orders/order-views.service.ts';
import { createOrder } from '../modules/orders/orders.service.ts';
import { changeLink, requestLink } from '../modules/partners/partners.service.ts';

/**
 * Goods and money on the demo network, dated back from the seed's clock so the ageing shows:
 * - Saurashtra → Coimbatore (Gujarat → Tamil Nadu, IGST): 100 candy of Shankar-6 in two trucks,
 *   2 candy rejected on re-test, invoiced 70 days ago on 30 days' credit (overdue 31–60 days),
 *   part paid, with the mill's quality dispute open; the mill has a ₹75 lakh credit limit.
 * - Gondal → Saurashtra (both Gujarat, CGST + SGST): 50 candy in one truck, invoiced and paid in full.
 * - Coimbatore → Bhiwandi (Tamil Nadu → Maharashtra, IGST): 40s yarn, a short-weight dispute
 *   resolved into a credit note.
 */
export async function seedFinance(ctx: ServiceContext, actors: Map<string, CompanyActor>) {
  const actor = (name: string) => {
    const found = actors.get(name);
    if (!found) throw new Error(`demo company ${name} missing`);
    return found;
  };
  const trader = actor('Saurashtra Cotton Traders');
  const mill = actor('Coimbatore Spinning Mills');
  const ginner = actor('Gondal Ginning Company');
  const weaver = actor('Bhiwandi Weaving Works');
  const day = (offset: number) => new Date(ctx.deps.clock.now().getTime() + offset * 86_400_000).toISOString().slice(0, 10);

  // The trader also buys lint from the Gondal press, a short drive away in the same state.
  const link = await requestLink(ctx, trader, {
    supplierId: ginner.companyId,
    message: 'Shankar-6 lint from your pressing, 50 candy lots.',
  });
  await changeLink(ctx, ginner, link.id, 'accept');
  // Set before the invoice goes out, which stays under it.
  await setCreditLimit(ctx, trader, { partnerId: mill.companyId, amount: '7500000.00', currency: 'INR' });

  const acceptedOrder = async (
    buyer: CompanyActor,
    supplier: CompanyActor,
    sku: string,
    quantity: string,
    paymentTerms: PaymentTerms,
    note: string,
  ) => {
    const product = await ctx.deps.db
      .selectFrom('products')
      .select(['id', 'unit', 'price'])
      .where('company_id', '=', supplier.companyId)
      .where('sku', '=', sku)
      .executeTakeFirstOrThrow();
    let order = await createOrder(ctx, buyer, {
      supplierId: supplier.companyId,
      lines: [{ productId: product.id, quantity, unit: product.unit, unitPrice: product.price }],
      paymentTerms,
      note,
    });
    order = await changeOrderStatus(ctx, buyer, { orderId: order.id, action: 'submit', version: order.version });
    order = await changeOrderStatus(ctx, supplier, { orderId: order.id, action: 'accept', version: order.version });
    const line = (await getOrder(ctx, supplier, order.id)).lines[0];
    if (!line) throw new Error('demo order has no line');
    return { orderId: order.id, lineId: line.id };
  };
  const invoiced = async (supplier: CompanyActor, orderId: string, invoiceDate: string) => {
    const draft = await createInvoice(ctx, supplier, { orderId, invoiceDate });
    return issueInvoice(ctx, supplier, { invoiceId: draft.id, version: draft.version });
  };

  // Each side keeps its own books: the supplier records the money received, the buyer the money paid.
  const paid = async (
    supplier: CompanyActor,
    buyer: CompanyActor,
    invoiceId: string,
    amount: string,
    on: string,
    reference: string,
    note?: string,
  ) => {
    for (const [who, partner, direction] of [
      [supplier, buyer, 'received'],
      [buyer, supplier, 'made'],
    ] as const) {
      await recordPayment(ctx, who, {
        partnerId: partner.companyId,
        amount,
        currency: 'INR',
        receivedAt: on,
        method: 'neft_rtgs',
        reference,
        direction,
        note,
        allocations: [{ invoiceId, amount }],
      });
    }
  };

  // 1. Cotton to the mill, inter-state, in two trucks.
  const cotton = await acceptedOrder(
    mill,
    trader,
    'S6-29MM',
    '100',
    { kind: 'net', days: 30 },
    'December spinning plan, 100 candy Shankar-6',
  );
  const trucks = [
    { offset: -74, bales: 250, lots: ['RJK-2611-01', 'RJK-2611-02'], vehicle: 'GJ03AX4417', lr: 'PRL-118204', eway: '241008811732' },
    { offset: -72, bales: 250, lots: ['RJK-2611-03', 'RJK-2611-04'], vehicle: 'GJ03BZ9082', lr: 'PRL-118231', eway: '241008812956' },
  ];
  const dispatched = [];
  for (const truck of trucks) {
    dispatched.push(
      await dispatchDelivery(ctx, trader, {
        orderId: cotton.orderId,
        lines: [{ orderLineId: cotton.lineId, quantity: '50', bales: truck.bales, lotNumbers: truck.lots }],
        transporter: 'Patel Roadlines, Rajkot',
        vehicleNumber: truck.vehicle,
        lrNumber: truck.lr,
        ewayBillNumber: truck.eway,
        dispatchDate: day(truck.offset),
      }),
    );
  }
  const [first, second] = dispatched;
  if (!first || !second) throw new Error('demo trucks missing');
  await receiveDelivery(ctx, mill, {
    deliveryId: first.id,
    lines: [{ orderLineId: cotton.lineId, acceptedQuantity: '50', rejectedQuantity: '0' }],
    receivedOn: day(-71),
  });
  await receiveDelivery(ctx, mill, {
    deliveryId: second.id,
    lines: [
      {
        orderLineId: cotton.lineId,
        acceptedQuantity: '48',
        rejectedQuantity: '2',
        reason: 'Failed re-test: micronaire 4.6 on lot RJK-2611-04, above the 4.2 agreed',
      },
    ],
    receivedOn: day(-69),
  });
  // ₹61,50,000 + 5% IGST = ₹64,57,500, due 40 days ago; ₹25 lakh paid by NEFT.
  const cottonInvoice = await invoiced(trader, cotton.orderId, day(-70));
  await paid(trader, mill, cottonInvoice.id, '2500000.00', day(-35), 'NEFT UTR CNRB526134457781', 'Part payment against the December lot');
  // The two rejected candy, with IGST: 2 × ₹61,500 × 1.05.
  await openDispute(ctx, mill, {
    invoiceId: cottonInvoice.id,
    amount: '129150.00',
    reason: 'quality',
    description: 'Two candy of lot RJK-2611-04 failed our re-test (micronaire 4.6) and were rejected at the gate; please credit them.',
    evidenceFileIds: [],
  });

  // 2. Lint from the Gondal press to the trader, within Gujarat, paid in full.
  const lint = await acceptedOrder(trader, ginner, 'G-S6-29', '50', { kind: 'net', days: 15 }, 'Gondal pressing for the Rajkot godown');
  const lintTruck = await dispatchDelivery(ctx, ginner, {
    orderId: lint.orderId,
    lines: [{ orderLineId: lint.lineId, quantity: '50', bales: 250, lotNumbers: ['GGC-118'] }],
    transporter: 'Shree Khodiyar Transport',
    vehicleNumber: 'GJ03CT2215',
    lrNumber: 'SKT-5530',
    dispatchDate: day(-24),
  });
  await receiveDelivery(ctx, trader, {
    deliveryId: lintTruck.id,
    lines: [{ orderLineId: lint.lineId, acceptedQuantity: '50', rejectedQuantity: '0' }],
    receivedOn: day(-23),
  });
  // ₹30,50,000 + 2.5% CGST + 2.5% SGST = ₹32,02,500, paid by RTGS.
  const lintInvoice = await invoiced(ginner, lint.orderId, day(-23));
  await paid(ginner, trader, lintInvoice.id, lintInvoice.total, day(-8), 'RTGS HDFCR52026112804417');

  // 3. Yarn to the weaver, 40 kg short on arrival: a dispute resolved with a credit note.
  const yarn = await acceptedOrder(weaver, mill, 'YRN-40CC', '2000', { kind: 'net', days: 45 }, '40s combed for the shirting looms');
  const yarnTruck = await dispatchDelivery(ctx, mill, {
    orderId: yarn.orderId,
    lines: [{ orderLineId: yarn.lineId, quantity: '2000', bales: 40 }],
    transporter: 'KPN Parcel Service',
    vehicleNumber: 'TN38CK7731',
    lrNumber: 'KPN-CBE-884120',
    dispatchDate: day(-14),
  });
  await receiveDelivery(ctx, weaver, {
    deliveryId: yarnTruck.id,
    lines: [{ orderLineId: yarn.lineId, acceptedQuantity: '2000', rejectedQuantity: '0' }],
    receivedOn: day(-11),
  });
  const yarnInvoice = await invoiced(mill, yarn.orderId, day(-12));
  // 40 kg × ₹298 with 5% IGST.
  const short = await openDispute(ctx, weaver, {
    invoiceId: yarnInvoice.id,
    amount: '12516.00',
    reason: 'quantity',
    description: 'Cartons weighed 40 kg short of the 2,000 kg invoiced at our weighbridge.',
    evidenceFileIds: [],
  });
  await resolveDispute(ctx, mill, {
    disputeId: short.id,
    outcome: 'credit_note',
    note: 'Short weight confirmed against our despatch weighbridge slip',
  });
}
