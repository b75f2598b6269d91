import { Router } from 'express';
import type { AppDeps } from '../../deps.ts';
import { contextFromHttp } from '../../http/request-context.ts';
import { sendRestError, uuidParam } from '../../http/rest-errors.ts';
import { resolveCompanyActor } from '../../trpc/procedures.ts';
import { findBillingAddress, findBranchAddress, findCompanyName } from '../companies/company-reads.ts';
import { getDelivery } from './deliveries.service.ts';
import { type ChallanParty, renderDeliveryPdf } from './delivery-pdf.ts';

/** GET /documents/deliveries/:deliveryId.pdf — the delivery challan, for either party (same visibility as deliveries.get). */
export function deliveryPdfRouter(deps: AppDeps): Router {
  const router = Router();
  router.param('deliveryId', uuidParam('Delivery'));
  router.get('/:deliveryId.pdf', async (req, res, next) => {
    try {
      const ctx = contextFromHttp(deps, req, res);
      const { actor } = await resolveCompanyActor(ctx, 'deliveries:read');
      const delivery = await getDelivery(ctx, actor, req.params.deliveryId);
      const party = async (companyId: string, branchId: string | undefined): Promise<ChallanParty> => ({
        name: companyId === delivery.partner.id ? delivery.partner.name : await findCompanyName(deps.db, companyId),
        address: (branchId ? await findBranchAddress(deps.db, branchId) : await findBillingAddress(deps.db, companyId)) ?? null,
      });
      const [buyerId, supplierId] =
        delivery.side === 'buyer' ? [actor.companyId, delivery.partner.id] : [delivery.partner.id, actor.companyId];
      const pdf = await renderDeliveryPdf(delivery, {
        supplier: await party(supplierId, delivery.supplierBranch?.id),
        buyer: await party(buyerId, delivery.buyerBranch?.id),
      });
      res.setHeader('Content-Type', 'application/pdf');
      res.setHeader('Cache-Control', 'private, no-store');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Content-Disposition', `inline; filename="${delivery.number}.pdf"`);
      res.end(pdf);
    } catch (error) {
      sendRestError(res, error, next);
    }
  });
  return router;
}
