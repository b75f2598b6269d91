import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import express from 'express';
import { addReportRoutes } from './baseline-reports.ts';

/** Runs one parameterised SQL statement and returns its rows, whatever the driver. */
export type RawQuery = (text: string, values: unknown[]) => Promise<Record<string, unknown>[]>;

// The same statements the procedures run (key lookup with company status, then the member list or audit
// page), written by hand and answered with res.json: the floor for what our stack can reach.
const KEY = `SELECT k.id, k.company_id, k.scopes, k.revoked_at, k.last_used_at, c.status
  FROM api_keys k JOIN companies c ON c.id = k.company_id WHERE k.secret_hash = $1`;
const MEMBERS = `SELECT u.id AS "userId", u.name, u.email, m.role, m.branch_ids AS "branchIds", m.created_at AS "joinedAt", u.email_verified_at AS "emailVerifiedAt"
  FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.company_id = $1 ORDER BY u.name`;
const AUDIT = `SELECT a.id, a.occurred_at AS "occurredAt", a.action, a.entity_type AS "entityType", a.entity_id AS "entityId",
  a.actor_user_id AS "actorUserId", u.name AS "actorName", a.actor_api_key_id AS "actorApiKeyId", a.before, a.after, a.request_id AS "requestId"
  FROM audit_log a LEFT JOIN users u ON u.id = a.actor_user_id WHERE a.company_id = $1 ORDER BY a.id DESC LIMIT $2`;

export async function startBaseline(query: TxQuery): Promise<{ url: string; close(): Promise<void> }> {
  const app = express();
  const authenticate = async (authorization: string | undefined) => {
    const key = authorization?.replace(/^Bearer /, '') ?? '';
    const [row] = await query(KEY, [createHash('sha256').update(key).digest()]);
    if (row?.status !== 'active') return null;
    return row.company_id as string;
  };
  app.get('/members', async (req, res) => {
    const companyId = await authenticate(req.headers.authorization);
    if (!companyId) return void res.status(401).end();
    res.json(await query(MEMBERS, [companyId]));
  });
  app.get('/audit', async (req, res) => {
    const companyId = await authenticate(req.headers.authorization);
    if (!companyId) return void res.status(401).end();
    const rows = await query(AUDIT, [companyId, 51]);
    res.json({ items: rows.slice(0, 50), nextCursor: rows.length > 50 ? String(rows[49]?.id) : null });
  });
  addOrderRoutes(app, query, authenticate);
  addReportRoutes(app, query, authenticate);
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

// Orders: the same statements as orders.list / orders.get / orders.create run, by hand.
const ORDER_LIST = `SELECT o.id, o.buyer_number AS number, o.status, o.order_date AS "orderDate", o.currency, o.total, o.created_at AS "createdAt",
  c.id AS "partnerId", c.name AS "partnerName"
  FROM orders o JOIN companies c ON c.id = o.supplier_company_id
  WHERE o.buyer_company_id = $1 AND o.buyer_number IS NOT NULL AND o.status = $2
  ORDER BY o.created_at DESC, o.id DESC LIMIT $3`;
const ORDER_LIST_AFTER = `SELECT o.id, o.buyer_number AS number, o.status, o.order_date AS "orderDate", o.currency, o.total, o.created_at AS "createdAt",
  c.id AS "partnerId", c.name AS "partnerName"
  FROM orders o JOIN companies c ON c.id = o.supplier_company_id
  WHERE o.buyer_company_id = $1 AND o.buyer_number IS NOT NULL AND o.status = $2
    AND (o.created_at, o.id) < (SELECT k.created_at, k.id FROM orders k WHERE k.id = $3)
  ORDER BY o.created_at DESC, o.id DESC LIMIT $4`;
const ORDER_GET = `SELECT * FROM orders WHERE id = $1 AND (buyer_company_id = $2 OR supplier_company_id = $2)`;
const ORDER_LINES = `SELECT * FROM order_lines WHERE order_id = $1 ORDER BY line_no`;

export interface TxQuery {
  (text: string, values: unknown[]): Promise<Record<string, unknown>[]>;
  transaction<T>(work: (query: RawQuery) => Promise<T>): Promise<T>;
}

export function addOrderRoutes(
  app: express.Express,
  query: TxQuery,
  authenticate: (authorization: string | undefined) => Promise<string | null>,
) {
  app.get('/orders', async (req, res) => {
    const companyId = await authenticate(req.headers.authorization);
    if (!companyId) return void res.status(401).end();
    const limit = Math.min(Number(req.query.limit ?? 25), 500);
    const rows =
      typeof req.query.cursor === 'string'
        ? await query(ORDER_LIST_AFTER, [
            companyId,
            'submitted',
            (JSON.parse(Buffer.from(req.query.cursor, 'base64url').toString()) as [string])[0],
            limit + 1,
          ])
        : await query(ORDER_LIST, [companyId, 'submitted', limit + 1]);
    const last = rows[limit - 1];
    res.json({
      items: rows.slice(0, limit),
      nextCursor: rows.length > limit && last ? Buffer.from(JSON.stringify([last.id])).toString('base64url') : null,
    });
  });
  app.get('/orders/:id', async (req, res) => {
    const companyId = await authenticate(req.headers.authorization);
    if (!companyId) return void res.status(401).end();
    const [order] = await query(ORDER_GET, [req.params.id, companyId]);
    if (!order) return void res.status(404).end();
    res.json({ ...order, lines: await query(ORDER_LINES, [req.params.id]) });
  });
  app.post('/orders', express.json(), async (req, res) => {
    const companyId = await authenticate(req.headers.authorization);
    if (!companyId) return void res.status(401).end();
    const body = req.body as { supplierId: string; lines: { description: string; quantity: string; unit: string; unitPrice: string }[] };
    const order = await query.transaction(async (tx) => {
      const [series] = await tx(
        `UPDATE number_series SET next_value = next_value + 1 WHERE company_id = $1 AND doc_type = 'PO' AND period_key = '2026-27' RETURNING next_value - 1 AS value`,
        [companyId],
      );
      const number = `PO-2026-${String(series?.value).padStart(6, '0')}`;
      const [row] = await tx(
        `INSERT INTO orders (buyer_company_id, supplier_company_id, created_by_side, buyer_number, order_date, currency, tax_regime,
           subtotal, discount, taxable, cgst, sgst, igst, tax, total)
         VALUES ($1, $2, 'buyer', $3, current_date, 'INR', 'inter_state', 0, 0, 0, 0, 0, 0, 0, 0) RETURNING id, buyer_number, total`,
        [companyId, body.supplierId, number],
      );
      for (const [index, line] of body.lines.entries()) {
        await tx(
          `INSERT INTO order_lines (order_id, line_no, description, quantity, unit, unit_price, tax_rate, gross, discount, taxable, cgst, sgst, igst, tax, total)
           VALUES ($1, $2, $3, $4, $5, $6, 0, 0, 0, 0, 0, 0, 0, 0, 0)`,
          [row?.id, index + 1, line.description, line.quantity, line.unit, line.unitPrice],
        );
      }
      return row;
    });
    res.json(order);
  });
}
