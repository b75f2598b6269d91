import {
  answerClarificationInput,
  askClarificationInput,
  awardTenderInput,
  cancelTenderInput,
  clarificationCreated,
  conversionsInput,
  createTenderInput,
  declineInvitationInput,
  extendTenderInput,
  invitationListInput,
  invitationPage,
  inviteSuppliersInput,
  noContent,
  publishTenderInput,
  quoteSaved,
  saveQuoteDraftInput,
  sourcingWaiting,
  submitQuoteInput,
  supplierCandidate,
  supplierCandidatesInput,
  tenderAwarded,
  tenderChanged,
  tenderComparison,
  tenderCreated,
  tenderIdInput,
  tenderListInput,
  tenderPage,
  tenderView,
  uninviteSupplierInput,
  updateTenderInput,
  withdrawQuoteInput,
} from '@tradeloom/shared';
import { z } from 'zod';
import { router } from '../../trpc/init.ts';
import { companyProcedure } from '../../trpc/procedures.ts';
import { type RestRoute, restRoutes } from '../../trpc/rest-route.ts';
import { awardTender } from './award.service.ts';
import { answerClarification, askClarification } from './clarifications.service.ts';
import { compareTender, setConversions } from './comparison.service.ts';
import { declineInvitation, discardQuoteDraft, saveQuoteDraft, submitQuote, withdrawQuote } from './quotes.service.ts';
import { countSourcingWaiting } from './sourcing-waiting.ts';
import { getTender, listInvitations, listTenders } from './tender-reads.ts';
import {
  cancelTender,
  closeTender,
  createTender,
  extendTender,
  inviteSuppliers,
  publishTender,
  supplierCandidates,
  uninviteSupplier,
  updateTender,
} from './tenders.service.ts';

const read = (route?: RestRoute) => companyProcedure('sourcing:read', route);
const rest = restRoutes('Tenders');
const write = () => companyProcedure('sourcing:write');

/** The buyer's side: tenders, their invitees, comparison and award. `get` answers invitees too. */
const tendersRouter = router({
  create: write()
    .input(createTenderInput)
    .output(tenderCreated)
    .mutation(({ ctx, input }) => createTender(ctx, ctx.actor, input)),
  update: write()
    .input(updateTenderInput)
    .output(tenderChanged)
    .mutation(({ ctx, input }) => updateTender(ctx, ctx.actor, input)),
  candidates: read()
    .input(supplierCandidatesInput)
    .output(z.array(supplierCandidate))
    .query(({ ctx, input }) => supplierCandidates(ctx, ctx.actor, input)),
  invite: write()
    .input(inviteSuppliersInput)
    .output(tenderChanged)
    .mutation(({ ctx, input }) => inviteSuppliers(ctx, ctx.actor, input)),
  uninvite: write()
    .input(uninviteSupplierInput)
    .output(tenderChanged)
    .mutation(({ ctx, input }) => uninviteSupplier(ctx, ctx.actor, input)),
  publish: write()
    .input(publishTenderInput)
    .output(tenderChanged)
    .mutation(({ ctx, input }) => publishTender(ctx, ctx.actor, input)),
  extend: write()
    .input(extendTenderInput)
    .output(tenderChanged)
    .mutation(({ ctx, input }) => extendTender(ctx, ctx.actor, input)),
  close: write()
    .input(tenderIdInput)
    .output(tenderChanged)
    .mutation(({ ctx, input }) => closeTender(ctx, ctx.actor, input.tenderId)),
  cancel: write()
    .input(cancelTenderInput)
    .output(tenderChanged)
    .mutation(({ ctx, input }) => cancelTender(ctx, ctx.actor, input)),
  get: read(rest.get('/tenders/{tenderId}', 'Get a tender'))
    .input(tenderIdInput)
    .output(tenderView)
    .query(({ ctx, input }) => getTender(ctx, ctx.actor, input.tenderId)),
  list: read(rest.get('/tenders', 'List tenders'))
    .input(tenderListInput)
    .output(tenderPage)
    .query(({ ctx, input }) => listTenders(ctx, ctx.actor, input)),
  setConversions: write()
    .input(conversionsInput)
    .output(noContent)
    .mutation(({ ctx, input }) => setConversions(ctx, ctx.actor, input)),
  compare: read()
    .input(tenderIdInput)
    .output(tenderComparison)
    .query(({ ctx, input }) => compareTender(ctx, ctx.actor, input.tenderId)),
  award: write()
    .input(awardTenderInput)
    .output(tenderAwarded)
    .mutation(({ ctx, input }) => awardTender(ctx, ctx.actor, input)),
});

/** The supplier's inbox of tenders it is invited to. */
const invitationsRouter = router({
  list: read()
    .input(invitationListInput)
    .output(invitationPage)
    .query(({ ctx, input }) => listInvitations(ctx, ctx.actor, input)),
  decline: write()
    .input(declineInvitationInput)
    .output(noContent)
    .mutation(({ ctx, input }) => declineInvitation(ctx, ctx.actor, input)),
});

const quotesRouter = router({
  saveDraft: write()
    .input(saveQuoteDraftInput)
    .output(quoteSaved)
    .mutation(({ ctx, input }) => saveQuoteDraft(ctx, ctx.actor, input)),
  discardDraft: write()
    .input(tenderIdInput)
    .output(noContent)
    .mutation(({ ctx, input }) => discardQuoteDraft(ctx, ctx.actor, input.tenderId)),
  submit: write()
    .input(submitQuoteInput)
    .output(quoteSaved)
    .mutation(({ ctx, input }) => submitQuote(ctx, ctx.actor, input)),
  withdraw: write()
    .input(withdrawQuoteInput)
    .output(quoteSaved)
    .mutation(({ ctx, input }) => withdrawQuote(ctx, ctx.actor, input)),
});

const clarificationsRouter = router({
  ask: write()
    .input(askClarificationInput)
    .output(clarificationCreated)
    .mutation(({ ctx, input }) => askClarification(ctx, ctx.actor, input)),
  answer: write()
    .input(answerClarificationInput)
    .output(noContent)
    .mutation(({ ctx, input }) => answerClarification(ctx, ctx.actor, input)),
});

export const sourcingRouter = router({
  tenders: tendersRouter,
  invitations: invitationsRouter,
  quotes: quotesRouter,
  clarifications: clarificationsRouter,
  /** What waits for this company's staff: quote requests to answer and questions to answer. */
  waiting: write()
    .output(sourcingWaiting)
    .query(({ ctx }) => countSourcingWaiting(ctx, ctx.actor)),
});
