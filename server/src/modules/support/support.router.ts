import {
  assignComplaintInput,
  complaintChanged,
  complaintFiled,
  complaintIdInput,
  complaintListInput,
  complaintNoteInput,
  complaintPage,
  complaintSummaryInput,
  complaintSummaryReport,
  complaintView,
  escalateComplaintInput,
  fileComplaintInput,
  rejectComplaintInput,
  reopenComplaintInput,
  resolveComplaintInput,
  setSlaPoliciesInput,
  slaPolicies,
} from '@tradeloom/shared';
import { router } from '../../trpc/init.ts';
import { companyProcedure } from '../../trpc/procedures.ts';
import { fileComplaint } from './complaint-filing.ts';
import { complaintSummary, getComplaint, listComplaints } from './complaint-reads.ts';
import {
  addComplaintNote,
  assignComplaint,
  escalateComplaint,
  rejectComplaint,
  reopenComplaint,
  resolveComplaint,
} from './complaints.service.ts';
import { getSlaPolicies, setSlaPolicies } from './sla.service.ts';

const read = () => companyProcedure('support:read');
const write = () => companyProcedure('support:write');

/** Complaints a buyer files against a supplier's document: one record, both parties. */
const complaintsRouter = router({
  file: write()
    .input(fileComplaintInput)
    .output(complaintFiled)
    .mutation(({ ctx, input }) => fileComplaint(ctx, ctx.actor, input)),
  get: read()
    .input(complaintIdInput)
    .output(complaintView)
    .query(({ ctx, input }) => getComplaint(ctx, ctx.actor, input.complaintId)),
  list: read()
    .input(complaintListInput)
    .output(complaintPage)
    .query(({ ctx, input }) => listComplaints(ctx, ctx.actor, input)),
  assign: companyProcedure('support:manage')
    .input(assignComplaintInput)
    .output(complaintChanged)
    .mutation(({ ctx, input }) => assignComplaint(ctx, ctx.actor, input)),
  escalate: write()
    .input(escalateComplaintInput)
    .output(complaintChanged)
    .mutation(({ ctx, input }) => escalateComplaint(ctx, ctx.actor, input)),
  resolve: write()
    .input(resolveComplaintInput)
    .output(complaintChanged)
    .mutation(({ ctx, input }) => resolveComplaint(ctx, ctx.actor, input)),
  reject: write()
    .input(rejectComplaintInput)
    .output(complaintChanged)
    .mutation(({ ctx, input }) => rejectComplaint(ctx, ctx.actor, input)),
  reopen: write()
    .input(reopenComplaintInput)
    .output(complaintChanged)
    .mutation(({ ctx, input }) => reopenComplaint(ctx, ctx.actor, input)),
  addNote: write()
    .input(complaintNoteInput)
    .output(complaintChanged)
    .mutation(({ ctx, input }) => addComplaintNote(ctx, ctx.actor, input)),
  summary: read()
    .input(complaintSummaryInput)
    .output(complaintSummaryReport)
    .query(({ ctx, input }) => complaintSummary(ctx, ctx.actor, input)),
});

/** How long the company gives itself to answer and settle each category of complaint. */
const slaRouter = router({
  get: read()
    .output(slaPolicies)
    .query(({ ctx }) => getSlaPolicies(ctx, ctx.actor)),
  set: companyProcedure('settings:write')
    .input(setSlaPoliciesInput)
    .output(slaPolicies)
    .mutation(({ ctx, input }) => setSlaPolicies(ctx, ctx.actor, input)),
});

export const supportRouter = router({ complaints: complaintsRouter, sla: slaRouter });
