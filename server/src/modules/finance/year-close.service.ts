import { type Executor, inTransaction } from '@tradeloom/db';
import type { FinancialYearState } from '@tradeloom/shared';
import { type SqlBool, sql } from 'kysely';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { lockUntilCommit } from '../../lib/advisory-lock.ts';
import { decodeNameIdCursor, nameIdCursor } from '../../lib/cursor.ts';
import { appError, notFound } from '../../trpc/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { entityHistory } from '../audit/entity-history.ts';
import { userNameOf } from '../auth/user-reads.ts';
import { companyNameOf } from '../companies/company-reads.ts';
import { enqueueJob } from '../events/jobs.ts';
import {
  ensureFollowingYear,
  findFinancialYearById,
  findFinancialYearByLabel,
  findFollowingYear,
  listFinancialYears,
  setFinancialYearStatus,
} from '../settings/financial-years.service.ts';
import { YEAR_CLOSE_MAX_ATTEMPTS, YEAR_CLOSE_QUEUE } from './year-close.job.ts';

// Closing a financial year: the year is locked for dated documents the moment the close starts
// (so the balances it carries cannot move under it), then a background job carries each partner's
// open balance forward as the next year's opening balance (year-close.job.ts). Reopening, by the
// owner, unlocks the year and removes what its close carried forward. settings.financialYears.close
// and finance.years.close both come here.

const yearNotFound = () => notFound('Financial year');

type YearRef = { financialYearId: string } | { label: string };

async function findYear(db: Executor, companyId: string, ref: YearRef) {
  return 'label' in ref ? findFinancialYearByLabel(db, companyId, ref.label) : findFinancialYearById(db, companyId, ref.financialYearId);
}

