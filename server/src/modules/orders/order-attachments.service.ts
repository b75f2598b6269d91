import { inTransaction } from '@tradeloom/db';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { isoTimestamp } from '../../lib/iso-timestamp.ts';
import { notFound } from '../../trpc/errors.ts';
import { companyNameOf } from '../companies/company-reads.ts';
import { assertOwnFile, describeFiles } from '../files/files.service.ts';
import { recordOrderChange } from './order-changes.ts';
import { findPartyOrder, partiesSeeing } from './orders.repository.ts';

// Drawings, lab reports, packing lists: either party attaches its own uploads to an order both
// can see; only the party that attached a file removes it.

export async function listOrderAttachments(ctx: ServiceContext, actor: CompanyActor, orderId: string) {
  const { db } = ctx.deps;
  const order = await findPartyOrder(db, orderId, actor.companyId).executeTakeFirst();
  if (!order) throw notFound('Order');
  const rows = await db
    .selectFrom('order_attachments as a')
    .select((eb) => [
      'a.file_id as fileId',
      isoTimestamp(eb.ref('a.created_at')).as('attachedAt'),
      'a.company_id',
      companyNameOf(eb.ref('a.company_id')).as('attachedBy'),
    ])
    .where('a.order_id', '=', order.id)
    .orderBy('a.created_at')
    .execute();
  const files = await describeFiles(
    db,
    rows.map((row) => row.fileId),
  );
  return rows.map(({ company_id, fileId, attachedAt, attachedBy }) => {
    const file = files.get(fileId);
    if (!file) throw new Error(`attached file ${fileId} missing`);
    return { ...file, attachedAt, attachedBy, ours: company_id === actor.companyId };
  });
}

export async function attachOrderFile(ctx: ServiceContext, actor: CompanyActor, input: { orderId: string; fileId: string }) {
  await inTransaction(ctx.deps.db, async (trx) => {
    const order = await findPartyOrder(trx, input.orderId, actor.companyId).executeTakeFirst();
    if (!order) throw notFound('Order');
    await assertOwnFile(trx, actor.companyId, input.fileId);
    const added = await trx
      .insertInto('order_attachments')
      .values({ order_id: order.id, file_id: input.fileId, company_id: actor.companyId, created_by: actor.userId })
      .onConflict((oc) => oc.doNothing())
      .returning('file_id')
      .executeTakeFirst();
    // Attaching the same file again changes nothing.
    if (!added) return;
    await recordOrderChange(trx, ctx, actor, {
      orderId: order.id,
      action: 'order.file_attached',
      after: { fileId: input.fileId },
      audience: partiesSeeing(order),
    });
  });
}

export async function detachOrderFile(ctx: ServiceContext, actor: CompanyActor, input: { orderId: string; fileId: string }) {
  await inTransaction(ctx.deps.db, async (trx) => {
    const order = await findPartyOrder(trx, input.orderId, actor.companyId).executeTakeFirst();
    if (!order) throw notFound('Order');
    const removed = await trx
      .deleteFrom('order_attachments')
      .where('order_id', '=', order.id)
      .where('file_id', '=', input.fileId)
      .where('company_id', '=', actor.companyId)
      .executeTakeFirst();
    if (Number(removed.numDeletedRows) !== 1) throw notFound('Attachment');
    await recordOrderChange(trx, ctx, actor, {
      orderId: order.id,
      action: 'order.file_detached',
      before: { fileId: input.fileId },
      audience: partiesSeeing(order),
    });
  });
}
