import type { Tx } from '@tradeloom/db';
import type { archiveLotInput, createLotInput, recordChanged, recordCreated, updateLotInput } from '@tradeloom/shared';
import type { z } from 'zod';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { idempotent } from '../../lib/idempotency.ts';
import { invalidFields, staleVersion } from '../../trpc/errors.ts';
import { isKnownCommodity } from '../catalog/catalog-lookups.ts';
import { recordChange } from '../events/record-change.ts';
import { assertOwnFile } from '../files/files.service.ts';
import { locationOf } from '../masters/location-lookup.ts';
import { varietyOf } from '../masters/master-lookups.ts';
import { companyCalendar } from '../orders/order-due-dates.ts';
import { nextDocumentNumber } from '../settings/number-series.service.ts';
import { type LotRecord, lockOwnLot, lotNotAvailable } from './lot-records.ts';
import { assertLotQualityAllowed, lotQualityColumn } from './trade-quality.ts';

// The company's tested lots: created numbered `LOT-…`, edited whole while available, archived.
// A lot on a live offer or sold is fixed: the offer and the contract quote its results.

type Created = z.infer<typeof recordCreated>;
type Changed = z.infer<typeof recordChanged>;
type LotFields = Omit<z.output<typeof createLotInput>, 'idempotencyKey'>;

/** The master data a lot names must exist for the company; the test report must be its own file. */
async function checkLotFields(trx: Tx, companyId: string, fields: LotFields): Promise<void> {
  if (!(await isKnownCommodity(trx, fields.commodityCode))) throw invalidFields({ commodityCode: 'is not a known commodity' });
  if (fields.varietyCode && !(await varietyOf(trx, companyId, fields.commodityCode, fields.varietyCode))) {
    throw invalidFields({ varietyCode: 'is not a variety of this commodity' });
  }
  if (fields.locationId && !(await locationOf(trx, companyId, fields.locationId))) {
    throw invalidFields({ locationId: 'is not a known location' });
  }
  await assertLotQualityAllowed(trx, companyId, fields.commodityCode, fields.quality);
  if (fields.testReportFileId) await assertOwnFile(trx, companyId, fields.testReportFileId);
}

/** The `lots` columns of the input; a left-out optional field clears (the lot is saved whole). */
function lotColumns(fields: LotFields) {
  return {
    commodity_code: fields.commodityCode,
    variety_code: fields.varietyCode ?? null,
    bales: fields.bales,
    net_weight_kg: fields.netWeightKg,
    state_code: fields.stateCode,
    city: fields.city,
    warehouse: fields.warehouse || null,
    location_id: fields.locationId ?? null,
    crop_year: fields.cropYear,
    quality: lotQualityColumn(fields.quality),
    lab_name: fields.labName || null,
    tested_on: fields.testedOn ?? null,
    test_report_file_id: fields.testReportFileId ?? null,
    notes: fields.notes || null,
  };
}

/** What the audit row keeps of a lot. */
const audited = (lot: Pick<LotRecord, 'commodity_code' | 'variety_code' | 'bales' | 'net_weight_kg' | 'status' | 'quality'>) => ({
  commodityCode: lot.commodity_code,
  varietyCode: lot.variety_code,
  bales: lot.bales,
  netWeightKg: lot.net_weight_kg,
  status: lot.status,
  quality: lot.quality,
});

const payloadOf = (actor: CompanyActor, number: string) => ({ actorCompanyId: actor.companyId, recipients: [], document: number });

export async function createLot(ctx: ServiceContext, actor: CompanyActor, input: z.output<typeof createLotInput>): Promise<Created> {
  const { idempotencyKey, ...fields } = input;
  const request = { procedure: 'tradedesk.lots.create', key: idempotencyKey, input: fields };
  return idempotent(ctx.deps.db, actor, request, async (trx) => {
    await checkLotFields(trx, actor.companyId, fields);
    const now = ctx.deps.clock.now();
    const { today } = await companyCalendar(trx, actor.companyId, now);
    const number = await nextDocumentNumber(trx, { companyId: actor.companyId, docType: 'LOT', date: today });
    const lot = await trx
      .insertInto('lots')
      .values({ company_id: actor.companyId, number, ...lotColumns(fields), created_by: actor.userId, created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordChange(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'lot.created',
      entityType: 'lot',
      entityId: lot.id,
      after: { number, ...audited(lot) },
      payload: payloadOf(actor, number),
    });
    return { id: lot.id, number, version: lot.version };
  });
}

/** An available lot is edited whole; on a live offer, sold or archived it is CONFLICT LOT_NOT_AVAILABLE. */
export async function updateLot(ctx: ServiceContext, actor: CompanyActor, input: z.output<typeof updateLotInput>): Promise<Changed> {
  const { lotId, version, ...fields } = input;
  return idempotent(ctx.deps.db, actor, { procedure: 'tradedesk.lots.update', key: undefined, input }, async (trx) => {
    const lot = await lockOwnLot(trx, actor.companyId, lotId);
    if (lot.status !== 'available') throw lotNotAvailable(lot);
    if (lot.version !== version) throw staleVersion('lot');
    await checkLotFields(trx, actor.companyId, fields);
    const updated = await trx
      .updateTable('lots')
      .set((eb) => ({ ...lotColumns(fields), version: eb('version', '+', 1), updated_at: ctx.deps.clock.now() }))
      .where('id', '=', lotId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordChange(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'lot.updated',
      entityType: 'lot',
      entityId: lot.id,
      before: audited(lot),
      after: audited(updated),
      payload: payloadOf(actor, lot.number),
    });
    return { id: updated.id, status: updated.status, version: updated.version };
  });
}

/** An available or sold lot leaves the lists; one on a live offer must be withdrawn from it first. */
export async function archiveLot(ctx: ServiceContext, actor: CompanyActor, input: z.output<typeof archiveLotInput>): Promise<Changed> {
  return idempotent(ctx.deps.db, actor, { procedure: 'tradedesk.lots.archive', key: undefined, input }, async (trx) => {
    const lot = await lockOwnLot(trx, actor.companyId, input.lotId);
    if (lot.status !== 'available' && lot.status !== 'sold') throw lotNotAvailable(lot);
    if (lot.version !== input.version) throw staleVersion('lot');
    const updated = await trx
      .updateTable('lots')
      .set((eb) => ({ status: 'archived', version: eb('version', '+', 1), updated_at: ctx.deps.clock.now() }))
      .where('id', '=', lot.id)
      .returning(['id', 'status', 'version'])
      .executeTakeFirstOrThrow();
    await recordChange(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'lot.archived',
      entityType: 'lot',
      entityId: lot.id,
      before: { status: lot.status },
      after: { status: 'archived' },
      payload: payloadOf(actor, lot.number),
    });
    return updated;
  });
}
