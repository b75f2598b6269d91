import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedOrderWorld } from '../finance/finance-fixtures.ts';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure } from '../harness/errors.ts';

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(async () => {
  await app.close();
});

async function dispatchedWorld(label: string) {
  const world = await acceptedOrderWorld(app, label);
  const [line] = world.order.lines;
  if (!line) throw new Error('the world has a line');
  const delivery = await world.supplier.members.staff.caller.deliveries.dispatch({
    orderId: world.order.id,
    lines: [{ orderLineId: line.id, quantity: '250', bales: 14, lotNumbers: ['L-1'] }],
    vehicleNumber: 'MH12XY4321',
    ewayBillNumber: '321098765432',
  });
  return { ...world, line, delivery };
}

describe('the delivery challan PDF', () => {
  it('prints for both parties, and for nobody else', async () => {
    const { buyer, supplier, stranger, delivery } = await dispatchedWorld('Challan');
    const http = await app.startHttp();
    try {
      const pdf = (token?: string) =>
        fetch(`${http.url}/documents/deliveries/${delivery.id}.pdf`, token ? { headers: { cookie: `tl_session=${token}` } } : {});
      for (const party of [buyer, supplier]) {
        const response = await pdf(party.members.viewer.token);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe('application/pdf');
        expect(
          Buffer.from(await response.arrayBuffer())
            .subarray(0, 5)
            .toString(),
        ).toBe('%PDF-');
      }
      expect((await pdf(stranger.members.owner.token)).status).toBe(404);
      expect((await pdf()).status).toBe(401);
    } finally {
      await http.close();
    }
  });
});

describe('a complaint about a delivery', () => {
  it('is filed by the buyer after a rejection, and refused to anyone else', async () => {
    const { buyer, supplier, stranger, line, delivery } = await dispatchedWorld('Complaint');
    await buyer.members.staff.caller.deliveries.receive({
      deliveryId: delivery.id,
      lines: [{ orderLineId: line.id, acceptedQuantity: '200', rejectedQuantity: '50', reason: 'Micronaire out of range' }],
    });
    const complaint = await buyer.members.staff.caller.support.complaints.file({
      about: { type: 'delivery', id: delivery.id },
      category: 'quality',
      description: '50 kg failed the re-test on micronaire.',
    });
    const filed = await supplier.members.staff.caller.support.complaints.get({ complaintId: complaint.id });
    expect(filed.about).toMatchObject({
      type: 'delivery',
      id: delivery.id,
      document: delivery.number,
      linkPath: `/deliveries/${delivery.id}`,
    });
    for (const caller of [supplier.members.staff.caller, stranger.members.staff.caller]) {
      const refused = await failure(
        caller.support.complaints.file({ about: { type: 'delivery', id: delivery.id }, category: 'quality', description: 'x' }),
      );
      expect(refused.code).toBe('NOT_FOUND');
    }
  });
});
