import { type Executor, inTransaction } from '@tradeloom/db';
import type { Clock } from '../../lib/clock.ts';
import type { JobHandler } from '../events/job-runner.ts';
import { enqueueJob } from '../events/jobs.ts';
import { findFinancialYearById } from '../settings/financial-years.service.ts';
import { partnerBalancesAtYearEnd, yearEndPartners } from './year-balances.ts';

// The year close as a resumable job. Each step carries ONE partner's balances forward in its own
// transaction, with the close's row locked: the partner's opening-balance rows (keyed by company,
// next year, partner, side and currency, tagged with the close) are both the result and the
// record of progress. A step picks the first partner, by id, that has no row of this close yet,
// so a crash between steps resumes where it stopped and a step that died rolls back whole:
// no partner is counted twice, none is skipped, and two workers on one close take turns.

export const YEAR_CLOSE_QUEUE = 'finance.year_close';
export const YEAR_CLOSE_MAX_ATTEMPTS = 10;
/** Partners per job run; the rest go on in a follow-up job so no run holds its lock for long. */
const PARTNERS_PER_RUN = 100;

type Db = Executor;

export type YearCloseStep = 'partner' | 'finished' | 'stopped';

/** Carries the next partner forward, or finishes the close when none is left. */
export async function runYearCloseStep(db: Db, clock: Clock, yearCloseId: string): Promise<YearCloseStep> {
  return inTransaction(db, async (trx) => {
    const close = await trx.selectFrom('year_closes').selectAll().where('id', '=', yearCloseId).forUpdate().executeTakeFirst();
    if (close?.status !== 'running' || !close.next_financial_year_id) return 'stopped';
    const year = await findFinancialYearById(trx, close.company_id, close.financial_year_id);
    if (!year) return 'stopped';
    const pending = trx
      .selectFrom(yearEndPartners(trx, close.company_id, year.ends_on).as('p'))
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('opening_balances as ob')
              .select('ob.partner_company_id')
              .where('ob.year_close_id', '=', close.id)
              .whereRef('ob.partner_company_id', '=', 'p.partnerId'),
          ),
        ),
      );
    const next = await pending.select('p.partnerId').orderBy('p.partnerId').limit(1).executeTakeFirst();
    if (!next) {
      await trx
        .updateTable('year_closes')
        .set({ status: 'done', finished_at: clock.now(), total_steps: close.done_steps, error: null })
        .where('id', '=', close.id)
        .execute();
      return 'finished';
    }
    const balances = await partnerBalancesAtYearEnd(trx, close.company_id, next.partnerId, year.ends_on);
    for (const balance of balances) {
      await trx
        .insertInto('opening_balances')
        .values({
          company_id: close.company_id,
          financial_year_id: close.next_financial_year_id,
          partner_company_id: next.partnerId,
          side: balance.side,
          currency: balance.currency,
          amount: balance.amount,
          year_close_id: close.id,
        })
        // Set, never add: writing a partner again gives the same row.
        .onConflict((oc) =>
          oc
            .columns(['company_id', 'financial_year_id', 'partner_company_id', 'side', 'currency'])
            .doUpdateSet({ amount: balance.amount, year_close_id: close.id }),
        )
        .execute();
    }
    const remaining = await pending
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('p.partnerId', '<>', next.partnerId)
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('year_closes')
      .set({ done_steps: close.done_steps + 1, total_steps: close.done_steps + 1 + Number(remaining.count), error: null })
      .where('id', '=', close.id)
      .execute();
    return 'partner';
  });
}

/** Runs up to `limit` steps; queues a follow-up job when partners remain. */
export async function runYearClose(db: Db, clock: Clock, yearCloseId: string, limit = PARTNERS_PER_RUN): Promise<YearCloseStep> {
  for (let step = 0; step < limit; step++) {
    const outcome = await runYearCloseStep(db, clock, yearCloseId);
    if (outcome !== 'partner') return outcome;
  }
  await enqueueJob(db, YEAR_CLOSE_QUEUE, { yearCloseId }, { maxAttempts: YEAR_CLOSE_MAX_ATTEMPTS });
  return 'partner';
}

export function yearCloseHandler(deps: { db: Db; clock: Clock }): JobHandler {
  return {
    async run(payload, job) {
      const { yearCloseId } = payload as { yearCloseId: string };
      try {
        await runYearClose(deps.db, deps.clock, yearCloseId);
      } catch (error) {
        // The screen shows why the close waits; the last attempt marks it failed (Close resumes it).
        const message = error instanceof Error ? error.message : String(error);
        await deps.db
          .updateTable('year_closes')
          .set(
            job.attempts >= YEAR_CLOSE_MAX_ATTEMPTS
              ? { status: 'failed', error: message.slice(0, 2000), finished_at: deps.clock.now() }
              : { error: message.slice(0, 2000) },
          )
          .where('id', '=', yearCloseId)
          .where('status', '=', 'running')
          .execute();
        throw error;
      }
    },
  };
}
