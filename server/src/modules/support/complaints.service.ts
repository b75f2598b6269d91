import type { ComplaintAboutType, ComplaintCategory, ComplaintStatus, ResolutionKind } from '@tradeloom/shared';
import type { CompanyActor, ServiceContext } from '../../deps.ts';

// CONTRACT STUB: the support-server helper implements these.

type Changed = { id: string; status: ComplaintStatus; version: number };

export async function fileComplaint(
  _ctx: ServiceContext,
  _actor: CompanyActor,
  _input: {
    about: { type: ComplaintAboutType; id: string };
    category: ComplaintCategory;
    description: string;
    amountClaimed?: string;
    evidenceFileIds: string[];
  },
): Promise<{ id: string; number: string }> {
  throw new Error('CONTRACT STUB: fileComplaint');
}

export async function assignComplaint(
  _ctx: ServiceContext,
  _actor: CompanyActor,
  _input: { complaintId: string; assigneeUserId: string; version: number },
): Promise<Changed> {
  throw new Error('CONTRACT STUB: assignComplaint');
}

export async function escalateComplaint(
  _ctx: ServiceContext,
  _actor: CompanyActor,
  _input: { complaintId: string; note?: string },
): Promise<Changed> {
  throw new Error('CONTRACT STUB: escalateComplaint');
}

export async function resolveComplaint(
  _ctx: ServiceContext,
  _actor: CompanyActor,
  _input: { complaintId: string; version: number; resolution: ResolutionKind; creditAmount?: string; note: string },
): Promise<Changed> {
  throw new Error('CONTRACT STUB: resolveComplaint');
}

export async function rejectComplaint(
  _ctx: ServiceContext,
  _actor: CompanyActor,
  _input: { complaintId: string; version: number; reason: string },
): Promise<Changed> {
  throw new Error('CONTRACT STUB: rejectComplaint');
}

export async function reopenComplaint(
  _ctx: ServiceContext,
  _actor: CompanyActor,
  _input: { complaintId: string; version: number; reason: string },
): Promise<Changed> {
  throw new Error('CONTRACT STUB: reopenComplaint');
}

export async function addComplaintNote(
  _ctx: ServiceContext,
  _actor: CompanyActor,
  _input: { complaintId: string; body: string; internal: boolean; fileIds: string[] },
): Promise<Changed> {
  throw new Error('CONTRACT STUB: addComplaintNote');
}
