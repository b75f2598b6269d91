import { formatMoney, type Statement, statementInput } from '@tradeloom/shared';
import { type NextFunction, type Request, type Response, Router } from 'express';
import PDFDocument from 'pdfkit';
import type { AppDeps } from '../../deps.ts';
import { contextFromHttp } from '../../http/request-context.ts';
import { jsonError, sendRestError, uuidParam } from '../../http/rest-errors.ts';
import { csvLine } from '../../lib/csv.ts';
import { resolveCompanyActor } from '../../trpc/procedures.ts';
import { findCompanyName } from '../companies/company-reads.ts';
import { partnerStatement } from './ledger.service.ts';

// GET /documents/statements/:partnerId.csv and .pdf?from=&to=&currency= — the partner statement
// as finance.statement answers it, for the caller's company (same access: finance:read).

function statementQuery(partnerId: string, query: Record<string, unknown>) {
  const pick = (name: string) => (typeof query[name] === 'string' && query[name] !== '' ? (query[name] as string) : undefined);
  const parsed = statementInput.safeParse({ partnerId, from: pick('from'), to: pick('to'), currency: pick('currency') });
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`);
  throw jsonError('BAD_REQUEST', `Invalid input — ${fields.join('; ')}`);
}

export function statementCsv(statement: Statement): string {
  const lines = [csvLine(['Date', 'Document', 'Description', 'Debit', 'Credit', 'Balance', 'Currency'])];
  lines.push(csvLine([statement.from ?? '', '', 'Opening balance', '', '', statement.opening, statement.currency]));
  for (const entry of statement.entries) {
    lines.push(csvLine([entry.date, entry.document, entry.description, entry.debit, entry.credit, entry.balance, statement.currency]));
  }
  lines.push(
    csvLine([statement.to, '', 'Closing balance', statement.totalDebit, statement.totalCredit, statement.closing, statement.currency]),
  );
  return `${lines.join('')}`;
}

function renderStatementPdf(statement: Statement, companyName: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 40, info: { Title: `Statement ${statement.partnerName}` } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  // Helvetica has no ₹ glyph: amounts carry the currency code.
  const amount = (value: string) => formatMoney(value, statement.currency, { display: 'code' });
  doc.fontSize(16).text('STATEMENT OF ACCOUNT', { align: 'right' });
  doc.fontSize(10).text(`${companyName} with ${statement.partnerName}`, { align: 'right' });
  doc.text(`${statement.from ?? 'From the start'} to ${statement.to}   ·   ${statement.currency}`, { align: 'right' });
  doc.moveDown();
  const columns = [
    { title: 'Date', x: 40, width: 60 },
    { title: 'Document', x: 100, width: 110 },
    { title: 'Description', x: 210, width: 130 },
    { title: 'Debit', x: 340, width: 70 },
    { title: 'Credit', x: 410, width: 70 },
    { title: 'Balance', x: 480, width: 75 },
  ];
  const row = (values: string[], bold = false) => {
    if (doc.y > 760) doc.addPage();
    const y = doc.y;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8);
    let bottom = y;
    values.forEach((value, index) => {
      const column = columns[index];
      if (!column) return;
      doc.text(value, column.x, y, { width: column.width - 4, align: index >= 3 ? 'right' : 'left' });
      bottom = Math.max(bottom, doc.y);
    });
    doc.y = bottom + 2;
  };
  row(
    columns.map((column) => column.title),
    true,
  );
  row([statement.from ?? '', '', 'Opening balance', '', '', amount(statement.opening)]);
  for (const entry of statement.entries) {
    row([
      entry.date,
      entry.document,
      entry.description,
      entry.debit === '0.00' ? '' : amount(entry.debit),
      entry.credit === '0.00' ? '' : amount(entry.credit),
      amount(entry.balance),
    ]);
  }
  row([statement.to, '', 'Closing balance', amount(statement.totalDebit), amount(statement.totalCredit), amount(statement.closing)], true);
  doc.moveDown();
  doc.font('Helvetica').fontSize(8).text('A positive balance is owed to us by the partner; a negative balance is owed by us.', 40);
  doc.end();
  return done;
}

export function statementDocumentsRouter(deps: AppDeps): Router {
  const router = Router();
  router.param('partnerId', uuidParam('Statement'));
  const handle = (format: 'csv' | 'pdf') => async (req: Request<{ partnerId: string }>, res: Response, next: NextFunction) => {
    try {
      const ctx = contextFromHttp(deps, req, res);
      const { actor } = await resolveCompanyActor(ctx, 'finance:read');
      const statement = await partnerStatement(ctx, actor, statementQuery(req.params.partnerId, req.query as Record<string, unknown>));
      const name = `statement-${statement.partnerName.replace(/[^A-Za-z0-9]+/g, '-')}-${statement.to}`;
      res.setHeader('Cache-Control', 'private, no-store');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      if (format === 'csv') {
        res.setHeader('Content-Type', 'text/csv; charset=utf-8');
        res.setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
        res.end(statementCsv(statement));
        return;
      }
      const pdf = await renderStatementPdf(statement, await findCompanyName(deps.db, actor.companyId));
      res.setHeader('Content-Type', 'application/pdf');
      res.setHeader('Content-Disposition', `inline; filename="${name}.pdf"`);
      res.end(pdf);
    } catch (error) {
      sendRestError(res, error, next);
    }
  };
  router.get('/:partnerId.csv', handle('csv'));
  router.get('/:partnerId.pdf', handle('pdf'));
  return router;
}
