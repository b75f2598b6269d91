import { type Executor, inTransaction } from '@tradeloom/db';
import type { gstRateListInput, gstRateOn, gstRateRow, masterSaved, saveGstRateInput } from '@tradeloom/shared';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { ServiceContext } from '../../deps.ts';
import { uniqueViolationConflict } from '../../lib/unique-violation.ts';
import { appError } from '../../trpc/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { emitEvent } from '../events/events.service.ts';

// GST rates are the law's, kept by operators for every company: a rate holds from its date until
// the next row of the same HSN code. A rate is never edited in place — a change in the law is a new
// row from the day it applies, so invoices dated before it still find the old rate.

const rateTaken = () => appError('CONFLICT', 'ALREADY_EXISTS', 'effectiveFrom: this HSN code already has a rate from that date.');

export async function saveGstRate(
  ctx: ServiceContext,
  userId: string,
  input: z.output<typeof saveGstRateInput>,
): Promise<z.infer<typeof masterSaved>> {
  try {
    return await inTransaction(ctx.deps.db, async (trx) => {
      const taken = await trx
        .selectFrom('gst_rates')
        .select('id')
        .where('hsn_code', '=', input.hsnCode)
        .where('effective_from', '=', input.effectiveFrom)
        .executeTakeFirst();
      if (taken) throw rateTaken();
      const row = await trx
        .insertInto('gst_rates')
        .values({
          hsn_code: input.hsnCode,
          rate: input.rate,
          effective_from: input.effectiveFrom,
          note: input.note || null,
          created_by: userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const after = { hsnCode: input.hsnCode, rate: input.rate, effectiveFrom: input.effectiveFrom, note: input.note ?? null };
      await recordAudit(trx, { userId }, ctx.request, {
        companyId: null,
        action: 'gst_rate.saved',
        entityType: 'gst_rate',
        entityId: row.id,
        after,
      });
      await emitEvent(trx, userId, ctx.request, { type: 'master.changed', companyId: null, entityType: 'master', entityId: row.id });
      // Rows are never edited, so every row stays at its first version.
      return { id: row.id, version: 1 };
    });
  } catch (error) {
    // Two operators saving the same code and date at once: the unique index decides.
    if (uniqueViolationConflict(error)) throw rateTaken();
    throw error;
  }
}

/** Every rate (or one code's), newest first within a code, each with the day it stopped applying. */
export function listGstRates(ctx: ServiceContext, input: z.output<typeof gstRateListInput>): Promise<z.infer<typeof gstRateRow>[]> {
  let query = ctx.deps.db
    .selectFrom('gst_rates')
    .select([
      'id',
      'hsn_code as hsnCode',
      'rate',
      'effective_from as effectiveFrom',
      // date minus integer is the day before, as a date
      sql<string | null>`(lead(effective_from) over (partition by hsn_code order by effective_from) - 1)`.as('effectiveTo'),
      'note',
    ])
    .orderBy('hsn_code')
    .orderBy('effective_from', 'desc');
  if (input.hsnCode) query = query.where('hsn_code', '=', input.hsnCode);
  return query.execute();
}

/** The GST rate of the HSN code in force on `on` (YYYY-MM-DD); null before its first rate. For finance. */
export async function findGstRateOn(db: Executor, hsnCode: string, on: string): Promise<z.infer<typeof gstRateOn>> {
  const row = await db
    .selectFrom('gst_rates')
    .select(['hsn_code as hsnCode', 'rate', 'effective_from as effectiveFrom'])
    .where('hsn_code', '=', hsnCode)
    .where('effective_from', '<=', on)
    .orderBy('effective_from', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ?? null;
}
