import type { DbHandle } from '@tradeloom/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../harness/test-db.ts';

// The same row must come back as the same JS values from pg and from PGlite.
describe('database type parity', () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(() => handle.close());

  it('round-trips bigint, numeric, date, timestamptz, jsonb, arrays and bytea to one set of JS types', async () => {
    const instant = new Date('2026-04-01T10:15:30.123Z');
    const { rows } = await sql<Record<string, unknown>>`
      SELECT ${'9007199254740991'}::int8 AS big,
             count(*) AS counted,
             ${'12345678.9012'}::numeric AS amount,
             ${'0.10'}::numeric(12,2) AS scaled,
             ${'2026-03-31'}::date AS day,
             ${instant}::timestamptz AS at,
             ${JSON.stringify({ a: [1, 'x'] })}::jsonb AS doc,
             ARRAY['a','b']::text[] AS tags,
             ${new Uint8Array([0, 255, 16])}::bytea AS bytes
      FROM (VALUES (1), (2)) AS t(x)`.execute(handle.db);
    const row = rows[0];
    expect(row).toEqual({
      big: 9007199254740991,
      counted: 2,
      amount: '12345678.9012',
      scaled: '0.10',
      day: '2026-03-31',
      at: instant,
      doc: { a: [1, 'x'] },
      tags: ['a', 'b'],
      bytes: new Uint8Array([0, 255, 16]),
    });
    expect(row?.bytes).toBeInstanceOf(Uint8Array);
    expect(Buffer.isBuffer(row?.bytes)).toBe(false);
  });

  it('keeps a calendar date the same whatever the process time zone', async () => {
    const { rows } = await sql<{ day: unknown }>`SELECT '2026-01-01'::date AS day`.execute(handle.db);
    expect(rows[0]?.day).toBe('2026-01-01');
  });

  it('refuses to change or delete audit rows (append-only)', async () => {
    await sql`INSERT INTO audit_log (action, entity_type, entity_id) VALUES ('test.append', 'test', '1')`.execute(handle.db);
    await expect(sql`UPDATE audit_log SET action = 'tampered'`.execute(handle.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(handle.db)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_log`.execute(handle.db)).rejects.toThrow(/append-only/);
    const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM audit_log WHERE action = 'test.append'`.execute(handle.db);
    expect(rows[0]?.n).toBe(1);
  });
});
