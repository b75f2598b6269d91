import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import express from 'express';

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

export async function startBaseline(query: RawQuery): Promise<{ url: string; close(): Promise<void> }> {
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
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
