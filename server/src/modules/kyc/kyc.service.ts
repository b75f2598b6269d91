import { type Executor, inTransaction } from '@tradeloom/db';
import {
  ATTESTED_FIELD_LABELS,
  ATTESTED_FIELDS,
  type AttestedField,
  type CertificationInput,
  type ChangeRequestInput,
  isValidGstin,
  type ReviewDocumentInput,
} from '@tradeloom/shared';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { appError, invalidFields, notFound } from '../../trpc/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { applyAttestedChange, attestedValuesOf, findAttestedValues, setVerificationStatus } from '../companies/attested-fields.ts';
import { isMemberOf, memberCompanyIds } from '../companies/companies.service.ts';
import { companyNameOf } from '../companies/company-reads.ts';
import { recordChange } from '../events/record-change.ts';
import { assertOwnFile, describeFiles } from '../files/files.service.ts';
import { expiringThrough } from './certification-reads.ts';

const IDENTITY_DOCUMENTS = ['gst_certificate', 'trade_licence'] as const;

/**
 * A company is verified once an identity document (GST certificate or trade licence) is approved;
 * otherwise pending while anything waits for review, rejected if something was refused.
 */
async function recomputeVerification(trx: Executor, companyId: string): Promise<string> {
  const documents = await trx.selectFrom('kyc_documents').select(['kind', 'status']).where('company_id', '=', companyId).execute();
  const status = documents.some((d) => d.status === 'approved' && (IDENTITY_DOCUMENTS as readonly string[]).includes(d.kind))
    ? 'verified'
    : documents.some((d) => d.status === 'pending')
      ? 'pending'
      : documents.some((d) => d.status === 'rejected')
        ? 'rejected'
        : 'unverified';
  await setVerificationStatus(trx, companyId, status);
  return status;
}

const labelled = (fields: readonly AttestedField[]) => fields.map((field) => ATTESTED_FIELD_LABELS[field].toLowerCase()).join(', ');

/** The company fields that documents still waiting for review vouch for. */
async function fieldsUnderReview(db: Executor, companyId: string): Promise<Set<AttestedField>> {
  const pending = await db
    .selectFrom('kyc_documents')
    .select('kind')
    .where('company_id', '=', companyId)
    .where('status', '=', 'pending')
    .execute();
  return new Set(pending.flatMap((document) => ATTESTED_FIELDS[document.kind]));
}

// A reviewer approves what they were shown: a field a pending document vouches for stays as it is
// until the document is decided.
async function assertNotUnderReview(db: Executor, companyId: string, changing: readonly AttestedField[]) {
  const underReview = await fieldsUnderReview(db, companyId);
  const locked = changing.filter((field) => underReview.has(field));
  if (locked.length) {
    throw appError(
      'CONFLICT',
      'FIELD_UNDER_REVIEW',
      `A verification document for your ${labelled(locked)} is waiting for review: change it once the review is done.`,
    );
  }
}

/**
 * Refuses a change to fields that a pending document attests; on a verified company also to its
 * country, and to legal fields outside a reviewed change request.
 */
export async function assertAttestedFieldsEditable(
  db: Executor,
  company: { id: string; verificationStatus: string },
  changing: readonly AttestedField[],
): Promise<void> {
  if (!changing.length) return;
  await assertNotUnderReview(db, company.id, changing);
  if (company.verificationStatus !== 'verified') return;
  if (changing.includes('country')) throw appError('CONFLICT', 'COUNTRY_LOCKED', 'A verified company cannot change its country.');
  throw appError(
    'CONFLICT',
    'NEEDS_CHANGE_REQUEST',
    'This company is verified: request a change to its legal name or tax id for review instead.',
  );
}

// An operator who belongs to the company would be vouching for their own company. The item is in
// their queue, so hiding it (NOT_FOUND) would hide nothing: FORBIDDEN says another operator must act.
async function assertNotOwnCompany(db: Executor, companyId: string, reviewerId: string) {
  if (await isMemberOf(db, companyId, reviewerId)) {
    throw appError('FORBIDDEN', 'SELF_APPROVAL', 'You are a member of this company: another platform operator must review it.');
  }
}

