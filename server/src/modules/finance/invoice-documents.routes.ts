import { Router } from 'express';
import type { AppDeps } from '../../deps.ts';
import { contextFromHttp } from '../../http/request-context.ts';
import { sendRestError, uuidParam } from '../../http/rest-errors.ts';
import { resolveCompanyActor } from '../../trpc/procedures.ts';
import { findBillingAddress } from '../companies/company-reads.ts';
import { gstRegistrationOf } from '../companies/gst-registration.ts';
import { eInvoiceJson } from './invoice-einvoice.ts';
import { renderInvoicePdf } from './invoice-pdf.ts';
import { getInvoice } from './invoice-views.service.ts';

/**
 * GET /documents/invoices/:invoiceId.pdf — the printable tax invoice — and
 * GET /documents/invoices/:invoiceId.einvoice.json — the e-invoice in the government schema's
 * field names; for either party, with the same visibility as finance.invoices.get.
 */
export function invoiceDocumentsRouter(deps: AppDeps): Router {
  const router = Router();
  router.param('invoiceId', uuidParam('Invoice'));
  const partiesOf = async (invoice: Awaited<ReturnType<typeof getInvoice>>) => {
    const one = async (party: { id: string; name: string; branchId: string | null }) => {
      const registration = await gstRegistrationOf(deps.db, party.id, party.branchId);
      return {
        name: party.name,
        legalName: registration.legalName || party.name,
        tradeName: party.name,
        address: (await findBillingAddress(deps.db, party.id)) ?? null,
      };
    };
    return { supplier: await one(invoice.supplier), buyer: await one(invoice.buyer) };
  };
  const headers = (res: import('express').Response, type: string, filename: string) => {
    res.setHeader('Content-Type', type);
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Disposition', `inline; filename="${filename}"`);
  };
  router.get('/:invoiceId.pdf', async (req, res, next) => {
    try {
      const ctx = contextFromHttp(deps, req, res);
      const { actor } = await resolveCompanyActor(ctx, 'finance:read');
      const invoice = await getInvoice(ctx, actor, req.params.invoiceId);
      const pdf = await renderInvoicePdf(invoice, await partiesOf(invoice));
      headers(res, 'application/pdf', `${(invoice.number ?? 'invoice-draft').replaceAll('/', '-')}.pdf`);
      res.end(pdf);
    } catch (error) {
      sendRestError(res, error, next);
    }
  });
  router.get('/:invoiceId.einvoice.json', async (req, res, next) => {
    try {
      const ctx = contextFromHttp(deps, req, res);
      const { actor } = await resolveCompanyActor(ctx, 'finance:read');
      const invoice = await getInvoice(ctx, actor, req.params.invoiceId);
      headers(res, 'application/json; charset=utf-8', `${(invoice.number ?? 'invoice-draft').replaceAll('/', '-')}.json`);
      res.end(JSON.stringify(eInvoiceJson(invoice, await partiesOf(invoice)), null, 2));
    } catch (error) {
      sendRestError(res, error, next);
    }
  });
  return router;
}
