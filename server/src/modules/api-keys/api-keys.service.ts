import { type Executor, inTransaction } from '@tradeloom/db';
import { type ApiKeyUsage, type CreateApiKeyInput, formatNumber, type SetApiKeyRateLimitInput } from '@tradeloom/shared';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { hashSecret, randomString } from '../../lib/secrets.ts';
import { appError, invalidFields, notFound } from '../../trpc/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { findUserProfile, userNameOf } from '../auth/user-reads.ts';
import { recordChange } from '../events/record-change.ts';
import { keyUsageSince, utcDay } from './api-key-usage.ts';

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
      'api_keys.rate_limit_per_minute as customLimitPerMinute',
      eb.fn.coalesce('api_keys.rate_limit_per_minute', eb.val(ctx.deps.config.apiRateLimit.defaultPerMinute)).as('limitPerMinute'),
      eb
        .selectFrom('api_key_usage as u')
        .select('u.requests')
        .whereRef('u.api_key_id', '=', 'api_keys.id')
        .where('u.day', '=', utcDay(ctx.deps.clock.now()))
        .as('requestsToday'),
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

/** An admin sets a key's calls per minute within the plan's ceiling, or null for the default. */
export async function setApiKeyRateLimit(ctx: ServiceContext, actor: CompanyActor, input: SetApiKeyRateLimitInput) {
  const { ceilingPerMinute, defaultPerMinute } = ctx.deps.config.apiRateLimit;
  if (input.perMinute !== null && input.perMinute > ceilingPerMinute) {
    throw invalidFields({ perMinute: `At most ${formatNumber(ceilingPerMinute)} calls a minute on your plan.` });
  }
  return inTransaction(ctx.deps.db, async (trx) => {
    const key = await trx
      .selectFrom('api_keys')
      .select(['rate_limit_per_minute', 'revoked_at'])
      .where('id', '=', input.apiKeyId)
      .where('company_id', '=', actor.companyId)
      .forUpdate()
      .executeTakeFirst();
    if (!key) throw notFound('API key');
    if (key.revoked_at) throw appError('CONFLICT', 'API_KEY_REVOKED', 'This API key is revoked; its limit no longer matters.');
    await trx.updateTable('api_keys').set({ rate_limit_per_minute: input.perMinute }).where('id', '=', input.apiKeyId).execute();
    await recordAudit(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'api_key.rate_limit_changed',
      entityType: 'api_key',
      entityId: input.apiKeyId,
      before: { rateLimitPerMinute: key.rate_limit_per_minute },
      after: { rateLimitPerMinute: input.perMinute },
    });
    return { apiKeyId: input.apiKeyId, customLimitPerMinute: input.perMinute, limitPerMinute: input.perMinute ?? defaultPerMinute };
  });
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** A key's limit and its calls on each of the last `days` UTC days, today included. */
export async function readApiKeyUsage(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: { apiKeyId: string; days: number },
): Promise<ApiKeyUsage> {
  const { db, clock, config } = ctx.deps;
  const key = await db
    .selectFrom('api_keys')
    .select('rate_limit_per_minute')
    .where('id', '=', input.apiKeyId)
    .where('company_id', '=', actor.companyId)
    .executeTakeFirst();
  if (!key) throw notFound('API key');
  const today = clock.now().getTime();
  const days = Array.from({ length: input.days }, (_, i) => utcDay(new Date(today - (input.days - 1 - i) * DAY_MS)));
  const rows = await keyUsageSince(db, actor.companyId, input.apiKeyId, days[0] as string);
  const byDay = new Map(rows.map((row) => [row.day, row]));
  const { defaultPerMinute, ceilingPerMinute } = config.apiRateLimit;
  return {
    apiKeyId: input.apiKeyId,
    limitPerMinute: key.rate_limit_per_minute ?? defaultPerMinute,
    customLimitPerMinute: key.rate_limit_per_minute,
    defaultPerMinute,
    ceilingPerMinute,
    days: days.map((day) => ({ day, requests: byDay.get(day)?.requests ?? 0, limited: byDay.get(day)?.limited ?? 0 })),
  };
}
