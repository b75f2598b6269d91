import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { Router } from 'express';
import type { AppDeps } from '../../deps.ts';
import { contextFromHttp } from '../../http/request-context.ts';
import { appError } from '../../trpc/errors.ts';
import { resolveCompanyActor } from '../../trpc/procedures.ts';
import { renderOrderPdf } from './order-pdf.ts';
import { getOrder } from './orders.service.ts';

/** GET /orders/:orderId.pdf — the printable order, for either party (same visibility as orders.get). */
export function orderPdfRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/:orderId.pdf', async (req, res, next) => {
    try {
      const ctx = contextFromHttp(deps, req, res);
      if (!/^[0-9a-f-]{36}$/.test(req.params.orderId)) throw appError('NOT_FOUND', 'TOKEN_INVALID', 'Order not found.');
      const { actor } = await resolveCompanyActor(ctx, 'orders:read');
      const order = await getOrder(ctx, actor, req.params.orderId);
      const us = await deps.db.selectFrom('companies').select('name').where('id', '=', actor.companyId).executeTakeFirstOrThrow();
      const pdf = await renderOrderPdf(order, us.name);
      res.setHeader('Content-Type', 'application/pdf');
      res.setHeader('Cache-Control', 'private, no-store');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Content-Disposition', `inline; filename="${order.number ?? 'order'}.pdf"`);
      res.end(pdf);
    } catch (error) {
      if (!(error instanceof TRPCError)) return next(error);
      res.status(getHTTPStatusCodeFromError(error)).json({ error: { message: error.message, code: error.code } });
    }
  });
  return router;
}