function attestedColumns(db: Executor, companyId: string) {
  return findAttestedValues(db, companyId, { lock: true });
}

function outdated(message: string) {
  return appError('CONFLICT', 'REVIEW_OUTDATED', `${message} Reload the review queue and check again.`);
}

// The approval names the values the reviewer checked; if the company changed them since, the
// reviewer never saw what would be marked verified.
async function assertApprovalMatchesCompany(
  trx: Executor,
  document: { company_id: string; kind: keyof typeof ATTESTED_FIELDS },
  attested: ReviewDocumentInput['attested'],
) {
  const company = await attestedColumns(trx, document.company_id);
  const changed = ATTESTED_FIELDS[document.kind].filter((field) => attested?.[field] !== company[field]);
  if (changed.length) throw outdated(`The company's ${labelled(changed)} changed since you opened this document.`);
}

export async function submitDocument(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: { kind: 'gst_certificate' | 'pan' | 'bank_proof' | 'trade_licence' | 'other'; fileId: string },
) {
  return inTransaction(ctx.deps.db, async (trx) => {
    await assertOwnFile(trx, actor.companyId, input.fileId);
    const document = await trx
      .insertInto('kyc_documents')
      .values({ company_id: actor.companyId, kind: input.kind, file_id: input.fileId, submitted_by: actor.userId })
      .returning(['id', 'status'])
      .executeTakeFirstOrThrow();
    const verification = await recomputeVerification(trx, actor.companyId);
    await recordChange(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'kyc.document_submitted',
      entityType: 'kyc_document',
      entityId: document.id,
      after: input,
    });
    return { id: document.id, status: document.status, verification };
  });
}

/** Whether the file was submitted as a KYC document (platform reviewers may read those). */
export async function isKycDocumentFile(db: Executor, fileId: string): Promise<boolean> {
  return (await db.selectFrom('kyc_documents').select('id').where('file_id', '=', fileId).executeTakeFirst()) !== undefined;
}

export async function listDocuments(db: Executor, companyId: string) {
  const documents = await db
    .selectFrom('kyc_documents as d')
    .select([
      'd.id',
      'd.kind',
      'd.status',
      'd.review_reason as reviewReason',
      'd.reviewed_at as reviewedAt',
      'd.created_at as submittedAt',
      'd.file_id as fileId',
    ])
    .where('d.company_id', '=', companyId)
    .orderBy('d.created_at', 'desc')
    .execute();
  const files = await describeFiles(
    db,
    documents.map((document) => document.fileId),
  );
  return documents.map((document) => ({
    ...document,
    filename: files.get(document.fileId)?.filename ?? '',
    mime: files.get(document.fileId)?.mime ?? '',
  }));
}

export async function reviewDocument(ctx: ServiceContext, reviewerId: string, input: ReviewDocumentInput) {
  return inTransaction(ctx.deps.db, async (trx) => {
    const document = await trx
      .selectFrom('kyc_documents')
      .select(['id', 'company_id', 'status', 'kind'])
      .where('id', '=', input.documentId)
      .forUpdate()
      .executeTakeFirst();
    if (!document) throw notFound('Document');
    await assertNotOwnCompany(trx, document.company_id, reviewerId);
    if (document.status !== 'pending') throw appError('CONFLICT', 'ALREADY_REVIEWED', 'This document has already been reviewed.');
    if (input.decision === 'approve') await assertApprovalMatchesCompany(trx, document, input.attested);
    const status = input.decision === 'approve' ? 'approved' : 'rejected';
    await trx
      .updateTable('kyc_documents')
      .set({ status, review_reason: input.reason ?? null, reviewed_by: reviewerId, reviewed_at: ctx.deps.clock.now() })
      .where('id', '=', document.id)
      .execute();
    const verification = await recomputeVerification(trx, document.company_id);
    await recordChange(trx, { userId: reviewerId }, ctx.request, {
      companyId: document.company_id,
      action: `kyc.document_${status}`,
      entityType: 'kyc_document',
      entityId: document.id,
      before: { status: 'pending' },
      after: { status, reason: input.reason ?? null, verification, attested: input.attested ?? null },
    });
    return { id: document.id, status, verification };
  });
}

