import {
  dec,
  money,
  type PaymentTermsKind,
  type QuoteTerms,
  quoteLineInput,
  type SubmitQuoteInput,
  type SupplierTender,
  submitQuoteInput,
} from '@tradeloom/shared';
import { z } from 'zod';
import { trimZeros } from '../../lib/format.ts';

type TenderItem = SupplierTender['items'][number];

/** One offer as the editor's inputs hold it: every value a string, '' for an empty box. */
export interface QuoteLineDraft {
  itemId: string;
  /** 0 offers the item as asked; 1–9 are alternatives. */
  alternativeNo: number;
  description: string;
  unitPrice: string;
  quantity: string;
  unit: string;
  freightPerUnit: string;
  hsnCode: string;
  taxRate: string;
  notes: string;
}

export interface QuoteAttachmentDraft {
  fileId: string;
  name: string;
  size: number;
}

export interface QuoteDraft {
  currency: string;
  leadTimeDays: string;
  validUntil: string;
  /** Named like the server's field, so its errors (`paymentTerms.days`) land on these inputs. */
  paymentTerms: { kind: PaymentTermsKind | ''; days: string };
  notes: string;
  /** Offers ordered by item, then alternative: the index is the one server errors name (`lines.2.unitPrice`) once unpriced rows are mapped. */
  lines: QuoteLineDraft[];
  attachments: QuoteAttachmentDraft[];
}

/** An empty offer for an item: its whole quantity, in its unit, with its HSN code. */
export function offerFor(item: TenderItem, alternativeNo = 0): QuoteLineDraft {
  return {
    itemId: item.id,
    alternativeNo,
    description: '',
    unitPrice: '',
    quantity: trimZeros(item.quantity),
    unit: item.unit,
    freightPerUnit: '',
    hsnCode: item.hsnCode ?? '',
    taxRate: '',
    notes: '',
  };
}

/** A new quote: one offer per item in the tender's currency. */
export function emptyQuote(tender: Pick<SupplierTender, 'items' | 'currency'>): QuoteDraft {
  return {
    currency: tender.currency,
    leadTimeDays: '',
    validUntil: '',
    paymentTerms: { kind: '', days: '' },
    notes: '',
    lines: tender.items.map((item) => offerFor(item)),
    attachments: [],
  };
}

/**
 * The editor prefilled from a saved quote (the draft, or the active quote when revising); items it
 * did not price get an empty offer, so every item stays in view.
 */
export function quoteFromTerms(tender: Pick<SupplierTender, 'items' | 'currency'>, terms: QuoteTerms): QuoteDraft {
  const lines = tender.items.flatMap((item) => {
    const saved = terms.lines
      .filter((line) => line.itemId === item.id)
      .sort((a, b) => a.alternativeNo - b.alternativeNo)
      .map(
        (line): QuoteLineDraft => ({
          itemId: item.id,
          alternativeNo: line.alternativeNo,
          description: line.description ?? '',
          unitPrice: trimZeros(line.unitPrice),
          quantity: line.quantity ? trimZeros(line.quantity) : trimZeros(item.quantity),
          unit: line.unit ?? item.unit,
          freightPerUnit: Number(line.freightPerUnit) ? trimZeros(line.freightPerUnit) : '',
          hsnCode: line.hsnCode ?? '',
          taxRate: line.taxRate ? trimZeros(line.taxRate) : '',
          notes: line.notes ?? '',
        }),
      );
    return saved.some((line) => line.alternativeNo === 0) ? saved : [offerFor(item), ...saved];
  });
  return {
    currency: terms.currency,
    leadTimeDays: terms.leadTimeDays === null ? '' : String(terms.leadTimeDays),
    validUntil: terms.validUntil ?? '',
    paymentTerms: { kind: terms.paymentTerms?.kind ?? '', days: terms.paymentTerms?.days ? String(terms.paymentTerms.days) : '' },
    notes: terms.notes ?? '',
    lines,
    attachments: terms.attachments.map((file) => ({ fileId: file.fileId, name: file.name, size: file.size })),
  };
}

