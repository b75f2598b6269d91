import { Router } from 'express';
import type { AppDeps } from '../../deps.ts';
import { contextFromHttp } from '../../http/request-context.ts';
import { sendRestError, uuidParam } from '../../http/rest-errors.ts';
import { resolveCompanyActor } from '../../trpc/procedures.ts';
import { findBillingAddress, findCompanyName } from '../companies/company-reads.ts';
import { type PdfParty, renderOrderPdf } from './order-pdf.ts';
import { getOrder } from './order-views.service.ts';

/** GET /orders/:orderId.pdf — the printable order, for either party (same visibility as orders.get). */
export function orderPdfRouter(deps: AppDeps): Router {
  const router = Router();
  router.param('orderId', uuidParam('Order'));
  router.get('/:orderId.pdf', async (req, res, next) => {
    try {
      const ctx = contextFromHttp(deps, req, res);
      const { actor } = await resolveCompanyActor(ctx, 'orders:read');
      const order = await getOrder(ctx, actor, req.params.orderId);
      const party = async (companyId: string): Promise<PdfParty> => ({
        name: companyId === order.partner.id ? order.partner.name : await findCompanyName(deps.db, companyId),
        address: (await findBillingAddress(deps.db, companyId)) ?? null,
      });
      const [buyerId, supplierId] = order.side === 'buyer' ? [actor.companyId, order.partner.id] : [order.partner.id, actor.companyId];
      const pdf = await renderOrderPdf(order, { buyer: await party(buyerId), supplier: await party(supplierId) });
      res.setHeader('Content-Type', 'application/pdf');
      res.setHeader('Cache-Control', 'private, no-store');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Content-Disposition', `inline; filename="${order.number ?? 'order'}.pdf"`);
      res.end(pdf);
    } catch (error) {
      sendRestError(res, error, next);
    }
  });
  return router;
}
