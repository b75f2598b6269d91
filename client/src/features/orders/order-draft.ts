import type { OrderLineInputValue, PaymentTerms, PaymentTermsKind } from '@tradeloom/shared';
import { trimZeros } from '../../lib/format.ts';

/** One line as the editor's inputs hold it: every value a string, '' for an empty box. */
export interface DraftLine {
  productId: string;
  description: string;
  quantity: string;
  unit: string;
  unitPrice: string;
  discountPercent: string;
  hsnCode: string;
  /** Kept for a free line saved with its own rate (no HSN code), so editing does not drop its tax. */
  taxRate: string;
}

export interface OrderDraft {
  lines: DraftLine[];
  note: string;
  /** YYYY-MM-DD; empty means today. */
  orderDate: string;
  /** YYYY-MM-DD; empty means not agreed. */
  requestedDeliveryDate: string;
  /** Named like the server's field, so its errors (`paymentTerms.days`) land on these inputs. */
  paymentTerms: { kind: PaymentTermsKind | ''; days: string };
  /** One of the buyer's branches; empty means its billing address. */
  shipToBranchId: string;
}

export const emptyLine = (): DraftLine => ({
  productId: '',
  description: '',
  quantity: '1',
  unit: 'kg',
  unitPrice: '',
  discountPercent: '',
  hsnCode: '',
  taxRate: '',
});
/** A line filled from a catalog product: its name, unit, current price and HSN code. */
export function lineFromProduct(
  product: { id: string; name: string; unit: string; price: string; hsnCode: string | null },
  quantity = '1',
): DraftLine {
  return {
    ...emptyLine(),
    productId: product.id,
    description: product.name,
    quantity,
    unit: product.unit,
    unitPrice: trimZeros(product.price),
    hsnCode: product.hsnCode ?? '',
  };
}

export const emptyDraft = (lines: DraftLine[] = [emptyLine()]): OrderDraft => ({
  lines,
  note: '',
  orderDate: '',
  requestedDeliveryDate: '',
  paymentTerms: { kind: '', days: '' },
  shipToBranchId: '',
});

/** An order's lines as the editor holds them (numbers without trailing zeros). */
export function draftFromOrder(order: {
  note: string | null;
  orderDate: string;
  requestedDeliveryDate: string | null;
  paymentTerms: PaymentTerms | null;
  shipTo: { branchId: string } | null;
  lines: {
    productId: string | null;
    description: string;
    quantity: string;
    unit: string;
    unitPrice: string;
    discountPercent: string;
    hsnCode: string | null;
    taxRate: string;
  }[];
}): OrderDraft {
  return {
    note: order.note ?? '',
    orderDate: order.orderDate,
    requestedDeliveryDate: order.requestedDeliveryDate ?? '',
    paymentTerms: { kind: order.paymentTerms?.kind ?? '', days: order.paymentTerms?.days ? String(order.paymentTerms.days) : '' },
    shipToBranchId: order.shipTo?.branchId ?? '',
    lines: order.lines.map((line) => ({
      productId: line.productId ?? '',
      description: line.description,
      quantity: trimZeros(line.quantity),
      unit: line.unit,
      unitPrice: trimZeros(line.unitPrice),
      discountPercent: Number(line.discountPercent) ? trimZeros(line.discountPercent) : '',
      hsnCode: line.hsnCode ?? '',
      taxRate: line.hsnCode ? '' : line.taxRate,
    })),
  };
}

/** What create and update send (empty boxes left out): the server prices, taxes and totals them. */
export function draftInput(draft: OrderDraft): {
  lines: OrderLineInputValue[];
  note: string;
  orderDate?: string;
  requestedDeliveryDate: string | null;
  paymentTerms: { kind: PaymentTermsKind; days?: number } | null;
  shipToBranchId: string | null;
} {
  return {
    // Terms are always sent: an empty box clears the term (the form shows every one of them).
    requestedDeliveryDate: draft.requestedDeliveryDate || null,
    paymentTerms: paymentTermsFromDraft(draft.paymentTerms),
    shipToBranchId: draft.shipToBranchId || null,
    // Sent even when empty: an edit that leaves the note out keeps the old one, and emptying the box means "clear it".
    note: draft.note,
    orderDate: draft.orderDate || undefined,
    lines: draft.lines.map((line) => ({
      productId: line.productId || undefined,
      description: line.description || undefined,
      quantity: line.quantity,
      unit: line.unit,
      unitPrice: line.unitPrice,
      discountPercent: line.discountPercent || undefined,
      // A catalog line takes its HSN code (and so its rate) from the product.
      hsnCode: line.productId ? undefined : line.hsnCode || undefined,
      taxRate: line.productId || line.hsnCode ? undefined : line.taxRate || undefined,
    })),
  };
}

/** The payment-terms inputs as the server takes them; null when none is chosen. Days only for net terms. */
export function paymentTermsFromDraft({ kind, days }: { kind: PaymentTermsKind | ''; days: string }): {
  kind: PaymentTermsKind;
  days?: number;
} | null {
  return kind ? { kind, days: kind === 'net' && days ? Number(days) : undefined } : null;
}
