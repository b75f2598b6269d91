import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure } from '../harness/errors.ts';
import { createCompany } from '../harness/factories.ts';
import { PDF, PNG, upload } from '../harness/files.ts';

let app: TestApp;
let http: { url: string; close(): Promise<void> };
beforeAll(async () => {
  app = await setupTestApp();
  http = await app.startHttp();
});
afterAll(async () => {
  await http.close();
  await app.close();
});

const product = { sku: 'ATT-1', name: 'Poplin 60x60', unit: 'm', price: '62.40', currency: 'INR', commodityCode: 'grey-fabric' };

describe('product attachments and the commodity directory filter', () => {
  it('a supplier attaches a spec sheet; a linked buyer lists and downloads it; others cannot', async () => {
    const supplier = await createCompany(app, 'AttSupplier');
    const buyer = await createCompany(app, 'AttBuyer');
    const stranger = await createCompany(app, 'AttStranger');
    const created = await supplier.members.staff.caller.catalog.products.create(product);
    const sheet = await (await upload(http.url, `tl_session=${supplier.members.staff.token}`, PDF, 'spec-sheet.pdf')).json();
    await supplier.members.staff.caller.catalog.products.attach({ productId: created.id, fileId: sheet.id });

    const strangersFile = await (await upload(http.url, `tl_session=${stranger.members.staff.token}`, PNG, 'x.png')).json();
    expect(
      (await failure(supplier.members.staff.caller.catalog.products.attach({ productId: created.id, fileId: strangersFile.id }))).code,
    ).toBe('NOT_FOUND');
    expect(
      (await failure(stranger.members.staff.caller.catalog.products.attach({ productId: created.id, fileId: strangersFile.id }))).code,
    ).toBe('NOT_FOUND');

    const download = (token: string) => fetch(`${http.url}/files/${sheet.id}`, { headers: { cookie: `tl_session=${token}` } });
    expect((await failure(buyer.members.viewer.caller.catalog.products.attachments({ productId: created.id }))).code).toBe('NOT_FOUND');
    expect((await download(buyer.members.viewer.token)).status).toBe(404);

    const link = await buyer.members.staff.caller.partners.requestLink({ supplierId: supplier.id });
    await supplier.members.manager.caller.partners.decide({ linkId: link.id, decision: 'accept' });
    expect(await buyer.members.viewer.caller.catalog.products.attachments({ productId: created.id })).toEqual([
      { fileId: sheet.id, filename: 'spec-sheet.pdf', mime: 'application/pdf', sizeBytes: PDF.length },
    ]);
    expect((await download(buyer.members.viewer.token)).status).toBe(200);
    expect((await download(stranger.members.owner.token)).status).toBe(404);

    await supplier.members.staff.caller.catalog.products.detach({ productId: created.id, fileId: sheet.id });
    expect(await supplier.members.viewer.caller.catalog.products.attachments({ productId: created.id })).toEqual([]);
    expect((await download(buyer.members.viewer.token)).status).toBe(404);
  });

  it('finds suppliers by the commodity of their active products', async () => {
    const weaver = await createCompany(app, 'Weaver');
    const spinner = await createCompany(app, 'Spinner');
    const searcher = await createCompany(app, 'Searcher');
    await weaver.members.staff.caller.catalog.products.create(product);
    await spinner.members.staff.caller.catalog.products.create({ ...product, sku: 'Y-1', unit: 'kg', commodityCode: 'cotton-yarn' });
    await spinner.members.staff.caller.catalog.products.create({ ...product, sku: 'F-OLD', active: false });
    const found = await searcher.members.viewer.caller.partners.directory({ commodity: 'grey-fabric' });
    const ids = found.items.map((c) => c.id);
    expect(ids).toContain(weaver.id);
    expect(ids).not.toContain(spinner.id);
  });

  it("another company's certification is not found", async () => {
    const a = await createCompany(app, 'CertA');
    const b = await createCompany(app, 'CertB');
    const { id } = await a.members.admin.caller.kyc.certifications.add({
      standard: 'BCI',
      number: 'B-1',
      issuer: 'Better Cotton',
      validFrom: '2026-01-01',
      validTo: '2027-01-01',
    });
    expect((await failure(b.members.admin.caller.kyc.certifications.remove({ certificationId: id }))).code).toBe('NOT_FOUND');
    expect(await a.members.viewer.caller.kyc.certifications.list()).toHaveLength(1);
  });
});
