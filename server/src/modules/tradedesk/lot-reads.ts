import type { Executor } from '@tradeloom/db';
import type { LotView, lotListInput, lotSummary, Page } from '@tradeloom/shared';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { afterCursorRow, escapeLike, rowCursor } from '../../lib/cursor.ts';
import { isoTimestamp } from '../../lib/iso-timestamp.ts';
import { notFound } from '../../trpc/errors.ts';
import { commodityNameOf } from '../catalog/catalog-lookups.ts';
import { describeFiles } from '../files/files.service.ts';
import { varietyNameOf } from '../masters/variety-names.ts';
import { LIVE_OFFER_STATUSES } from './offer-records.ts';
import { lotQualityOf } from './trade-quality.ts';

// Reading the company's lots. A lot is its owner's alone; others see it only as part of an offer
// (its summary, through `lotSummariesOf`).

type LotSummary = z.infer<typeof lotSummary>;
type LotListInput = z.output<typeof lotListInput>;

function selectLots(db: Executor) {
  return db
    .selectFrom('lots as l')
    .selectAll('l')
    .select((eb) => [
      commodityNameOf(eb.ref('l.commodity_code')).as('commodity_name'),
      varietyNameOf(eb.ref('l.company_id'), eb.ref('l.commodity_code'), eb.ref('l.variety_code')).as('variety_name'),
      isoTimestamp(eb.ref('l.created_at')).as('created_at_iso'),
      isoTimestamp(eb.ref('l.updated_at')).as('updated_at_iso'),
    ]);
}

type LotRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectLots>['executeTakeFirst']>>>;

function toLotSummary(row: LotRow): LotSummary {
  return {
    id: row.id,
    number: row.number,
    commodityCode: row.commodity_code,
    commodityName: row.commodity_name,
    varietyCode: row.variety_code,
    varietyName: row.variety_name,
    bales: row.bales,
    netWeightKg: row.net_weight_kg,
    stateCode: row.state_code,
    city: row.city,
    warehouse: row.warehouse,
    cropYear: row.crop_year,
    quality: lotQualityOf(row.quality),
    status: row.status,
    createdAt: row.created_at_iso,
  };
}

/** Summaries of lots by id, for an offer that names one (whoever may see the offer sees its lot). */
export async function lotSummariesOf(db: Executor, lotIds: string[]): Promise<Map<string, LotSummary>> {
  if (!lotIds.length) return new Map();
  const rows = await selectLots(db).where('l.id', 'in', lotIds).execute();
  return new Map(rows.map((row) => [row.id, toLotSummary(row)]));
}

export async function getLot(ctx: ServiceContext, actor: CompanyActor, lotId: string): Promise<LotView> {
  const { db } = ctx.deps;
  const row = await selectLots(db).where('l.id', '=', lotId).where('l.company_id', '=', actor.companyId).executeTakeFirst();
  if (!row) throw notFound('Lot');
  const offers = await db
    .selectFrom('trade_offers')
    .select(['id', 'number', 'status'])
    .where('lot_id', '=', lotId)
    .where('status', 'in', LIVE_OFFER_STATUSES)
    .orderBy('created_at', 'desc')
    .execute();
  const file = row.test_report_file_id ? (await describeFiles(db, [row.test_report_file_id])).get(row.test_report_file_id) : undefined;
  return {
    ...toLotSummary(row),
    locationId: row.location_id,
    labName: row.lab_name,
    testedOn: row.tested_on,
    testReport: file ? { fileId: file.fileId, name: file.filename, contentType: file.mime, size: file.sizeBytes } : null,
    notes: row.notes,
    version: row.version,
    updatedAt: row.updated_at_iso,
    offers,
  };
}

/** The company's lots, newest first; `q` finds a number, city, warehouse or variety. */
export async function listLots(ctx: ServiceContext, actor: CompanyActor, input: LotListInput): Promise<Page<LotSummary>> {
  const { companyId } = actor;
  let query = selectLots(ctx.deps.db).where('l.company_id', '=', companyId);
  if (input.status) query = query.where('l.status', '=', input.status);
  else query = query.where('l.status', '!=', 'archived');
  if (input.commodityCode) query = query.where('l.commodity_code', '=', input.commodityCode);
  if (input.q) {
    const pattern = `%${escapeLike(input.q)}%`;
    query = query.where((eb) =>
      eb.or([
        eb('l.number', 'ilike', pattern),
        eb('l.city', 'ilike', pattern),
        eb('l.warehouse', 'ilike', pattern),
        eb('l.variety_code', 'ilike', pattern),
      ]),
    );
  }
  if (input.cursor) {
    query = query.where(
      afterCursorRow(
        input.cursor,
        { name: 'lots', alias: 'l' },
        (alias) => sql.ref(`${alias}.created_at`),
        'desc',
        (alias) => sql`${sql.ref(`${alias}.company_id`)} = ${companyId}`,
      ),
    );
  }
  const rows = await query
    .orderBy('l.created_at', 'desc')
    .orderBy('l.id', 'desc')
    .limit(input.limit + 1)
    .execute();
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return { items: page.map(toLotSummary), nextCursor: rows.length > input.limit && last ? rowCursor(last.id) : null };
}
