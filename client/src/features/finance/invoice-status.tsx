import { Badge } from '@mantine/core';
import type { InvoiceStatus } from '@tradeloom/shared';
import type { NotFoundBack } from '../../components/ui.tsx';

const COLORS: Record<InvoiceStatus, string> = {
  draft: 'gray',
  issued: 'blue',
  partly_paid: 'yellow',
  paid: 'green',
  cancelled: 'red',
};

export function InvoiceStatusBadge({ status }: { status: InvoiceStatus }) {
  return (
    <Badge miw="max-content" variant="light" color={COLORS[status]}>
      {status.replace('_', ' ')}
    </Badge>
  );
}

export const TAX_REGIME_LABELS = {
  intra_state: 'CGST + SGST (same state)',
  inter_state: 'IGST (between states)',
  single: 'single rate',
} as const;

/** A missing, foreign or malformed invoice on a detail route leads back to the invoices list. */
export const INVOICE_NOT_FOUND: NotFoundBack = { title: 'Invoice not found', to: '/invoices', label: 'Back to invoices' };
