import { useCan } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';
import { DocumentInvoicesPanel } from './document-invoices-panel.tsx';

/** On the order page: the invoices of this order, and "Raise invoice" for the supplier. */
export function OrderInvoicesPanel({ orderId }: { orderId: string }) {
  const can = useCan();
  const canRead = can('finance:read');
  const order = trpc.orders.get.useQuery({ orderId }, { enabled: canRead });
  if (!canRead || !order.data || order.data.status === 'draft') return null;
  const side = order.data.side === 'supplier' ? 'sales' : 'purchase';
  return (
    <DocumentInvoicesPanel
      source={{ orderId }}
      side={side}
      testId="order-invoices"
      empty={side === 'sales' ? 'No invoices yet for this order.' : 'The supplier has not issued an invoice for this order yet.'}
    />
  );
}
