import {
  complaintCreditNoteInput,
  createNoteInput,
  noteCreated,
  noteDetail,
  noteIdInput,
  noteList,
  noteListInput,
} from '@tradeloom/shared';
import { router } from '../../trpc/init.ts';
import { companyProcedure } from '../../trpc/procedures.ts';
import { createNote, getNote, issueComplaintCreditNote, listNotes } from './notes.service.ts';

export const notesRouter = router({
  create: companyProcedure('finance:write')
    .input(createNoteInput)
    .output(noteCreated)
    .mutation(({ ctx, input }) => createNote(ctx, ctx.actor, input)),
  fromComplaint: companyProcedure('finance:write')
    .input(complaintCreditNoteInput)
    .output(noteCreated)
    .mutation(({ ctx, input }) => issueComplaintCreditNote(ctx, ctx.actor, input)),
  get: companyProcedure('finance:read')
    .input(noteIdInput)
    .output(noteDetail)
    .query(({ ctx, input }) => getNote(ctx, ctx.actor, input.noteId)),
  list: companyProcedure('finance:read')
    .input(noteListInput)
    .output(noteList)
    .query(({ ctx, input }) => listNotes(ctx, ctx.actor, input)),
});
