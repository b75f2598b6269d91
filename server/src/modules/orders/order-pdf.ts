import { describePaymentTerms, formatMoney, formatQuantity, type OrderAddress, type OrderDetail, rupeesInWords } from '@tradeloom/shared';
import PDFDocument from 'pdfkit';

/** A party as the document prints it: its name and billing address (GSTINs come from the order). */
export interface PdfParty {
  name: string;
  address: OrderAddress | null;
}

const addressLines = (address: OrderAddress | null) =>
  address
    ? [address.addressLine, [address.city, address.state, address.postalCode].filter(Boolean).join(', '), address.country].filter(Boolean)
    : [];

// The PDF's built-in Helvetica has no ₹ glyph: the currency is written as its code.
const amount = (value: string, currency: string) => formatMoney(value, currency, { display: 'code' });

/**
 * A printable one-page order (more pages when the lines need them), as the viewing party sees it:
 * the same declared shape `orders.get` answers.
 */
export function renderOrderPdf(order: OrderDetail, parties: { buyer: PdfParty; supplier: PdfParty }): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 48,
    info: { Title: `${order.side === 'buyer' ? 'Purchase order' : 'Sales order'} ${order.number ?? ''}` },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  // The document is a stream: its 'error' must reject the render, not go unhandled (that ends the process).
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const title = order.side === 'buyer' ? 'PURCHASE ORDER' : 'SALES ORDER';
  doc.fontSize(18).text(title, { align: 'right' });
  doc.fontSize(10).text(`${order.number ?? 'Draft'}   ·   ${order.orderDate}   ·   ${order.status.replace('_', ' ')}`, { align: 'right' });
  doc.moveDown();
  // Both parties side by side with their billing addresses and the GSTINs the order was sent with.
  const top = doc.y;
  const party = (label: string, { name, address }: PdfParty, gstin: string | null, x: number) => {
    doc.font('Helvetica-Bold').fontSize(9).text(label, x, top, { width: 240 });
    doc.font('Helvetica').fontSize(10).text(name, { width: 240 });
    doc.fontSize(9);
    for (const line of addressLines(address)) doc.text(line, { width: 240 });
    doc.text(`GSTIN: ${gstin ?? (order.status === 'draft' ? 'fixed when sent' : 'not registered')}`, { width: 240 });
    return doc.y;
  };
  const bottom = Math.max(
    party('BUYER (BILL TO)', parties.buyer, order.buyerGstin, 48),
    party('SUPPLIER', parties.supplier, order.supplierGstin, 307),
  );
  doc.x = 48;
  doc.y = bottom + 8;
  doc.font('Helvetica-Bold').fontSize(9).text('SHIP TO', { width: 240 });
  doc.font('Helvetica').fontSize(9);
  if (order.shipTo) for (const line of [order.shipTo.name, ...addressLines(order.shipTo)]) doc.text(line, { width: 240 });
  else doc.text('The buyer’s billing address', { width: 240 });
  doc.moveDown(0.5);
  doc.text(`Requested delivery: ${order.requestedDeliveryDate ?? 'not set'}`);
  doc.text(`Payment terms: ${describePaymentTerms(order.paymentTerms)}`);
  if (order.partnerNumber) doc.text(`Their reference: ${order.partnerNumber}`);
  doc.moveDown();

  const columns = [48, 72, 290, 360, 440];
  const header = (y: number) => {
    doc.font('Helvetica-Bold').fontSize(9);
    for (const [i, label] of ['#', 'Item', 'Quantity', 'Unit price', 'Line total'].entries())
      doc.text(label, columns[i] ?? 48, y, { width: i === 1 ? 210 : 90 });
    doc.font('Helvetica');
  };
  let y = doc.y;
  header(y);
  y += 16;
  for (const line of order.lines) {
    if (y > 740) {
      doc.addPage();
      y = 48;
      header(y);
      y += 16;
    }
    const cells = [
      String(line.lineNo),
      `${line.description}${line.hsnCode ? ` (HSN ${line.hsnCode}, ${Number(line.taxRate)}%)` : ''}`,
      formatQuantity(line.quantity, line.unit),
      amount(line.unitPrice, order.currency),
      amount(line.total, order.currency),
    ];
    for (const [i, cell] of cells.entries()) doc.fontSize(9).text(cell, columns[i] ?? 48, y, { width: i === 1 ? 210 : 90 });
    y += Math.max(16, doc.heightOfString(cells[1] ?? '', { width: 210 }) + 4);
  }
  doc
    .moveTo(48, y + 4)
    .lineTo(547, y + 4)
    .stroke();
  y += 12;
  const totals: [string, string][] = [
    ['Taxable value', order.taxable],
    ...(order.taxRegime === 'intra_state'
      ? ([
          ['CGST', order.cgst],
          ['SGST', order.sgst],
        ] as [string, string][])
      : order.taxRegime === 'inter_state'
        ? ([['IGST', order.igst]] as [string, string][])
        : ([['Tax', order.tax]] as [string, string][])),
    ['Total', order.total],
  ];
  for (const [label, value] of totals) {
    doc.fontSize(label === 'Total' ? 11 : 9).font(label === 'Total' ? 'Helvetica-Bold' : 'Helvetica');
    doc.text(label, 360, y, { width: 80 }).text(amount(value, order.currency), 440, y, { width: 107, align: 'right' });
    y += 16;
  }
  // Indian orders and invoices state the total in words, in lakh and crore.
  if (order.currency === 'INR') {
    doc
      .font('Helvetica')
      .fontSize(9)
      .text(`Amount in words: ${rupeesInWords(order.total)}`, 48, y + 4, { width: 499 });
  }
  doc
    .font('Helvetica')
    .fontSize(8)
    .fillColor('#666')
    .text('Generated by Tradeloom. Amounts computed on the server; GST by the parties’ registered states.', 48, 790, { width: 499 });
  doc.end();
  return done;
}
