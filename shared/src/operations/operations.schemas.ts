import { z } from 'zod';

/** A background job's id (bigint identity, within JavaScript's safe integers). */
export const retryJobInput = z.object({ jobId: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });
export type RetryJobInput = z.infer<typeof retryJobInput>;
