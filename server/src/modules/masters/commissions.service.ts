import { inTransaction } from '@tradeloom/db';
import type { masterSaved, saveCommissionStructureInput } from '@tradeloom/shared';
import type { z } from 'zod';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { uniqueViolationConflict } from '../../lib/unique-violation.ts';
import { appError, notFound, staleVersion } from '../../trpc/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { findVisibleCompany } from '../companies/company-reads.ts';
import { emitEvent } from '../events/events.service.ts';

// A company's brokerage agreements: the broker (a company on the platform or just a name), the
// rate per bale, per candy or as a percentage, and the seller's share of it. A contract copies the
// structure at signing, so a later change here leaves signed contracts as they were.

const nameTaken = () => appError('CONFLICT', 'ALREADY_EXISTS', 'name: you already have a commission structure with this name.');

export async function saveCommissionStructure(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: z.output<typeof saveCommissionStructureInput>,
): Promise<z.infer<typeof masterSaved>> {
  const { db } = ctx.deps;
  // A company the actor cannot see as a counterparty does not exist for it.
  if (input.brokerCompanyId && !(await findVisibleCompany(db, input.brokerCompanyId, actor.companyId))) throw notFound('Broker company');
  const columns = {
    name: input.name,
    broker_company_id: input.brokerCompanyId ?? null,
    broker_name: input.brokerName,
    basis: input.basis,
    rate: input.rate,
    seller_share_pct: input.sellerSharePct,
    active: input.active,
  };
  try {
    return await inTransaction(db, async (trx) => {
      let saved: z.infer<typeof masterSaved>;
      let before: Record<string, unknown> | undefined;
      if (input.id) {
        const current = await trx
          .selectFrom('commission_structures')
          .select(['id', 'version', 'name', 'broker_company_id', 'broker_name', 'basis', 'rate', 'seller_share_pct', 'active'])
          .where('id', '=', input.id)
          .where('company_id', '=', actor.companyId)
          .forUpdate()
          .executeTakeFirst();
        if (!current) throw notFound('Commission structure');
        if (current.version !== input.version) throw staleVersion('commission structure');
        const { id: _id, version: _version, ...fields } = current;
        before = fields;
        if (input.name !== current.name) await assertNameFree(trx, actor.companyId, input.name);
        saved = await trx
          .updateTable('commission_structures')
          .set({ ...columns, version: current.version + 1, updated_at: ctx.deps.clock.now() })
          .where('id', '=', current.id)
          .returning(['id', 'version'])
          .executeTakeFirstOrThrow();
      } else {
        await assertNameFree(trx, actor.companyId, input.name);
        saved = await trx
          .insertInto('commission_structures')
          .values({ ...columns, company_id: actor.companyId })
          .returning(['id', 'version'])
          .executeTakeFirstOrThrow();
      }
      await recordAudit(trx, actor, ctx.request, {
        companyId: actor.companyId,
        action: 'commission_structure.saved',
        entityType: 'commission_structure',
        entityId: saved.id,
        before,
        after: columns,
      });
      await emitEvent(trx, actor.userId, ctx.request, {
        type: 'master.changed',
        companyId: actor.companyId,
        entityType: 'master',
        entityId: saved.id,
      });
      return saved;
    });
  } catch (error) {
    if (uniqueViolationConflict(error)) throw nameTaken();
    throw error;
  }
}

async function assertNameFree(trx: Parameters<typeof findVisibleCompany>[0], companyId: string, name: string) {
  const taken = await trx
    .selectFrom('commission_structures')
    .select('id')
    .where('company_id', '=', companyId)
    .where('name', '=', name)
    .executeTakeFirst();
  if (taken) throw nameTaken();
}
