import type { Tx } from '@tradeloom/db';
import { appError, notFound } from '../../trpc/errors.ts';

// A lot's part in an offer's life: taken when a sell offer names it, released when that offer
// ends without a deal, sold when a deal takes it whole.

/** The company's lot locked for a change; another company's lot is NOT_FOUND. */
export async function lockOwnLot(trx: Tx, companyId: string, lotId: string) {
  const lot = await trx
    .selectFrom('lots')
    .selectAll()
    .where('id', '=', lotId)
    .where('company_id', '=', companyId)
    .forUpdate()
    .executeTakeFirst();
  if (!lot) throw notFound('Lot');
  return lot;
}

export type LotRecord = Awaited<ReturnType<typeof lockOwnLot>>;

export const lotNotAvailable = (lot: { number: string; status: string }) =>
  appError('CONFLICT', 'LOT_NOT_AVAILABLE', `Lot ${lot.number} is ${lot.status}: it cannot be changed or offered now.`);

/** Puts an available lot on an offer; any other status is CONFLICT LOT_NOT_AVAILABLE. */
export async function takeLotForOffer(trx: Tx, lot: LotRecord, now: Date): Promise<void> {
  if (lot.status !== 'available') throw lotNotAvailable(lot);
  await trx
    .updateTable('lots')
    .set((eb) => ({ status: 'offered', version: eb('version', '+', 1), updated_at: now }))
    .where('id', '=', lot.id)
    .execute();
}

/** The offer on the lot ended without selling it: back to available (a sold or archived lot stays). */
export async function releaseLot(trx: Tx, lotId: string, now: Date): Promise<void> {
  await trx
    .updateTable('lots')
    .set((eb) => ({ status: 'available', version: eb('version', '+', 1), updated_at: now }))
    .where('id', '=', lotId)
    .where('status', '=', 'offered')
    .execute();
}

/** A deal took the offer's whole quantity: the lot is sold. */
export async function markLotSold(trx: Tx, lotId: string, now: Date): Promise<void> {
  await trx
    .updateTable('lots')
    .set((eb) => ({ status: 'sold', version: eb('version', '+', 1), updated_at: now }))
    .where('id', '=', lotId)
    .where('status', 'in', ['available', 'offered'])
    .execute();
}