function latestClose(db: Executor, companyId: string, financialYearId: string) {
  return db
    .selectFrom('year_closes')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('financial_year_id', '=', financialYearId)
    .orderBy('started_at', 'desc')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

const closeRunning = (label: string) =>
  appError('CONFLICT', 'YEAR_CLOSE_RUNNING', `The financial year ${label} is being closed right now; wait for the close to finish.`);

/**
 * Starts closing a year (or resumes a close that failed): locks the year, records the close and
 * queues its job, in one transaction. A close already running is a CONFLICT (YEAR_CLOSE_RUNNING).
 */
export async function startYearClose(ctx: ServiceContext, actor: CompanyActor, ref: YearRef) {
  return inTransaction(ctx.deps.db, async (trx) => {
    // Closes and reopens of one company take turns; the partial unique index backs this up.
    await lockUntilCommit(trx, 'year_close', actor.companyId);
    const year = await findYear(trx, actor.companyId, ref);
    if (!year) throw yearNotFound();
    const previous = await latestClose(trx, actor.companyId, year.id);
    if (previous?.status === 'running') throw closeRunning(year.label);
    if (year.status === 'closed' && previous?.status === 'failed') {
      // The job gave up (say the database was away): try again from where it stopped.
      await trx
        .updateTable('year_closes')
        .set({ status: 'running', error: null, finished_at: null })
        .where('id', '=', previous.id)
        .execute();
      await enqueueJob(trx, YEAR_CLOSE_QUEUE, { yearCloseId: previous.id }, { maxAttempts: YEAR_CLOSE_MAX_ATTEMPTS });
      return { yearCloseId: previous.id };
    }
    if (year.status === 'closed') {
      throw appError('CONFLICT', 'FINANCIAL_YEAR_CLOSED', `The financial year ${year.label} is already closed.`);
    }
    const next = await ensureFollowingYear(trx, actor.companyId, year);
    await setFinancialYearStatus(trx, {
      companyId: actor.companyId,
      financialYearId: year.id,
      status: 'closed',
      userId: actor.userId,
      at: ctx.deps.clock.now(),
    });
    const close = await trx
      .insertInto('year_closes')
      .values({
        company_id: actor.companyId,
        financial_year_id: year.id,
        next_financial_year_id: next.id,
        started_by: actor.userId,
        started_at: ctx.deps.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await enqueueJob(trx, YEAR_CLOSE_QUEUE, { yearCloseId: close.id }, { maxAttempts: YEAR_CLOSE_MAX_ATTEMPTS });
    await recordAudit(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'financial_year.closed',
      entityType: 'financial_year',
      entityId: year.id,
      before: { status: 'open' },
      after: { status: 'closed', yearCloseId: close.id, carriedTo: next.label },
    });
    return { yearCloseId: close.id };
  });
}

/** Reopens a closed year (the owner): unlocks it and removes the opening balances its close wrote. */
export async function reopenYear(ctx: ServiceContext, actor: CompanyActor, input: { year: string; reason: string }) {
  return inTransaction(ctx.deps.db, async (trx) => {
    await lockUntilCommit(trx, 'year_close', actor.companyId);
    const year = await findFinancialYearByLabel(trx, actor.companyId, input.year);
    if (!year) throw yearNotFound();
    const close = await latestClose(trx, actor.companyId, year.id);
    if (close?.status === 'running') throw closeRunning(year.label);
    if (year.status !== 'closed') throw appError('CONFLICT', 'ILLEGAL_TRANSITION', `The financial year ${year.label} is not closed.`);
    const following = await findFollowingYear(trx, actor.companyId, year);
    if (following?.status === 'closed') {
      throw appError(
        'CONFLICT',
        'FINANCIAL_YEAR_CLOSED',
        `Reopen ${following.label} first: its close carried balances that build on ${year.label}.`,
      );
    }
    let removed = 0;
    if (close && close.status !== 'reopened') {
      const deleted = await trx.deleteFrom('opening_balances').where('year_close_id', '=', close.id).executeTakeFirst();
      removed = Number(deleted.numDeletedRows);
      await trx.updateTable('year_closes').set({ status: 'reopened' }).where('id', '=', close.id).execute();
    }
    await setFinancialYearStatus(trx, {
      companyId: actor.companyId,
      financialYearId: year.id,
      status: 'open',
      userId: actor.userId,
      at: ctx.deps.clock.now(),
    });
    await recordAudit(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'financial_year.reopened',
      entityType: 'financial_year',
      entityId: year.id,
      before: { status: 'closed' },
      after: { status: 'open', reason: input.reason, openingBalancesRemoved: removed },
    });
    return { id: year.id, label: year.label, status: 'open' as const };
  });
}

/** The company's years, newest first, with the state and progress of each one's latest close. */
export async function listYears(db: Executor, companyId: string) {
  const years = await listFinancialYears(db, companyId);
  const closes = await db
    .selectFrom('year_closes')
    .select((eb) => [
      'id',
      'financial_year_id as financialYearId',
      'status',
      'total_steps as totalSteps',
      'done_steps as doneSteps',
      'error',
      'started_at as startedAt',
      'finished_at as finishedAt',
      userNameOf(eb.ref('started_by')).as('startedByName'),
    ])
    .where('company_id', '=', companyId)
    .orderBy('started_at', 'desc')
    .orderBy('id')
    .execute();
  const latest = new Map<string, (typeof closes)[number]>();
  for (const close of closes) if (!latest.has(close.financialYearId)) latest.set(close.financialYearId, close);
  return Promise.all(
    years.map(async (year) => {
      const close = latest.get(year.id) ?? null;
      const state: FinancialYearState = close?.status === 'running' ? 'closing' : year.status === 'closed' ? 'closed' : 'open';
      // Who reopened it last and why, from the audit log (the year's own history).
      const history = await entityHistory(db, { entityType: 'financial_year', entityId: year.id, limit: 20 });
      const reopened = history.find((entry) => entry.action === 'financial_year.reopened');
      const reason = (reopened?.after as { reason?: unknown } | null)?.reason;
      return {
        id: year.id,
        label: year.label,
        startsOn: year.startsOn,
        endsOn: year.endsOn,
        state,
        closedAt: year.closedAt,
        closedByName: year.closedByName,
        close: close && {
          id: close.id,
          status: close.status,
          totalSteps: close.totalSteps,
          doneSteps: close.doneSteps,
          error: close.error,
          startedAt: close.startedAt,
          startedByName: close.startedByName,
          finishedAt: close.finishedAt,
        },
        lastReopen: reopened
          ? { at: reopened.occurredAt, byName: reopened.actorName, reason: typeof reason === 'string' ? reason : null }
          : null,
      };
    }),
  );
}

/** The opening balances of a year (what the previous close carried), a page of partners by name. */
export async function openingBalances(db: Executor, companyId: string, input: { year: string; cursor?: string; limit: number }) {
  const year = await findFinancialYearByLabel(db, companyId, input.year);
  if (!year) throw yearNotFound();
  const after = input.cursor ? decodeNameIdCursor(input.cursor) : null;
  const partnerName = companyNameOf(sql.ref('ob.partner_company_id'));
  const partners = await db
    .selectFrom('opening_balances as ob')
    .select(['ob.partner_company_id as partnerId', partnerName.as('partnerName')])
    .where('ob.company_id', '=', companyId)
    .where('ob.financial_year_id', '=', year.id)
    .where('ob.amount', '<>', '0')
    .$if(after !== null, (qb) => qb.where(sql<SqlBool>`(${partnerName}, ob.partner_company_id) > (${after?.name}, ${after?.id}::uuid)`))
    .groupBy('ob.partner_company_id')
    .orderBy('partnerName')
    .orderBy('ob.partner_company_id')
    .limit(input.limit + 1)
    .execute();
  const page = partners.slice(0, input.limit);
  const rows = page.length
    ? await db
        .selectFrom('opening_balances')
        .select(['partner_company_id as partnerId', 'side', 'currency', 'amount'])
        .where('company_id', '=', companyId)
        .where('financial_year_id', '=', year.id)
        .where('amount', '<>', '0')
        .where(
          'partner_company_id',
          'in',
          page.map((p) => p.partnerId),
        )
        .orderBy('side')
        .orderBy('currency')
        .execute()
    : [];
  const items = page.map((partner) => ({
    partnerId: partner.partnerId,
    partnerName: partner.partnerName,
    balances: rows.filter((row) => row.partnerId === partner.partnerId).map(({ side, currency, amount }) => ({ side, currency, amount })),
  }));
  const last = page.at(-1);
  return {
    year: { id: year.id, label: year.label, startsOn: year.starts_on, endsOn: year.ends_on },
    items,
    nextCursor: partners.length > input.limit && last ? nameIdCursor({ name: last.partnerName, id: last.partnerId }) : null,
  };
}
