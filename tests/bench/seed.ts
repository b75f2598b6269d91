import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '@tradeloom/db';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';

export interface BenchData {
  companyId: string;
  apiKey: string;
}

/**
 * Reproducible bench data: `companies` companies with `members` members each and `auditRows`
 * audit entries per company, inserted with set-based SQL. Returns one company and an API key
 * with read scopes for it.
 */
export async function seedBenchData(db: Kysely<Database>, sizes = { companies: 50, members: 20, auditRows: 2000 }): Promise<BenchData> {
  await sql`SELECT setseed(0.42)`.execute(db);
  await sql`
    INSERT INTO users (email, name, password_hash, email_verified_at)
    SELECT 'bench-' || c || '-' || m || '@bench.example', 'Bench User ' || c || '/' || m, 'not-a-login', now()
    FROM generate_series(1, ${sizes.companies}) c, generate_series(1, ${sizes.members}) m`.execute(db);
  await sql`
    INSERT INTO companies (name, legal_name, country, base_currency, is_buyer, is_supplier)
    SELECT 'Bench Company ' || c, 'Bench Company ' || c || ' Pvt Ltd', 'IN', 'INR', true, c % 2 = 0
    FROM generate_series(1, ${sizes.companies}) c`.execute(db);
  await sql`
    INSERT INTO memberships (company_id, user_id, role)
    SELECT co.id, u.id, (ARRAY['owner','admin','manager','staff','viewer'])[1 + (split_part(split_part(u.email, '-', 3), '@', 1)::int % 5)]
    FROM users u JOIN companies co ON co.name = 'Bench Company ' || split_part(u.email, '-', 2)
    WHERE u.email LIKE 'bench-%'`.execute(db);
  await sql`
    INSERT INTO audit_log (company_id, actor_user_id, action, entity_type, entity_id, after, request_id, occurred_at)
    SELECT m.company_id, m.user_id,
           (ARRAY['company.updated','member.role_changed','invitation.created','branch.created'])[1 + (g % 4)],
           (ARRAY['company','membership','invitation','branch'])[1 + (g % 4)],
           gen_random_uuid()::text, jsonb_build_object('n', g), 'bench-' || g, now() - (g || ' seconds')::interval
    FROM (SELECT company_id, min(user_id::text)::uuid AS user_id FROM memberships GROUP BY company_id) m,
         generate_series(1, ${sizes.auditRows}) g`.execute(db);
  await sql`ANALYZE`.execute(db);
  const company = await db.selectFrom('companies').select('id').where('name', '=', 'Bench Company 1').executeTakeFirstOrThrow();
  const owner = await db.selectFrom('memberships').select('user_id').where('company_id', '=', company.id).executeTakeFirstOrThrow();
  const apiKey = `tlk_benchkey_${randomBytes(16)
    .toString('hex')
    .replace(/[^a-z2-9]/g, 'a')
    .padEnd(32, 'a')
    .slice(0, 32)}`;
  await db
    .insertInto('api_keys')
    .values({
      company_id: company.id,
      name: 'bench',
      prefix: 'tlk_benchkey',
      secret_hash: new Uint8Array(createHash('sha256').update(apiKey).digest()),
      scopes: ['company:read', 'members:read', 'audit:read', 'orders:read', 'orders:write'],
      created_by: owner.user_id,
    })
    .execute();
  return { companyId: company.id, apiKey };
}
