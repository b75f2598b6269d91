import type express from 'express';
import type { TxQuery } from './baseline.ts';

// The reports' statements written by hand (the same SQL the report functions build), for the
// baseline: company 1's purchases by supplier and by month, its sales by product, its cycle times.
const TRADED = ['submitted', 'accepted', 'in_progress', 'shipped', 'delivered', 'completed'];
const BUYER_SCOPE = `o.buyer_company_id = $1 AND o.buyer_number IS NOT NULL AND o.status = ANY($2)`;
const BY_SUPPLIER = `SELECT g."partnerId", (SELECT c.name FROM companies c WHERE c.id = g."partnerId") AS "partnerName", g.currency, g.orders, g.total
  FROM (SELECT o.supplier_company_id AS "partnerId", o.currency, count(*)::int AS orders, sum(o.total) AS total
        FROM orders o WHERE ${BUYER_SCOPE} GROUP BY o.supplier_company_id, o.currency) g
  ORDER BY g.total DESC, g."partnerId"`;
const BY_MONTH = `SELECT to_char(date_trunc('month', o.order_date), 'YYYY-MM') AS month, o.currency, count(*)::int AS orders, sum(o.total) AS total
  FROM orders o WHERE ${BUYER_SCOPE} GROUP BY 1, o.currency ORDER BY 1, o.currency`;
const BY_PRODUCT = `SELECT min(l.product_id::text) AS "productId", min(l.description) AS product, l.unit, sum(l.quantity) AS quantity, o.currency,
    count(DISTINCT o.id)::int AS orders, sum(l.total) AS total
  FROM orders o JOIN order_lines l ON l.order_id = o.id
  WHERE o.supplier_company_id = $1 AND o.supplier_number IS NOT NULL AND o.status = ANY($2)
  GROUP BY coalesce(l.product_id::text, l.description), l.unit, o.currency ORDER BY total DESC, product`;
const step = (from: string, to: string) => {
  const days = `extract(epoch from (o.${to} - o.${from})) / 86400`;
  return `count(${days})::int, round((percentile_cont(0.5) WITHIN GROUP (ORDER BY ${days}))::numeric, 1),
    round((percentile_cont(0.9) WITHIN GROUP (ORDER BY ${days}))::numeric, 1)`;
};
const CYCLE = `SELECT ${step('submitted_at', 'accepted_at')}, ${step('accepted_at', 'delivered_at')}, ${step('submitted_at', 'delivered_at')}
  FROM orders o WHERE ${BUYER_SCOPE}`;

export function addReportRoutes(
  app: express.Express,
  query: TxQuery,
  authenticate: (authorization: string | undefined) => Promise<string | null>,
) {
  for (const [route, statement] of [
    ['/reports/purchases-by-supplier', BY_SUPPLIER],
    ['/reports/purchases-by-month', BY_MONTH],
    ['/reports/sales-by-product', BY_PRODUCT],
    ['/reports/cycle-times', CYCLE],
  ] as const) {
    app.get(route, async (req, res) => {
      const companyId = await authenticate(req.headers.authorization);
      if (!companyId) return void res.status(401).end();
      res.json(await query(statement, [companyId, TRADED]));
    });
  }
}
