import { apiKeyIdInput, apiKeyUsage, apiKeyUsageInput, createApiKeyInput, setApiKeyRateLimitInput } from '@tradeloom/shared';
import { router } from '../../trpc/init.ts';
import { companyProcedure } from '../../trpc/procedures.ts';
import { createApiKey, listApiKeys, readApiKeyUsage, revokeApiKey, setApiKeyRateLimit } from './api-keys.service.ts';

export const apiKeysRouter = router({
  list: companyProcedure('apiKeys:manage').query(({ ctx }) => listApiKeys(ctx, ctx.actor)),
  create: companyProcedure('apiKeys:manage')
    .input(createApiKeyInput)
    .mutation(({ ctx, input }) => createApiKey(ctx, ctx.actor, input)),
  revoke: companyProcedure('apiKeys:manage')
    .input(apiKeyIdInput)
    .mutation(({ ctx, input }) => revokeApiKey(ctx, ctx.actor, input.apiKeyId)),
  setRateLimit: companyProcedure('apiKeys:manage')
    .input(setApiKeyRateLimitInput)
    .mutation(({ ctx, input }) => setApiKeyRateLimit(ctx, ctx.actor, input)),
  usage: companyProcedure('apiKeys:manage')
    .input(apiKeyUsageInput)
    .output(apiKeyUsage)
    .query(({ ctx, input }) => readApiKeyUsage(ctx, ctx.actor, input)),
});
