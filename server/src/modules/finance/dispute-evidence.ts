import type { Executor } from '@tradeloom/db';
import { TRPCError } from '@trpc/server';
import { invalidFields } from '../../trpc/errors.ts';
import { assertOwnFile } from '../files/files.service.ts';

// A dispute's evidence: files the raising company uploaded itself (the files module stores them);
// either party of the dispute may download them.

export async function assertOwnEvidence(db: Executor, companyId: string, fileIds: string[]): Promise<void> {
  for (const fileId of fileIds) {
    try {
      await assertOwnFile(db, companyId, fileId);
    } catch (error) {
      if (error instanceof TRPCError && error.code === 'NOT_FOUND')
        throw invalidFields({ evidenceFileIds: 'must be files your company uploaded' });
      throw error;
    }
  }
}

export async function insertDisputeEvidence(trx: Executor, disputeId: string, fileIds: string[]): Promise<void> {
  if (!fileIds.length) return;
  await trx
    .insertInto('dispute_evidence')
    .values(fileIds.map((fileId) => ({ dispute_id: disputeId, file_id: fileId })))
    .onConflict((oc) => oc.columns(['dispute_id', 'file_id']).doNothing())
    .execute();
}

/** Whether the file is evidence on a dispute this company is party to (the files module asks before a download). */
export async function isFileOfVisibleDispute(db: Executor, fileId: string, companyId: string): Promise<boolean> {
  const row = await db
    .selectFrom('dispute_evidence as e')
    .innerJoin('disputes as d', 'd.id', 'e.dispute_id')
    .select('e.file_id')
    .where('e.file_id', '=', fileId)
    .where((eb) => eb.or([eb('d.supplier_company_id', '=', companyId), eb('d.buyer_company_id', '=', companyId)]))
    .executeTakeFirst();
  return row !== undefined;
}
