import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure, fieldErrors } from '../harness/errors.ts';
import { createCompany, createUser, type TestCompany, type TestUser } from '../harness/factories.ts';
import { PDF, upload } from '../harness/files.ts';
import { GUJARAT, MAHARASHTRA } from '../orders/order-fixtures.ts';

// A reviewer vouches for what they were shown: the company cannot change what a pending document
// attests, and an approval names the values it checked, so a stale one is refused.

let app: TestApp;
let http: { url: string; close(): Promise<void> };
let reviewer: TestUser;

async function platformAdmin(label: string): Promise<TestUser> {
  const user = await createUser(app, { label });
  await app.db.updateTable('users').set({ is_platform_admin: true }).where('id', '=', user.id).execute();
  return user;
}

beforeAll(async () => {
  app = await setupTestApp();
  http = await app.startHttp();
  reviewer = await platformAdmin('ops');
});
afterAll(async () => {
  await http.close();
  await app.close();
});

/** An Indian company with a legal name and GSTIN on file. */
async function registeredCompany(label: string): Promise<TestCompany> {
  const company = await createCompany(app, label);
  const { version } = await company.members.owner.caller.companies.current();
  await company.members.owner.caller.companies.update({
    companyId: company.id,
    version,
    legalName: `${label} Mills Pvt Ltd`,
    taxId: GUJARAT,
  });
  return company;
}

async function submitDocument(company: TestCompany, kind: 'gst_certificate' | 'bank_proof' = 'gst_certificate'): Promise<string> {
  const response = await upload(http.url, `tl_session=${company.members.admin.token}`, PDF, 'certificate.pdf');
  const { id: fileId } = await response.json();
  const { id } = await company.members.admin.caller.kyc.documents.submit({ kind, fileId });
  return id;
}

async function queuedDocument(documentId: string, by: TestUser = reviewer) {
  const found = (await by.caller.kyc.review.queue()).documents.find((document) => document.id === documentId);
  if (!found) throw new Error('document not in the review queue');
  return found;
}

async function approveAsShown(documentId: string) {
  const { attested } = await queuedDocument(documentId);
  return reviewer.caller.kyc.review.decideDocument({ documentId, decision: 'approve', attested });
}

const current = (company: TestCompany) => company.members.owner.caller.companies.current();
const update = async (company: TestCompany, patch: Record<string, unknown>) =>
  company.members.owner.caller.companies.update({ companyId: company.id, version: (await current(company)).version, ...patch });

describe('while a document waits for review', () => {
  it.each([
    ['legalName', 'Someone Else Pvt Ltd'],
    ['taxId', MAHARASHTRA],
    ['country', 'BD'],
  ])('companies.update refuses to change %s (CONFLICT, FIELD_UNDER_REVIEW) and writes nothing', async (field, value) => {
    const company = await registeredCompany('Locked');
    await submitDocument(company);
    const before = await current(company);
    const error = await failure(update(company, { [field]: value }));
    expect(error.code).toBe('CONFLICT');
    expect(error.reason).toBe('FIELD_UNDER_REVIEW');
    expect(await current(company)).toEqual(before);
  });

  it('companies.update still changes other fields, and accepts the locked ones unchanged (as the edit form sends them)', async () => {
    const company = await registeredCompany('Unlocked');
    await submitDocument(company);
    const before = await current(company);
    const after = await update(company, { name: 'Unlocked Trading', legalName: before.legalName, taxId: before.taxId, isBuyer: false });
    expect(after).toMatchObject({ name: 'Unlocked Trading', legalName: before.legalName, taxId: GUJARAT, isBuyer: false });
  });

  it('a change request to an attested field is refused; one to a field the document does not attest is accepted', async () => {
    const company = await registeredCompany('LockedRequest');
    await submitDocument(company, 'gst_certificate');
    const refused = await failure(
      company.members.admin.caller.kyc.changeRequests.create({ field: 'legal_name', newValue: 'Other Pvt Ltd' }),
    );
    expect(refused.reason).toBe('FIELD_UNDER_REVIEW');
    expect(await company.members.admin.caller.kyc.changeRequests.list()).toHaveLength(0);
    await company.members.admin.caller.kyc.changeRequests.create({ field: 'bank_account', newValue: 'HDFC 50100012345678' });
  });

  it('approving a change request to an attested field waits until the document is decided', async () => {
    const company = await registeredCompany('RequestFirst');
    const request = await company.members.admin.caller.kyc.changeRequests.create({ field: 'legal_name', newValue: 'Renamed Pvt Ltd' });
    const documentId = await submitDocument(company);
    const error = await failure(reviewer.caller.kyc.review.decideChangeRequest({ changeRequestId: request.id, decision: 'approve' }));
    expect(error.reason).toBe('FIELD_UNDER_REVIEW');
    expect((await current(company)).legalName).toBe('RequestFirst Mills Pvt Ltd');
    await approveAsShown(documentId);
  });
});