// An offer as asked may be left unpriced (the supplier does not quote that item); an alternative
// the supplier added must say what differs and what it costs.
const editorLine = quoteLineInput.partial({ unitPrice: true }).superRefine((line, ctx) => {
  if (!line.alternativeNo) return;
  if (!line.unitPrice) ctx.addIssue({ code: 'custom', path: ['unitPrice'], message: 'is required for an alternative' });
  if (!line.description) ctx.addIssue({ code: 'custom', path: ['description'], message: 'is required: say what differs' });
});

/** The server's rules for a quote, with every item's row kept in place while the editor validates it. */
export const quoteEditorSchema = submitQuoteInput.extend({
  lines: z
    .array(editorLine)
    .min(1)
    .refine((lines) => lines.some((line) => line.unitPrice), 'price at least one item'),
});

const orUndefined = (value: string) => value.trim() || undefined;

/** The editor's values as the schema reads them (empty boxes left out), rows still in place. */
export function editorInput(tenderId: string, draft: QuoteDraft) {
  const { kind, days } = draft.paymentTerms;
  return {
    tenderId,
    currency: orUndefined(draft.currency),
    leadTimeDays: draft.leadTimeDays.trim() ? Number(draft.leadTimeDays) : undefined,
    validUntil: orUndefined(draft.validUntil),
    paymentTerms: kind ? { kind, days: kind === 'net' && days ? Number(days) : undefined } : undefined,
    notes: orUndefined(draft.notes),
    attachmentFileIds: draft.attachments.map((file) => file.fileId),
    lines: draft.lines.map((line) => ({
      itemId: line.itemId,
      alternativeNo: line.alternativeNo || undefined,
      description: orUndefined(line.description),
      unitPrice: orUndefined(line.unitPrice),
      quantity: orUndefined(line.quantity),
      unit: orUndefined(line.unit),
      freightPerUnit: orUndefined(line.freightPerUnit),
      hsnCode: orUndefined(line.hsnCode),
      taxRate: orUndefined(line.taxRate),
      notes: orUndefined(line.notes),
    })),
  };
}

export type QuoteEditorValues = z.output<typeof quoteEditorSchema>;

/**
 * What saveDraft and submit send: only the priced rows of the checked values. `rowOf[n]` is the
 * editor row of the n-th line sent, so the server's `lines.n.unitPrice` lands under the right input.
 */
export function quoteInput(values: QuoteEditorValues): { input: Omit<SubmitQuoteInput, 'idempotencyKey'>; rowOf: number[] } {
  const rowOf = values.lines.flatMap((line, row) => (line.unitPrice ? [row] : []));
  const lines = rowOf.map((row) => values.lines[row]) as SubmitQuoteInput['lines'];
  const { idempotencyKey: _, ...rest } = values;
  return { input: { ...rest, lines }, rowOf };
}

/** A server field path (`lines.1.unitPrice`) as the editor's row path. */
export const editorPath = (rowOf: number[]) => (path: string) =>
  path.replace(/^lines\.(\d+)/, (whole, n: string) => (rowOf[Number(n)] === undefined ? whole : `lines.${rowOf[Number(n)]}`));

export interface QuoteTotal {
  /** Price and freight for the quantities offered, before GST. */
  beforeTax: string;
  tax: string;
  total: string;
}

/** The running total of the offers as asked (alternatives are options, not extra goods), or null while a box is unreadable. */
export function quoteTotal(lines: QuoteLineDraft[]): QuoteTotal | null {
  try {
    let beforeTax = dec(0);
    let tax = dec(0);
    for (const line of lines) {
      if (line.alternativeNo || !line.unitPrice.trim() || !line.quantity.trim()) continue;
      const value = dec(line.unitPrice)
        .plus(dec(line.freightPerUnit.trim() || 0))
        .times(dec(line.quantity));
      beforeTax = beforeTax.plus(value);
      tax = tax.plus(value.times(dec(line.taxRate.trim() || 0)).dividedBy(100));
    }
    return { beforeTax: money(beforeTax), tax: money(tax), total: money(beforeTax.plus(tax)) };
  } catch {
    return null;
  }
}
