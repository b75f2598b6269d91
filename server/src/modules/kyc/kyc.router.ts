import {
  certificationIdInput,
  certificationInput,
  changeRequestInput,
  reviewChangeRequestInput,
  reviewDocumentInput,
  submitDocumentInput,
} from '@tradeloom/shared';
import { router } from '../../trpc/init.ts';
import { companyProcedure, platformAdminProcedure } from '../../trpc/procedures.ts';
import {
  addCertification,
  listCertifications,
  listChangeRequests,
  listDocuments,
  removeCertification,
  requestChange,
  reviewChangeRequest,
  reviewDocument,
  reviewQueue,
  submitDocument,
} from './kyc.service.ts';

export const kycRouter = router({
  documents: router({
    list: companyProcedure('kyc:read').query(({ ctx }) => listDocuments(ctx.deps.db, ctx.actor.companyId)),
    submit: companyProcedure('kyc:write')
      .input(submitDocumentInput)
      .mutation(({ ctx, input }) => submitDocument(ctx, ctx.actor, input)),
  }),
  certifications: router({
    list: companyProcedure('company:read').query(({ ctx }) => listCertifications(ctx, ctx.actor.companyId)),
    add: companyProcedure('kyc:write')
      .input(certificationInput)
      .mutation(({ ctx, input }) => addCertification(ctx, ctx.actor, input)),
    remove: companyProcedure('kyc:write')
      .input(certificationIdInput)
      .mutation(({ ctx, input }) => removeCertification(ctx, ctx.actor, input.certificationId)),
  }),
  changeRequests: router({
    list: companyProcedure('kyc:read').query(({ ctx }) => listChangeRequests(ctx.deps.db, ctx.actor.companyId)),
    create: companyProcedure('kyc:write')
      .input(changeRequestInput)
      .mutation(({ ctx, input }) => requestChange(ctx, ctx.actor, input)),
  }),
  review: router({
    queue: platformAdminProcedure.query(({ ctx }) => reviewQueue(ctx, ctx.session.userId)),
    decideDocument: platformAdminProcedure
      .input(reviewDocumentInput)
      .mutation(({ ctx, input }) => reviewDocument(ctx, ctx.session.userId, input)),
    decideChangeRequest: platformAdminProcedure
      .input(reviewChangeRequestInput)
      .mutation(({ ctx, input }) => reviewChangeRequest(ctx, ctx.session.userId, input)),
  }),
});
