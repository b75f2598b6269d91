import type { Executor } from '@tradeloom/db';
import { TRPCError } from '@trpc/server';
import { invalidFields } from '../../trpc/errors.ts';
import { assertOwnFile } from '../files/files.service.ts';

// Evidence is what the caller's company uploaded itself (the files module stores and checks
// uploads); someone else's file id is bad input naming the field, and nothing is written.

export async function assertOwnFiles(db: Executor, companyId: string, fileIds: string[], field: string): Promise<void> {
  for (const fileId of fileIds) {
    try {
      await assertOwnFile(db, companyId, fileId);
    } catch (error) {
      if (error instanceof TRPCError && error.code === 'NOT_FOUND') throw invalidFields({ [field]: 'must be files your company uploaded' });
      throw error;
    }
  }
}
