import { apiKeyIdInput, createApiKeyInput } from '@tradeloom/shared';
import { router } from '../../trpc/init.ts';
import { companyProcedure } from '../../trpc/procedures.ts';
import { createApiKey, listApiKeys, revokeApiKey } from './api-keys.service.ts';

export const apiKeysRouter = router({
  list: companyProcedure('apiKeys:manage').query(({ ctx }) => listApiKeys(ctx, ctx.actor)),
  create: companyProcedure('apiKeys:manage')
    .input(createApiKeyInput)
    .mutation(({ ctx, input }) => createApiKey(ctx, ctx.actor, input)),
  revoke: companyProcedure('apiKeys:manage')
    .input(apiKeyIdInput)
    .mutation(({ ctx, input }) => revokeApiKey(ctx, ctx.actor, input.apiKeyId)),
});
