import type { OrderStatus, OrderSummary } from '@tradeloom/shared';

// What a change to an order returns: the order's identity, numbers, status and version
// (`OrderSummary`, declared with the orders' output schemas in shared).

export const SUMMARY_COLUMNS = ['id', 'status', 'buyer_number', 'supplier_number', 'total', 'currency', 'version'] as const;

export function toSummary(row: {
  id: string;
  status: OrderStatus;
  buyer_number: string | null;
  supplier_number: string | null;
  total: string;
  currency: string;
  version: number;
}): OrderSummary {
  return {
    id: row.id,
    status: row.status,
    buyerNumber: row.buyer_number,
    supplierNumber: row.supplier_number,
    total: row.total,
    currency: row.currency,
    version: row.version,
  };
}
