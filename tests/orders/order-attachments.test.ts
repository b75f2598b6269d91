import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure } from '../harness/errors.ts';
import { countRows, createCompany } from '../harness/factories.ts';
import { PDF, PNG, upload } from '../harness/files.ts';
import { tradingPair, yarnLine } from './order-fixtures.ts';

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

const cookie = (token: string) => `tl_session=${token}`;
async function uploaded(token: string, content: Buffer, name: string): Promise<string> {
  const response = await upload(http.url, cookie(token), content, name);
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}
const download = (fileId: string, token: string) => fetch(`${http.url}/files/${fileId}`, { headers: { cookie: cookie(token) } });

describe('order attachments', () => {
  it('either party attaches its files to a shared order; both can read them; only the attaching party removes one', async () => {
    const { buyer, supplier, product } = await tradingPair(app, 'Attach');
    const draft = await buyer.members.staff.caller.orders.create({ supplierId: supplier.id, lines: [yarnLine(product.id)] });
    const spec = await uploaded(buyer.members.staff.token, PDF, 'Yarn spec.pdf');
    await buyer.members.staff.caller.orders.attach({ orderId: draft.id, fileId: spec });
    // Attaching again changes nothing.
    await buyer.members.staff.caller.orders.attach({ orderId: draft.id, fileId: spec });
    expect(await buyer.members.viewer.caller.orders.attachments({ orderId: draft.id })).toMatchObject([
      { fileId: spec, filename: 'Yarn spec.pdf', ours: true },
    ]);
    // While a draft, the supplier sees neither the order nor its file.
    expect((await failure(supplier.members.owner.caller.orders.attachments({ orderId: draft.id }))).code).toBe('NOT_FOUND');
    expect((await download(spec, supplier.members.owner.token)).status).toBe(404);

    await buyer.members.staff.caller.orders.transition({ orderId: draft.id, action: 'submit', version: draft.version });
    expect((await download(spec, supplier.members.viewer.token)).status).toBe(200);
    const label = await uploaded(supplier.members.staff.token, PNG, 'Bale label.png');
    await supplier.members.staff.caller.orders.attach({ orderId: draft.id, fileId: label });
    const seenByBuyer = await buyer.members.viewer.caller.orders.attachments({ orderId: draft.id });
    expect(seenByBuyer.map((a) => [a.filename, a.ours, a.attachedBy])).toEqual([
      ['Yarn spec.pdf', true, buyer.name],
      ['Bale label.png', false, supplier.name],
    ]);
    expect((await download(label, buyer.members.viewer.token)).status).toBe(200);

    // The buyer cannot remove the supplier's file; the supplier can.
    expect((await failure(buyer.members.staff.caller.orders.detach({ orderId: draft.id, fileId: label }))).code).toBe('NOT_FOUND');
    await supplier.members.staff.caller.orders.detach({ orderId: draft.id, fileId: label });
    expect(await buyer.members.viewer.caller.orders.attachments({ orderId: draft.id })).toHaveLength(1);
    const history = await supplier.members.viewer.caller.orders.history({ orderId: draft.id });
    expect(history.map((h) => h.action)).toEqual(expect.arrayContaining(['order.file_attached', 'order.file_detached']));
  });

  it('refuses another company’s file, a viewer, and a third company, writing nothing', async () => {
    const { buyer, supplier, product } = await tradingPair(app, 'AttachGuard');
    const outsider = await createCompany(app, 'AttachOutsider');
    const order = await buyer.members.staff.caller.orders.create({ supplierId: supplier.id, lines: [yarnLine(product.id)] });
    const foreign = await uploaded(outsider.members.staff.token, PDF, 'Not yours.pdf');
    const own = await uploaded(buyer.members.staff.token, PDF, 'Ours.pdf');
    const before = await countRows(app, 'audit_log');
    expect((await failure(buyer.members.staff.caller.orders.attach({ orderId: order.id, fileId: foreign }))).code).toBe('NOT_FOUND');
    expect((await failure(buyer.members.viewer.caller.orders.attach({ orderId: order.id, fileId: own }))).code).toBe('FORBIDDEN');
    expect((await failure(outsider.members.owner.caller.orders.attach({ orderId: order.id, fileId: foreign }))).code).toBe('NOT_FOUND');
    expect((await failure(outsider.members.owner.caller.orders.attachments({ orderId: order.id }))).code).toBe('NOT_FOUND');
    expect(await countRows(app, 'audit_log')).toBe(before);
    expect(await buyer.members.viewer.caller.orders.attachments({ orderId: order.id })).toEqual([]);
  });
});
