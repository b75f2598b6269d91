import { z } from 'zod';
import { amount, id, isoDate, positiveQuantity } from '../common.ts';
import { decimal, timestamp } from '../wire.ts';

// Credit and debit notes: the supplier corrects its issued invoice (returns, price differences,
// complaint and dispute resolutions). Tax follows the invoice line by line: the same rates and
// the same split (CGST + SGST within a state, IGST across states).

export const NOTE_KINDS = ['credit', 'debit'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];
export const NOTE_KIND_LABELS: Record<NoteKind, string> = { credit: 'Credit note', debit: 'Debit note' };

export const NOTE_REASONS = ['return', 'price_difference', 'quality', 'complaint', 'dispute', 'other'] as const;
export type NoteReason = (typeof NOTE_REASONS)[number];
export const NOTE_REASON_LABELS: Record<NoteReason, string> = {
  return: 'Goods returned',
  price_difference: 'Price difference',
  quality: 'Quality',
  complaint: 'Complaint resolution',
  dispute: 'Dispute resolution',
  other: 'Other',
};

/**
 * One invoice line the note corrects: a `quantity` (returned or short: its share of the line's
 * taxable value) or an `amount` (a taxable value, e.g. a price difference); tax is added at the
 * line's rate.
 */
export const noteLineInput = z
  .object({ invoiceLineId: id, quantity: positiveQuantity().optional(), amount: amount().optional() })
  .refine((line) => (line.quantity === undefined) !== (line.amount === undefined), {
    path: ['quantity'],
    message: 'give either a quantity or an amount',
  })
  .refine((line) => line.amount === undefined || Number(line.amount) > 0, { path: ['amount'], message: 'must be more than zero' });

/**
 * Lines, or one `amount` including tax, spread over the invoice's lines in proportion to their
 * totals (so each line keeps its own rate): exactly one of the two.
 */
export const createNoteInput = z
  .object({
    invoiceId: id,
    kind: z.enum(NOTE_KINDS),
    reason: z.enum(NOTE_REASONS),
    description: z.string().trim().max(2000).optional(),
    lines: z.array(noteLineInput).min(1, 'a note needs at least one line').max(200).optional(),
    amount: amount().optional(),
    /** Today (the supplier's calendar) when left out; never before the invoice date. */
    noteDate: isoDate.optional(),
    disputeId: id.optional(),
    complaintId: id.optional(),
  })
  .refine((note) => (note.lines === undefined) !== (note.amount === undefined), {
    path: ['amount'],
    message: 'give either lines or an amount',
  })
  .refine((note) => note.amount === undefined || Number(note.amount) > 0, { path: ['amount'], message: 'must be more than zero' });
export type CreateNoteInput = z.infer<typeof createNoteInput>;

export const noteIdInput = z.object({ noteId: id });
/** The credit note a resolved complaint agreed on (its amount), from the complaint's screen. */
export const complaintCreditNoteInput = z.object({ complaintId: id });
export const noteListInput = z.object({ invoiceId: id.optional() });

const companyRef = z.strictObject({ id: z.uuid(), name: z.string() });

export const noteCreated = z.strictObject({ id: z.uuid(), number: z.string() });

export const noteSummary = z.strictObject({
  id: z.uuid(),
  number: z.string(),
  kind: z.enum(NOTE_KINDS),
  reason: z.enum(NOTE_REASONS),
  noteDate: z.string(),
  invoiceId: z.uuid(),
  invoiceNumber: z.string().nullable(),
  side: z.enum(['supplier', 'buyer']),
  supplier: companyRef,
  buyer: companyRef,
  currency: z.string(),
  taxable: decimal,
  tax: decimal,
  total: decimal,
  status: z.enum(['issued', 'cancelled']),
  createdAt: timestamp,
});
export type NoteSummary = z.infer<typeof noteSummary>;

export const noteLineView = z.strictObject({
  lineNo: z.number().int(),
  invoiceLineId: z.uuid().nullable(),
  description: z.string(),
  hsnCode: z.string().nullable(),
  quantity: decimal.nullable(),
  taxRate: decimal,
  taxable: decimal,
  cgst: decimal,
  sgst: decimal,
  igst: decimal,
  tax: decimal,
  total: decimal,
});

export const noteDetail = noteSummary.extend({
  description: z.string(),
  financialYear: z.string(),
  taxRegime: z.enum(['intra_state', 'inter_state', 'single']),
  cgst: decimal,
  sgst: decimal,
  igst: decimal,
  disputeId: z.uuid().nullable(),
  complaintId: z.uuid().nullable(),
  lines: z.array(noteLineView),
});
export type NoteDetail = z.infer<typeof noteDetail>;

/**
 * `finance.notes.list`: the notes, and with `invoiceId` what the invoice's panels need — the
 * caller's side, the status, what a credit note may still take off and what may still be disputed.
 */
export const noteList = z.strictObject({
  items: z.array(noteSummary),
  invoice: z
    .strictObject({
      id: z.uuid(),
      number: z.string().nullable(),
      side: z.enum(['supplier', 'buyer']),
      status: z.enum(['draft', 'issued', 'partly_paid', 'paid', 'cancelled']),
      currency: z.string(),
      total: decimal,
      /** The invoice's value after earlier notes: the most a credit note may take off. */
      creditable: decimal,
      /** What is still owed and not under dispute: the most a new dispute may be for. */
      disputable: decimal,
      disputed: decimal,
    })
    .nullable(),
});
export type NoteList = z.infer<typeof noteList>;
