import { dec, formatMoney, formatQuantity, type InvoiceDetail, money, type OrderAddress, rupeesInWords, sum } from '@tradeloom/shared';
import PDFDocument from 'pdfkit';

/** A party as the tax invoice prints it: its name and billing address (GSTINs come from the invoice). */
export interface InvoicePdfParty {
  name: string;
  address: OrderAddress | null;
}

const addressLines = (address: OrderAddress | null) =>
  address
    ? [address.addressLine, [address.city, address.state, address.postalCode].filter(Boolean).join(', '), address.country].filter(Boolean)
    : [];

// The PDF's built-in Helvetica has no ₹ glyph: the currency is written as its code.
const amount = (value: string, currency: string) => formatMoney(value, currency, { display: 'code' });

/** Taxable value and tax per HSN code and rate: the HSN summary a GST tax invoice carries. */
export function hsnSummary(invoice: InvoiceDetail) {
  const groups = new Map<string, InvoiceDetail['lines']>();
  for (const line of invoice.lines) {
    const key = `${line.hsnCode ?? '—'}|${line.taxRate}`;
    groups.set(key, [...(groups.get(key) ?? []), line]);
  }
  return [...groups.entries()].map(([key, lines]) => {
    const [hsnCode = '—', taxRate = '0'] = key.split('|');
    const total = (field: 'taxable' | 'cgst' | 'sgst' | 'igst' | 'tax') => money(sum(lines.map((line) => line[field])));
    return {
      hsnCode,
      taxRate,
      taxable: total('taxable'),
      cgst: total('cgst'),
      sgst: total('sgst'),
      igst: total('igst'),
      tax: total('tax'),
    };
  });
}

/**
 * A printable GST tax invoice (rule 46 of the CGST Rules): supplier and recipient with GSTINs,
 * number and date, place of supply, reverse charge, HSN per line, taxable value and the tax
 * split, an HSN summary table, and the total in words.
 */
export function renderInvoicePdf(invoice: InvoiceDetail, parties: { supplier: InvoicePdfParty; buyer: InvoicePdfParty }): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 48, info: { Title: `Tax invoice ${invoice.number ?? 'draft'}` } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const cur = invoice.currency;
  doc.fontSize(18).text(invoice.status === 'draft' ? 'TAX INVOICE (DRAFT)' : 'TAX INVOICE', { align: 'right' });
  doc.fontSize(10).text(`${invoice.number ?? 'Not yet numbered'}   ·   ${invoice.invoiceDate}`, { align: 'right' });
  if (invoice.status === 'cancelled') doc.fillColor('#b00').text('CANCELLED', { align: 'right' }).fillColor('#000');
  doc.moveDown();
  const top = doc.y;
  const party = (label: string, { name, address }: InvoicePdfParty, gstin: string | null, x: number) => {
    doc.font('Helvetica-Bold').fontSize(9).text(label, x, top, { width: 240 });
    doc.font('Helvetica').fontSize(10).text(name, { width: 240 });
    doc.fontSize(9);
    for (const line of addressLines(address)) doc.text(line, { width: 240 });
    doc.text(`GSTIN: ${gstin ?? 'unregistered'}`, { width: 240 });
    return doc.y;
  };
  const bottom = Math.max(
    party('SUPPLIER', parties.supplier, invoice.supplier.gstin, 48),
    party('RECIPIENT (BILL TO)', parties.buyer, invoice.buyer.gstin, 307),
  );
  doc.x = 48;
  doc.y = bottom + 8;
  doc.fontSize(9);
  doc.text(`Place of supply: ${invoice.placeOfSupply ? `state code ${invoice.placeOfSupply}` : 'outside India'}`);
  doc.text(`Reverse charge: ${invoice.reverseCharge ? 'Yes' : 'No'}`);
  if (invoice.orderNumber) doc.text(`Order: ${invoice.orderNumber}`);
  if (invoice.contractNumber) doc.text(`Contract: ${invoice.contractNumber}`);
  if (invoice.dueDate) doc.text(`Due date: ${invoice.dueDate}`);
  doc.moveDown();

  const columns = [48, 68, 230, 280, 350, 420, 480];
  const widths = [20, 160, 50, 70, 70, 60, 67];
  const row = (cells: string[], y: number, bold = false) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8);
    for (const [i, cell] of cells.entries())
      doc.text(cell, columns[i] ?? 48, y, { width: widths[i] ?? 60, align: i >= 3 ? 'right' : 'left' });
  };
  let y = doc.y;
  row(['#', 'Description', 'HSN', 'Quantity', 'Rate', 'GST %', 'Taxable value'], y, true);
  y += 14;
  for (const line of invoice.lines) {
    if (y > 720) {
      doc.addPage();
      y = 48;
    }
    row(
      [
        String(line.lineNo),
        line.description,
        line.hsnCode ?? '—',
        formatQuantity(line.quantity, line.unit),
        amount(line.unitPrice, cur),
        `${Number(line.taxRate)}%`,
        amount(line.taxable, cur),
      ],
      y,
    );
    y += Math.max(14, doc.heightOfString(line.description, { width: 160 }) + 4);
  }
  doc.moveTo(48, y).lineTo(547, y).stroke();
  y += 8;

  // HSN summary: the table GSTR-1 asks for, per HSN code and rate.
  doc.font('Helvetica-Bold').fontSize(9).text('HSN summary', 48, y);
  y += 14;
  const intra = invoice.taxRegime === 'intra_state';
  row(['', 'HSN', 'GST %', 'Taxable', intra ? 'CGST' : 'IGST', intra ? 'SGST' : '', 'Tax'], y, true);
  y += 14;
  for (const group of hsnSummary(invoice)) {
    row(
      [
        '',
        group.hsnCode,
        `${Number(group.taxRate)}%`,
        amount(group.taxable, cur),
        amount(intra ? group.cgst : group.igst, cur),
        intra ? amount(group.sgst, cur) : '',
        amount(group.tax, cur),
      ],
      y,
    );
    y += 14;
  }
  y += 8;
  const totals: [string, string][] = [
    ['Taxable value', invoice.taxable],
    ...(intra
      ? ([
          ['CGST', invoice.cgst],
          ['SGST', invoice.sgst],
        ] as [string, string][])
      : invoice.taxRegime === 'inter_state'
        ? ([['IGST', invoice.igst]] as [string, string][])
        : ([['Tax', invoice.tax]] as [string, string][])),
    ...(dec(invoice.tcsAmount).greaterThan(0) ? ([['TCS', invoice.tcsAmount]] as [string, string][]) : []),
    ['Total', invoice.total],
  ];
  for (const [label, value] of totals) {
    doc.fontSize(label === 'Total' ? 11 : 9).font(label === 'Total' ? 'Helvetica-Bold' : 'Helvetica');
    doc.text(label, 340, y, { width: 100 }).text(amount(value, cur), 440, y, { width: 107, align: 'right' });
    y += 16;
  }
  doc.font('Helvetica').fontSize(9);
  if (cur === 'INR') doc.text(`Amount in words: ${rupeesInWords(invoice.total)}`, 48, y + 4, { width: 499 });
  if (invoice.reverseCharge) doc.text('Tax payable on reverse charge by the recipient.', 48, doc.y + 4, { width: 499 });
  doc
    .fontSize(8)
    .fillColor('#666')
    .text('Generated by Tradeloom. No IRN: register the e-invoice on the government IRP portal.', 48, 790, { width: 499 });
  doc.end();
  return done;
}
