import { z } from 'zod';
import { id, isoDate } from '../common.ts';

export const KYC_DOCUMENT_KINDS = ['gst_certificate', 'pan', 'bank_proof', 'trade_licence', 'other'] as const;
export const KYC_DOCUMENT_LABELS: Record<(typeof KYC_DOCUMENT_KINDS)[number], string> = {
  gst_certificate: 'GST registration certificate',
  pan: 'PAN card',
  bank_proof: 'Bank proof (cancelled cheque or statement)',
  trade_licence: 'Trade licence',
  other: 'Other document',
};
export const CERTIFICATION_STANDARDS = ['GOTS', 'OEKO-TEX', 'BCI', 'ISO 9001', 'Organic (NPOP)', 'Fairtrade', 'Other'] as const;
export const LEGAL_FIELDS = ['legal_name', 'tax_id', 'bank_account'] as const;
export const LEGAL_FIELD_LABELS: Record<(typeof LEGAL_FIELDS)[number], string> = {
  legal_name: 'Legal name',
  tax_id: 'Tax id (GSTIN)',
  bank_account: 'Bank account',
};
export type KycDocumentKind = (typeof KYC_DOCUMENT_KINDS)[number];
export type LegalField = (typeof LEGAL_FIELDS)[number];
/** A company field a verification document vouches for. */
export type AttestedField = LegalField | 'country';
const IDENTITY_FIELDS: readonly AttestedField[] = ['legal_name', 'tax_id', 'country'];
/**
 * What a reviewer checks each kind of document against. While the document waits for review these
 * fields are locked, and an approval must name the values it was shown.
 */
export const ATTESTED_FIELDS: Record<KycDocumentKind, readonly AttestedField[]> = {
  gst_certificate: IDENTITY_FIELDS,
  pan: IDENTITY_FIELDS,
  bank_proof: [...IDENTITY_FIELDS, 'bank_account'],
  trade_licence: IDENTITY_FIELDS,
  other: IDENTITY_FIELDS,
};
export const ATTESTED_FIELD_LABELS: Record<AttestedField, string> = { ...LEGAL_FIELD_LABELS, country: 'Country' };

/** Files we accept, decided by their content (magic bytes), never by the name. */
export const UPLOAD_MIME_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export const UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

const decision = z.enum(['approve', 'reject'], { error: 'must be approve or reject' });
const review = z.object({ decision, reason: z.string().trim().max(1000).optional() });
const reasonWhenRejecting = (value: z.infer<typeof review>) => value.decision === 'approve' || Boolean(value.reason);
const reasonIssue = { path: ['reason'], message: 'is required when rejecting' };

export const submitDocumentInput = z.object({ kind: z.enum(KYC_DOCUMENT_KINDS), fileId: id });
// The company's values as the reviewer saw them beside the document (null where none was set).
const attestedValues = z.partialRecord(z.enum([...LEGAL_FIELDS, 'country']), z.string().max(300).nullable());
export const reviewDocumentInput = review
  .extend({ documentId: id, attested: attestedValues.optional() })
  .refine(reasonWhenRejecting, reasonIssue)
  .refine((value) => value.decision === 'reject' || value.attested !== undefined, {
    path: ['attested'],
    message: 'is required to approve: send the company details you checked',
  });
export const certificationInput = z
  .object({
    standard: z.enum(CERTIFICATION_STANDARDS),
    number: z.string().trim().min(1, 'is required').max(100),
    issuer: z.string().trim().min(1, 'is required').max(200),
    validFrom: isoDate,
    validTo: isoDate,
    fileId: id.optional(),
  })
  .refine((v) => v.validTo >= v.validFrom, { path: ['validTo'], message: 'must not be before the start date' });
export const certificationIdInput = z.object({ certificationId: id });
export const changeRequestInput = z.object({
  field: z.enum(LEGAL_FIELDS),
  newValue: z.string().trim().min(1, 'is required').max(300),
  note: z.string().trim().max(1000).optional(),
});
export const reviewChangeRequestInput = review.extend({ changeRequestId: id }).refine(reasonWhenRejecting, reasonIssue);

export type ReviewDocumentInput = z.infer<typeof reviewDocumentInput>;
export type CertificationInput = z.infer<typeof certificationInput>;
export type ChangeRequestInput = z.infer<typeof changeRequestInput>;
