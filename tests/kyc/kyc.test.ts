import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure, fieldErrors } from '../harness/errors.ts';
import { createCompany, createUser, type TestCompany, type TestUser } from '../harness/factories.ts';
import { PDF, upload } from '../harness/files.ts';

let app: TestApp;
let http: { url: string; close(): Promise<void> };
let reviewer: TestUser;
beforeAll(async () => {
  app = await setupTestApp();
  http = await app.startHttp();
  reviewer = await createUser(app, { label: 'ops' });
  await app.db.updateTable('users').set({ is_platform_admin: true }).where('id', '=', reviewer.id).execute();
});
afterAll(async () => {
  await http.close();
  await app.close();
});

async function uploadedFile(company: TestCompany): Promise<string> {
  const response = await upload(http.url, `tl_session=${company.members.admin.token}`, PDF, 'gst.pdf');
  return (await response.json()).id;
}

describe('verification documents', () => {
  it('submit → pending; a platform operator approves the GST certificate → verified', async () => {
    const co = await createCompany(app, 'Kyc');
    const fileId = await uploadedFile(co);
    const submitted = await co.members.admin.caller.kyc.documents.submit({ kind: 'gst_certificate', fileId });
    expect(submitted.verification).toBe('pending');
    const queue = await reviewer.caller.kyc.review.queue();
    expect(queue.documents.find((d) => d.id === submitted.id)).toMatchObject({ companyId: co.id, kind: 'gst_certificate', fileId });
    // The reviewer can download the submitted file although it belongs to another company.
    const download = await fetch(`${http.url}/files/${fileId}`, { headers: { cookie: `tl_session=${reviewer.token}` } });
    expect(download.status).toBe(200);

    const { attested } = queue.documents.find((d) => d.id === submitted.id) ?? {};
    const reviewed = await reviewer.caller.kyc.review.decideDocument({ documentId: submitted.id, decision: 'approve', attested });
    expect(reviewed).toMatchObject({ status: 'approved', verification: 'verified' });
    expect((await co.members.viewer.caller.companies.current()).verificationStatus).toBe('verified');
    expect(
      (await failure(reviewer.caller.kyc.review.decideDocument({ documentId: submitted.id, decision: 'reject', reason: 'late' }))).reason,
    ).toBe('ALREADY_REVIEWED');
  });

  it('a rejection needs a reason and leaves the company rejected; only operators review', async () => {
    const co = await createCompany(app, 'KycRej');
    const fileId = await uploadedFile(co);
    const { id } = await co.members.admin.caller.kyc.documents.submit({ kind: 'pan', fileId });
    expect(
      fieldErrors(await failure(reviewer.caller.kyc.review.decideDocument({ documentId: id, decision: 'reject' }))).reason,
    ).toBeDefined();
    expect((await failure(co.members.owner.caller.kyc.review.decideDocument({ documentId: id, decision: 'approve' }))).code).toBe(
      'FORBIDDEN',
    );
    await reviewer.caller.kyc.review.decideDocument({ documentId: id, decision: 'reject', reason: 'The scan is unreadable.' });
    const [document] = await co.members.manager.caller.kyc.documents.list();
    expect(document).toMatchObject({ status: 'rejected', reviewReason: 'The scan is unreadable.' });
    expect((await co.members.viewer.caller.companies.current()).verificationStatus).toBe('rejected');
  });

  it("cannot submit another company's file", async () => {
    const a = await createCompany(app, 'KycA');
    const b = await createCompany(app, 'KycB');
    const fileOfA = await uploadedFile(a);
    expect((await failure(b.members.admin.caller.kyc.documents.submit({ kind: 'pan', fileId: fileOfA }))).code).toBe('NOT_FOUND');
  });
});

describe('certifications', () => {
  it('flags certificates expiring within 30 days and marks expired ones', async () => {
    const co = await createCompany(app, 'Cert');
    const day = (offset: number) => new Date(app.clock.now().getTime() + offset * 86_400_000).toISOString().slice(0, 10);
    const add = (number: string, validTo: string) =>
      co.members.admin.caller.kyc.certifications.add({ standard: 'GOTS', number, issuer: 'Control Union', validFrom: day(-400), validTo });
    await add('GOTS-OLD', day(-1));
    await add('GOTS-SOON', day(20));
    await add('GOTS-OK', day(200));
    const states = Object.fromEntries((await co.members.viewer.caller.kyc.certifications.list()).map((c) => [c.number, c.state]));
    expect(states).toEqual({ 'GOTS-OLD': 'expired', 'GOTS-SOON': 'expiring', 'GOTS-OK': 'valid' });
    expect(fieldErrors(await failure(add('BAD', day(-500)))).validTo).toBeDefined();
  });
});

describe('change requests to legal fields', () => {
  it('a verified company changes its legal name only through an approved request; before and after are kept', async () => {
    const co = await createCompany(app, 'Chg');
    const fileId = await uploadedFile(co);
    const { id } = await co.members.admin.caller.kyc.documents.submit({ kind: 'gst_certificate', fileId });
    const { attested } = (await reviewer.caller.kyc.review.queue()).documents.find((d) => d.id === id) ?? {};
    await reviewer.caller.kyc.review.decideDocument({ documentId: id, decision: 'approve', attested });
    const current = await co.members.admin.caller.companies.current();
    expect(
      (
        await failure(
          co.members.admin.caller.companies.update({ companyId: co.id, version: current.version, legalName: 'New Legal Pvt Ltd' }),
        )
      ).reason,
    ).toBe('NEEDS_CHANGE_REQUEST');
    // Non-legal fields still change directly.
    await co.members.admin.caller.companies.update({ companyId: co.id, version: current.version, name: 'Chg Trading Name' });

    const request = await co.members.admin.caller.kyc.changeRequests.create({
      field: 'legal_name',
      newValue: 'New Legal Pvt Ltd',
      note: 'Renamed by ROC order',
    });
    await reviewer.caller.kyc.review.decideChangeRequest({ changeRequestId: request.id, decision: 'approve' });
    expect((await co.members.viewer.caller.companies.current()).legalName).toBe('New Legal Pvt Ltd');
    const [entry] = (await co.members.owner.caller.audit.list({ action: 'kyc.change_approved' })).items;
    expect(entry).toMatchObject({ before: { legal_name: current.legalName }, after: { legal_name: 'New Legal Pvt Ltd' } });
    expect(
      fieldErrors(await failure(co.members.admin.caller.kyc.changeRequests.create({ field: 'tax_id', newValue: '24AABCS4821K1ZA' })))
        .newValue,
    ).toBeDefined();
  });
});
