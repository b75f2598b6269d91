import { type BuyerTender, TENDER_CRITERIA, type TenderCriterion } from '@tradeloom/shared';
import { trimZeros } from '../../lib/format.ts';
import { paymentTermsFromDraft } from '../orders/order-draft.ts';
import type { PaymentTermsDraft } from '../orders/order-terms-fields.tsx';
import { fromLocalInput, toLocalInput } from './tender-status.tsx';

// A tender as the wizard's inputs hold it: every value a string, '' for an empty box. Field names
// follow the server's input, so its errors (`items.2.quantity`) land on the inputs that show them.

export interface DraftItem {
  productId: string;
  description: string;
  quantity: string;
  unit: string;
  targetPrice: string;
  hsnCode: string;
  specification: { name: string; value: string }[];
}

export interface TenderDraft extends PaymentTermsDraft {
  title: string;
  currency: string;
  deliveryPlace: string;
  /** YYYY-MM-DD; empty means not fixed. */
  deliveryDate: string;
  /** A `datetime-local` value in the browser's time zone. */
  closesAt: string;
  notes: string;
  items: DraftItem[];
  /** Always one row per criterion, in the order of TENDER_CRITERIA; an empty weight leaves it out. */
  criteria: { criterion: TenderCriterion; weight: string }[];
  attachmentFileIds: string[];
}

export const emptyItem = (): DraftItem => ({
  productId: '',
  description: '',
  quantity: '',
  unit: 'kg',
  targetPrice: '',
  hsnCode: '',
  specification: [],
});

const emptyCriteria = () => TENDER_CRITERIA.map((criterion) => ({ criterion, weight: '' }));

/** A week from now at 17:00: a usual closing time for a tender. */
function defaultClosesAt(): string {
  const date = new Date(Date.now() + 7 * 24 * 3_600_000);
  date.setHours(17, 0, 0, 0);
  return toLocalInput(date);
}

export const emptyTenderDraft = (): TenderDraft => ({
  title: '',
  currency: 'INR',
  deliveryPlace: '',
  deliveryDate: '',
  paymentTerms: { kind: '', days: '' },
  closesAt: defaultClosesAt(),
  notes: '',
  items: [emptyItem()],
  criteria: emptyCriteria(),
  attachmentFileIds: [],
});

/** A saved draft tender back in the wizard's inputs (numbers without trailing zeros). */
export function draftFromTender(tender: BuyerTender): TenderDraft {
  const weights = new Map(tender.criteria.map((c) => [c.criterion, String(c.weight)]));
  return {
    title: tender.title,
    currency: tender.currency,
    deliveryPlace: tender.deliveryPlace ?? '',
    deliveryDate: tender.deliveryDate ?? '',
    paymentTerms: { kind: tender.paymentTerms?.kind ?? '', days: tender.paymentTerms?.days ? String(tender.paymentTerms.days) : '' },
    closesAt: toLocalInput(tender.closesAt),
    notes: tender.notes ?? '',
    items: tender.items.map((item) => ({
      productId: item.productId ?? '',
      description: item.description,
      quantity: trimZeros(item.quantity),
      unit: item.unit,
      targetPrice: item.targetPrice ? trimZeros(item.targetPrice) : '',
      hsnCode: item.hsnCode ?? '',
      specification: item.specification.map((spec) => ({ ...spec })),
    })),
    criteria: TENDER_CRITERIA.map((criterion) => ({ criterion, weight: weights.get(criterion) ?? '' })),
    attachmentFileIds: tender.attachments.map((file) => file.fileId),
  };
}

/** Sum of the weights typed so far (empty boxes count nothing); NaN while one is not a whole number. */
export function criteriaTotal(criteria: TenderDraft['criteria']): number {
  return criteria.reduce((sum, c) => sum + (c.weight.trim() === '' ? 0 : /^\d+$/.test(c.weight.trim()) ? Number(c.weight) : Number.NaN), 0);
}

/** What create and update send: empty boxes left out, specification rows with neither name nor value dropped. */
export function tenderInput(draft: TenderDraft) {
  return {
    title: draft.title,
    currency: draft.currency,
    closesAt: draft.closesAt ? fromLocalInput(draft.closesAt) : undefined,
    deliveryPlace: draft.deliveryPlace || undefined,
    deliveryDate: draft.deliveryDate || undefined,
    paymentTerms: paymentTermsFromDraft(draft.paymentTerms) ?? undefined,
    notes: draft.notes || undefined,
    items: draft.items.map((item) => ({
      productId: item.productId || undefined,
      description: item.description || undefined,
      quantity: item.quantity,
      unit: item.unit,
      targetPrice: item.targetPrice || undefined,
      hsnCode: item.hsnCode || undefined,
      specification: item.specification.filter((spec) => spec.name.trim() || spec.value.trim()),
    })),
    // Weights stay in their rows' order; a row without a weight is not a criterion.
    criteria: draft.criteria.filter((c) => c.weight.trim() !== '').map((c) => ({ criterion: c.criterion, weight: Number(c.weight) })),
    attachmentFileIds: draft.attachmentFileIds,
  };
}
