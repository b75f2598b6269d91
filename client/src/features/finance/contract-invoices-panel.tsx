import { useCan } from '../../lib/session.ts';
import { DocumentInvoicesPanel } from './document-invoices-panel.tsx';

/** On the contract page: the invoices raised against it, and "Raise invoice" for the seller. */
export function ContractInvoicesPanel({ contractId, role }: { contractId: string; role: 'seller' | 'buyer' }) {
  const can = useCan();
  if (!can('finance:read')) return null;
  const side = role === 'seller' ? 'sales' : 'purchase';
  return (
    <DocumentInvoicesPanel
      source={{ contractId }}
      side={side}
      testId="contract-invoices"
      empty={side === 'sales' ? 'No invoices yet for this contract.' : 'The seller has not issued an invoice for this contract yet.'}
    />
  );
}
