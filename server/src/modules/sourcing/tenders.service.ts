import type { CreateTenderInput, supplierCandidate, tenderChanged, tenderCreated, UpdateTenderInput } from '@tradeloom/shared';
import type { z } from 'zod';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { notBuilt } from './not-built.ts';

type Created = z.infer<typeof tenderCreated>;
type Changed = z.infer<typeof tenderChanged>;

export async function createTender(_ctx: ServiceContext, _actor: CompanyActor, _input: CreateTenderInput): Promise<Created> {
  return notBuilt('createTender');
}
export async function updateTender(_ctx: ServiceContext, _actor: CompanyActor, _input: UpdateTenderInput): Promise<Changed> {
  return notBuilt('updateTender');
}
export async function inviteSuppliers(
  _ctx: ServiceContext,
  _actor: CompanyActor,
  _input: { tenderId: string; supplierIds: string[] },
): Promise<Changed> {
  return notBuilt('inviteSuppliers');
}
export async function uninviteSupplier(
  _ctx: ServiceContext,
  _actor: CompanyActor,
  _input: { tenderId: string; supplierId: string },
): Promise<Changed> {
  return notBuilt('uninviteSupplier');
}
export async function publishTender(
  _ctx: ServiceContext,
  _actor: CompanyActor,
  _input: { tenderId: string; version?: number },
): Promise<Changed> {
  return notBuilt('publishTender');
}
export async function extendTender(
  _ctx: ServiceContext,
  _actor: CompanyActor,
  _input: { tenderId: string; closesAt: Date },
): Promise<Changed> {
  return notBuilt('extendTender');
}
/** The buyer's early close (the clock closes at the deadline: tender-clock.ts). */
export async function closeTender(_ctx: ServiceContext, _actor: CompanyActor, _tenderId: string): Promise<Changed> {
  return notBuilt('closeTender');
}
export async function cancelTender(
  _ctx: ServiceContext,
  _actor: CompanyActor,
  _input: { tenderId: string; reason: string },
): Promise<Changed> {
  return notBuilt('cancelTender');
}
export async function supplierCandidates(
  _ctx: ServiceContext,
  _actor: CompanyActor,
  _input: { search?: string },
): Promise<z.infer<typeof supplierCandidate>[]> {
  return notBuilt('supplierCandidates');
}