function expiryState(validTo: string, today: string): 'valid' | 'expiring' | 'expired' {
  if (validTo < today) return 'expired';
  return validTo <= expiringThrough(today) ? 'expiring' : 'valid';
}

export async function listCertifications(ctx: ServiceContext, companyId: string) {
  const today = ctx.deps.clock.now().toISOString().slice(0, 10);
  const rows = await ctx.deps.db
    .selectFrom('certifications')
    .select(['id', 'standard', 'number', 'issuer', 'valid_from as validFrom', 'valid_to as validTo', 'file_id as fileId'])
    .where('company_id', '=', companyId)
    .orderBy('valid_to')
    .execute();
  return rows.map((row) => ({ ...row, state: expiryState(row.validTo, today) }));
}

export async function addCertification(ctx: ServiceContext, actor: CompanyActor, input: CertificationInput) {
  return inTransaction(ctx.deps.db, async (trx) => {
    if (input.fileId) await assertOwnFile(trx, actor.companyId, input.fileId);
    const row = await trx
      .insertInto('certifications')
      .values({
        company_id: actor.companyId,
        standard: input.standard,
        number: input.number,
        issuer: input.issuer,
        valid_from: input.validFrom,
        valid_to: input.validTo,
        file_id: input.fileId ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'certification.added',
      entityType: 'certification',
      entityId: row.id,
      after: input,
    });
    return { id: row.id };
  });
}

export async function removeCertification(ctx: ServiceContext, actor: CompanyActor, certificationId: string) {
  await inTransaction(ctx.deps.db, async (trx) => {
    const before = await trx
      .selectFrom('certifications')
      .selectAll()
      .where('id', '=', certificationId)
      .where('company_id', '=', actor.companyId)
      .executeTakeFirst();
    if (!before) throw notFound('Certification');
    await trx.deleteFrom('certifications').where('id', '=', certificationId).execute();
    await recordAudit(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'certification.removed',
      entityType: 'certification',
      entityId: certificationId,
      before,
    });
  });
}

const COMPANY_COLUMN = { legal_name: 'legal_name', tax_id: 'tax_id', bank_account: 'bank_account' } as const;

export async function requestChange(ctx: ServiceContext, actor: CompanyActor, input: ChangeRequestInput) {
  const company = await findAttestedValues(ctx.deps.db, actor.companyId, { lock: false });
  const newValue = input.field === 'tax_id' ? input.newValue.toUpperCase() : input.newValue;
  if (input.field === 'tax_id' && company.country === 'IN' && !isValidGstin(newValue)) {
    throw invalidFields({ newValue: 'is not a valid GSTIN (check the 15 characters and the check digit)' });
  }
  return inTransaction(ctx.deps.db, async (trx) => {
    await assertNotUnderReview(trx, actor.companyId, [input.field]);
    const row = await trx
      .insertInto('change_requests')
      .values({
        company_id: actor.companyId,
        field: input.field,
        old_value: company[COMPANY_COLUMN[input.field]],
        new_value: newValue,
        note: input.note ?? null,
        requested_by: actor.userId,
      })
      .returning(['id', 'status'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'kyc.change_requested',
      entityType: 'change_request',
      entityId: row.id,
      after: { field: input.field, newValue },
    });
    return row;
  });
}

export function listChangeRequests(db: Executor, companyId: string) {
  return db
    .selectFrom('change_requests')
    .select([
      'id',
      'field',
      'old_value as oldValue',
      'new_value as newValue',
      'note',
      'status',
      'review_reason as reviewReason',
      'created_at as createdAt',
      'reviewed_at as reviewedAt',
    ])
    .where('company_id', '=', companyId)
    .orderBy('created_at', 'desc')
    .execute();
}

// The reviewer was shown "from old to new": approving over a value that has changed since (another
// approved request) would overwrite what they never saw. A pending document on the field waits first.
async function assertChangeStillApplies(
  trx: Executor,
  request: { company_id: string; field: keyof typeof COMPANY_COLUMN; old_value: string | null },
) {
  await assertNotUnderReview(trx, request.company_id, [request.field]);
  const company = await attestedColumns(trx, request.company_id);
  if (company[COMPANY_COLUMN[request.field]] !== request.old_value) {
    throw outdated(`The company's ${labelled([request.field])} is no longer the value this request changes.`);
  }
}

