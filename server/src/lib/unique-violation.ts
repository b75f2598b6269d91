import type { Reason } from '@tradeloom/shared';
import type { TRPCError } from '@trpc/server';
import { appError } from '../trpc/errors.ts';

// Checks before an insert ("is this SKU taken?") cannot see a concurrent transaction's row, so
// the unique index decides the race and PostgreSQL answers 23505. This is the one place that
// turns that answer into a CONFLICT the caller can act on: by constraint name, into the field
// and reason the procedure's own check would have given. The SQL never reaches the client.

interface UniqueRule {
  field: string;
  reason: Reason;
  message: string;
}

/**
 * Every unique constraint a client can race, by the name PostgreSQL gives it. Constraints whose
 * values the server draws itself (random ids and secrets, document numbers from a locked series)
 * fall back to the generic answer.
 */
const UNIQUE_RULES: Record<string, UniqueRule> = {
  products_company_sku_idx: { field: 'sku', reason: 'SKU_TAKEN', message: 'this SKU is already in your catalog.' },
  users_email_key: { field: 'email', reason: 'EMAIL_TAKEN', message: 'an account with this email already exists.' },
  memberships_company_id_user_id_key: { field: 'email', reason: 'ALREADY_MEMBER', message: 'this person is already a member.' },
  financial_years_company_id_label_key: {
    field: 'label',
    reason: 'FINANCIAL_YEAR_OVERLAP',
    message: 'a financial year with this label already exists.',
  },
  financial_years_company_id_starts_on_key: {
    field: 'startsOn',
    reason: 'FINANCIAL_YEAR_OVERLAP',
    message: 'a financial year already starts on this date.',
  },
  partner_links_buyer_company_id_supplier_company_id_key: {
    field: 'supplierId',
    reason: 'LINK_EXISTS',
    message: 'you are already linked with this company, or a request is waiting for its answer.',
  },
  negotiations_one_open_idx: {
    field: 'offerId',
    reason: 'NEGOTIATION_EXISTS',
    message: 'you already have a negotiation running on this offer; answer it there.',
  },
  partner_links_live_pair_idx: {
    field: 'supplierId',
    reason: 'LINK_EXISTS',
    message: 'you are already linked with this company, or a request between you is waiting for its answer.',
  },
};

const GENERIC_CONFLICT = 'This was saved by another request at the same moment. Reload and try again.';

interface UniqueViolation {
  code: '23505';
  constraint?: string;
}

function isUniqueViolation(error: unknown): error is UniqueViolation {
  return (error as { code?: unknown } | null)?.code === '23505';
}

/**
 * The CONFLICT of a unique rule, for a service that finds the duplicate before the index does: a
 * request that loses the race early answers exactly as one that loses it at the index.
 */
export function knownUniqueConflict(constraint: string): TRPCError {
  const rule = UNIQUE_RULES[constraint];
  if (!rule) throw new Error(`no unique rule for ${constraint}`);
  return appError('CONFLICT', rule.reason, `${rule.field}: ${rule.message}`);
}

/** The CONFLICT a unique violation means to the caller, or undefined for any other error. */
export function uniqueViolationConflict(error: unknown): TRPCError | undefined {
  if (!isUniqueViolation(error)) return undefined;
  const rule = error.constraint ? UNIQUE_RULES[error.constraint] : undefined;
  // Same `field: message` form as a validation error, so the field is named either way.
  if (rule) return appError('CONFLICT', rule.reason, `${rule.field}: ${rule.message}`);
  return appError('CONFLICT', 'ALREADY_EXISTS', GENERIC_CONFLICT);
}
