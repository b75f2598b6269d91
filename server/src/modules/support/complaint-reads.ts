import type {
  ComplaintSummary,
  ComplaintView,
  complaintListInput,
  complaintSummaryInput,
  complaintSummaryReport,
  Page,
} from '@tradeloom/shared';
import type { z } from 'zod';
import type { CompanyActor, ServiceContext } from '../../deps.ts';

// CONTRACT STUB: the support-server helper implements these.

export async function getComplaint(_ctx: ServiceContext, _actor: CompanyActor, _complaintId: string): Promise<ComplaintView> {
  throw new Error('CONTRACT STUB: getComplaint');
}

export async function listComplaints(
  _ctx: ServiceContext,
  _actor: CompanyActor,
  _input: z.infer<typeof complaintListInput>,
): Promise<Page<ComplaintSummary>> {
  throw new Error('CONTRACT STUB: listComplaints');
}

export async function complaintSummary(
  _ctx: ServiceContext,
  _actor: CompanyActor,
  _input: z.infer<typeof complaintSummaryInput>,
): Promise<z.infer<typeof complaintSummaryReport>> {
  throw new Error('CONTRACT STUB: complaintSummary');
}