/** Applies an approved change to the company and keeps before and after in the audit log. */
export async function reviewChangeRequest(
  ctx: ServiceContext,
  reviewerId: string,
  input: { changeRequestId: string; decision: 'approve' | 'reject'; reason?: string },
) {
  return inTransaction(ctx.deps.db, async (trx) => {
    const request = await trx
      .selectFrom('change_requests')
      .selectAll()
      .where('id', '=', input.changeRequestId)
      .forUpdate()
      .executeTakeFirst();
    if (!request) throw notFound('Change request');
    await assertNotOwnCompany(trx, request.company_id, reviewerId);
    if (request.status !== 'pending') throw appError('CONFLICT', 'ALREADY_REVIEWED', 'This change request has already been reviewed.');
    if (input.decision === 'approve') await assertChangeStillApplies(trx, request);
    const status = input.decision === 'approve' ? 'approved' : 'rejected';
    await trx
      .updateTable('change_requests')
      .set({ status, review_reason: input.reason ?? null, reviewed_by: reviewerId, reviewed_at: ctx.deps.clock.now() })
      .where('id', '=', request.id)
      .execute();
    if (status === 'approved') {
      await applyAttestedChange(trx, request.company_id, COMPANY_COLUMN[request.field], request.new_value, ctx.deps.clock.now());
    }
    await recordAudit(trx, { userId: reviewerId }, ctx.request, {
      companyId: request.company_id,
      action: `kyc.change_${status}`,
      entityType: 'company',
      entityId: request.company_id,
      before: { [request.field]: request.old_value },
      after: status === 'approved' ? { [request.field]: request.new_value } : { reason: input.reason },
    });
    return { id: request.id, status };
  });
}

/**
 * Pending documents and change requests, oldest first. Each document carries the company values it
 * attests (sent back with an approval) and whether the reviewer belongs to that company.
 */
export async function reviewQueue(ctx: ServiceContext, reviewerId: string) {
  const { db } = ctx.deps;
  const [pendingDocuments, changes, ownCompanies] = await Promise.all([
    db
      .selectFrom('kyc_documents as d')
      .select(['d.id', 'd.kind', 'd.created_at as submittedAt', 'd.company_id as companyId', 'd.file_id as fileId'])
      .where('d.status', '=', 'pending')
      .orderBy('d.created_at')
      .limit(200)
      .execute(),
    db
      .selectFrom('change_requests as r')
      .select((eb) => [
        'r.id',
        'r.field',
        'r.old_value as oldValue',
        'r.new_value as newValue',
        'r.note',
        'r.created_at as createdAt',
        'r.company_id as companyId',
        companyNameOf(eb.ref('r.company_id')).as('companyName'),
      ])
      .where('r.status', '=', 'pending')
      .orderBy('r.created_at')
      .limit(200)
      .execute(),
    memberCompanyIds(db, reviewerId),
  ]);
  const [companies, files] = await Promise.all([
    attestedValuesOf(
      db,
      pendingDocuments.map((d) => d.companyId),
    ),
    describeFiles(
      db,
      pendingDocuments.map((d) => d.fileId),
    ),
  ]);
  const documents = pendingDocuments.map((document) => {
    const company = companies.get(document.companyId);
    if (!company) throw new Error(`company ${document.companyId} missing`);
    const attested = Object.fromEntries(ATTESTED_FIELDS[document.kind].map((field) => [field, company[field]]));
    return {
      ...document,
      companyName: company.name,
      taxId: company.tax_id,
      filename: files.get(document.fileId)?.filename ?? '',
      attested: attested as Partial<Record<AttestedField, string | null>>,
      ownCompany: ownCompanies.has(document.companyId),
    };
  });
  return {
    documents,
    changes: changes.map((change) => ({ ...change, ownCompany: ownCompanies.has(change.companyId) })),
  };
}
