// What a change to an order returns: the order's identity, numbers, status and version.

export interface OrderSummary {
  id: string;
  status: string;
  buyerNumber: string | null;
  supplierNumber: string | null;
  total: string;
  currency: string;
  version: number;
}

export const SUMMARY_COLUMNS = ['id', 'status', 'buyer_number', 'supplier_number', 'total', 'currency', 'version'] as const;

export function toSummary(row: {
  id: string;
  status: string;
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
