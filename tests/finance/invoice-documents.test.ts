import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { pdfTextLines } from '../harness/pdf-text.ts';
import { acceptedOrderWorld } from './finance-fixtures.ts';
import { dispatchOrder } from './invoice-fixtures.ts';

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(async () => {
  await app.close();
});

describe('an invoice’s documents', () => {
  it('gives both parties the tax-invoice PDF and the e-invoice JSON, and another company a 404', async () => {
    const world = await acceptedOrderWorld(app, 'InvDocs', { interState: true });
    await dispatchOrder(app, world, '1000');
    const draft = await world.supplier.members.staff.caller.finance.invoices.create({ orderId: world.order.id });
    const issued = await world.supplier.members.staff.caller.finance.invoices.issue({ invoiceId: draft.id, version: draft.version });
    const http = await app.startHttp();
    try {
      const get = (path: string, token?: string) =>
        fetch(`${http.url}/documents/invoices/${issued.id}${path}`, token ? { headers: { cookie: `tl_session=${token}` } } : {});
      for (const party of [world.supplier, world.buyer]) {
        const pdf = await get('.pdf', party.members.viewer.token);
        expect(pdf.status).toBe(200);
        expect(pdf.headers.get('content-type')).toBe('application/pdf');
        const text = pdfTextLines(Buffer.from(await pdf.arrayBuffer())).join('\n');
        expect(text).toContain(issued.number as string);
        expect(text).toContain('27AAHFB2290Q1ZZ');
        expect(text).toContain('HSN summary');
        expect(text).toMatch(/Amount in words: Rupees Two Lakh Seventy-?\s?Eight Thousand/i);

        const json = await get('.einvoice.json', party.members.viewer.token);
        expect(json.status).toBe(200);
        const body = await json.json();
        expect(Object.keys(body)).toEqual(['Version', 'TranDtls', 'DocDtls', 'SellerDtls', 'BuyerDtls', 'ItemList', 'ValDtls']);
        expect(body.DocDtls).toMatchObject({ Typ: 'INV', No: issued.number });
        expect(body.SellerDtls.Gstin).toBe('24AABCS4821K1ZF');
        expect(body.BuyerDtls).toMatchObject({ Gstin: '27AAHFB2290Q1ZZ', Pos: '27' });
        expect(body.ItemList).toMatchObject([{ HsnCd: '5205', AssAmt: 265500, IgstAmt: 13275, GstRt: 5 }]);
        expect(body.ValDtls).toMatchObject({ AssVal: 265500, IgstVal: 13275, TotInvVal: 278775 });
      }
      expect((await get('.pdf', world.stranger.members.owner.token)).status).toBe(404);
      expect((await get('.einvoice.json', world.stranger.members.owner.token)).status).toBe(404);
      expect((await get('.pdf')).status).toBe(401);
    } finally {
      await http.close();
    }
  });
});
