import { type Executor, inTransaction } from '@tradeloom/db';
import type { CreateApiKeyInput } from '@tradeloom/shared';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { hashSecret, randomString } from '../../lib/secrets.ts';
import { appError, notFound } from '../../trpc/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { findUserProfile, userNameOf } from '../auth/user-reads.ts';
import { recordChange } from '../events/record-change.ts';

/** `tlk_<8-char prefix>_<32-char secret>`: 200 random bits; only its SHA-256 is stored. */
function newApiKey(): { key: string; prefix: string } {
  const prefix = `tlk_${randomString(8)}`;
  return { key: `${prefix}_${randomString(32)}`, prefix };
}

export async function createApiKey(ctx: ServiceContext, actor: CompanyActor, input: CreateApiKeyInput) {
  if (!actor.userId) throw appError('FORBIDDEN', 'API_KEY_NOT_ALLOWED', 'API keys are created by a signed-in admin.');
  const user = await findUserProfile(ctx.deps.db, actor.userId);
  if (!user.emailVerifiedAt) throw appError('FORBIDDEN', 'EMAIL_NOT_VERIFIED', 'Verify your email address before creating API keys.');
  // A key never holds more than its creator may do.
  const beyond = input.scopes.filter((scope) => !actor.permissions.has(scope));
  if (beyond.length) throw appError('FORBIDDEN', 'SCOPE_NOT_ALLOWED', `Your role cannot grant: ${beyond.join(', ')}.`);
  const { key, prefix } = newApiKey();
  const scopes = [...new Set(input.scopes)];
  return inTransaction(ctx.deps.db, async (trx) => {
    const row = await trx
      .insertInto('api_keys')
      .values({
        company_id: actor.companyId,
        name: input.name,
        prefix,
        secret_hash: hashSecret(key),
        scopes,
        created_by: actor.userId as string,
      })
      .returning(['id', 'created_at'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'api_key.created',
      entityType: 'api_key',
      entityId: row.id,
      after: { name: input.name, prefix, scopes },
    });
    // The only time the full key is visible.
    return { id: row.id, name: input.name, prefix, scopes, createdAt: row.created_at, key };
  });
}

export async function listApiKeys(ctx: ServiceContext, actor: CompanyActor) {
  return ctx.deps.db
    .selectFrom('api_keys')
    .select((eb) => [
      'api_keys.id',
      'api_keys.name',
      'api_keys.prefix',
      'api_keys.scopes',
      'api_keys.created_at as createdAt',
      'api_keys.last_used_at as lastUsedAt',
      'api_keys.revoked_at as revokedAt',
      userNameOf(eb.ref('api_keys.created_by')).as('createdBy'),
    ])
    .where('api_keys.company_id', '=', actor.companyId)
    .orderBy('api_keys.created_at', 'desc')
    .execute();
}

/**
 * Revoking is one conditional UPDATE: of concurrent revokes exactly one changes the row and writes
 * the audit row and event; the others see it already revoked and get CONFLICT, as a sequential
 * second revoke does (the caller learns its call changed nothing; the key is dead either way).
 */
export async function revokeApiKey(ctx: ServiceContext, actor: CompanyActor, apiKeyId: string) {
  await inTransaction(ctx.deps.db, async (trx) => {
    const revoked = await trx
      .updateTable('api_keys')
      .set({ revoked_at: ctx.deps.clock.now() })
      .where('id', '=', apiKeyId)
      .where('company_id', '=', actor.companyId)
      .where('revoked_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!revoked) throw await whyNotRevoked(trx, actor.companyId, apiKeyId);
    // Open live streams of the key hear of its event and end.
    await recordChange(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'api_key.revoked',
      entityType: 'api_key',
      entityId: apiKeyId,
    });
  });
}

async function whyNotRevoked(trx: Executor, companyId: string, apiKeyId: string) {
  const key = await trx
    .selectFrom('api_keys')
    .select('id')
    .where('id', '=', apiKeyId)
    .where('company_id', '=', companyId)
    .executeTakeFirst();
  return key ? appError('CONFLICT', 'API_KEY_REVOKED', 'This API key is already revoked.') : notFound('API key');
}