describe('an approval names what the reviewer saw', () => {
  it('the queue shows the values each document attests', async () => {
    const company = await registeredCompany('Shown');
    const documentId = await submitDocument(company, 'bank_proof');
    await app.db.updateTable('companies').set({ bank_account: 'SBI 0000123' }).where('id', '=', company.id).execute();
    expect((await queuedDocument(documentId)).attested).toEqual({
      legal_name: 'Shown Mills Pvt Ltd',
      tax_id: GUJARAT,
      country: 'IN',
      bank_account: 'SBI 0000123',
    });
  });

  it('refuses an approval of values that changed after the reviewer opened them (CONFLICT, REVIEW_OUTDATED)', async () => {
    const company = await registeredCompany('Stale');
    const documentId = await submitDocument(company);
    const { attested } = await queuedDocument(documentId);
    // A change that committed between the reviewer's look and their click (the lock cannot stop an
    // update that checked before the document was submitted).
    await app.db.updateTable('companies').set({ legal_name: 'Swapped Pvt Ltd' }).where('id', '=', company.id).execute();
    const error = await failure(reviewer.caller.kyc.review.decideDocument({ documentId, decision: 'approve', attested }));
    expect(error.code).toBe('CONFLICT');
    expect(error.reason).toBe('REVIEW_OUTDATED');
    expect((await current(company)).verificationStatus).toBe('pending');
    // Looking again shows the new name; approving what is now shown works.
    expect((await queuedDocument(documentId)).attested.legal_name).toBe('Swapped Pvt Ltd');
    expect(await approveAsShown(documentId)).toMatchObject({ status: 'approved', verification: 'verified' });
  });

  it('an approval without the values it checked is refused, naming the field', async () => {
    const company = await registeredCompany('Unnamed');
    const documentId = await submitDocument(company);
    const error = await failure(reviewer.caller.kyc.review.decideDocument({ documentId, decision: 'approve' }));
    expect(fieldErrors(error).attested).toBeDefined();
    expect((await queuedDocument(documentId)).id).toBe(documentId);
  });

  it('a change request approved over a value that has changed since is refused', async () => {
    const company = await registeredCompany('TwoRequests');
    const first = await company.members.admin.caller.kyc.changeRequests.create({ field: 'legal_name', newValue: 'First Pvt Ltd' });
    const second = await company.members.admin.caller.kyc.changeRequests.create({ field: 'legal_name', newValue: 'Second Pvt Ltd' });
    await reviewer.caller.kyc.review.decideChangeRequest({ changeRequestId: first.id, decision: 'approve' });
    const error = await failure(reviewer.caller.kyc.review.decideChangeRequest({ changeRequestId: second.id, decision: 'approve' }));
    expect(error.reason).toBe('REVIEW_OUTDATED');
    expect((await current(company)).legalName).toBe('First Pvt Ltd');
  });
});

describe('concurrent approvals (PostgreSQL)', () => {
  // PGlite runs one session at a time; only PostgreSQL interleaves the two transactions.
  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'two change requests to one field approved at once: one applies, the other is outdated',
    async () => {
      const company = await registeredCompany('Parallel');
      const names = ['One Pvt Ltd', 'Two Pvt Ltd'];
      const requests = await Promise.all(
        names.map((newValue) => company.members.admin.caller.kyc.changeRequests.create({ field: 'legal_name', newValue })),
      );
      const outcomes = await Promise.all(
        requests.map((request) =>
          reviewer.caller.kyc.review.decideChangeRequest({ changeRequestId: request.id, decision: 'approve' }).then(
            () => 'approved',
            (error: { cause?: { reason?: string } }) => error.cause?.reason,
          ),
        ),
      );
      expect([...outcomes].sort()).toEqual(['REVIEW_OUTDATED', 'approved']);
      expect((await current(company)).legalName).toBe(names[outcomes.indexOf('approved')]);
    },
  );
});

describe('a verified company', () => {
  it('cannot change its country (CONFLICT, COUNTRY_LOCKED) nor its legal fields outside a change request', async () => {
    const company = await registeredCompany('VerifiedCountry');
    await approveAsShown(await submitDocument(company));
    expect((await failure(update(company, { country: 'BD' }))).reason).toBe('COUNTRY_LOCKED');
    expect((await failure(update(company, { taxId: MAHARASHTRA }))).reason).toBe('NEEDS_CHANGE_REQUEST');
    expect(await current(company)).toMatchObject({ country: 'IN', taxId: GUJARAT, verificationStatus: 'verified' });
  });
});

describe('an operator and their own company', () => {
  it("cannot review their own company's document or change request (FORBIDDEN, SELF_APPROVAL); another operator can", async () => {
    const company = await registeredCompany('OwnCompany');
    const insider = await platformAdmin('insider-ops');
    await app.db.insertInto('memberships').values({ company_id: company.id, user_id: insider.id, role: 'viewer' }).execute();
    const documentId = await submitDocument(company);
    const request = await company.members.admin.caller.kyc.changeRequests.create({ field: 'bank_account', newValue: 'ICICI 000401' });

    const shown = await queuedDocument(documentId, insider);
    expect(shown.ownCompany).toBe(true);
    const document = await failure(insider.caller.kyc.review.decideDocument({ documentId, decision: 'approve', attested: shown.attested }));
    expect([document.code, document.reason]).toEqual(['FORBIDDEN', 'SELF_APPROVAL']);
    const change = await failure(insider.caller.kyc.review.decideChangeRequest({ changeRequestId: request.id, decision: 'approve' }));
    expect([change.code, change.reason]).toEqual(['FORBIDDEN', 'SELF_APPROVAL']);
    expect((await current(company)).verificationStatus).toBe('pending');

    expect((await queuedDocument(documentId)).ownCompany).toBe(false);
    expect(await approveAsShown(documentId)).toMatchObject({ verification: 'verified' });
  });
});
