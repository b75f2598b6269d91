import { dec, type InvoiceDetail, money, type OrderAddress } from '@tradeloom/shared';

// The e-invoice as the government's schema (INV-01, version 1.1) names its fields, ready to
// upload to the Invoice Registration Portal. Tradeloom cannot register it: the IRN and signed QR
// code come back from the portal.

export interface EInvoiceParty {
  legalName: string;
  tradeName: string;
  address: OrderAddress | null;
}

const STATE_CODE_OF_GSTIN = (gstin: string | null) => (gstin && /^\d{2}/.test(gstin) ? gstin.slice(0, 2) : null);
const num = (value: string) => Number(money(value));

function partyDetails(party: EInvoiceParty, gstin: string | null) {
  return {
    Gstin: gstin ?? 'URP',
    LglNm: party.legalName,
    TrdNm: party.tradeName,
    Addr1: party.address?.addressLine || party.address?.name || '',
    Loc: party.address?.city ?? '',
    Pin: Number(party.address?.postalCode) || undefined,
    Stcd: STATE_CODE_OF_GSTIN(gstin) ?? '',
  };
}

export function eInvoiceJson(invoice: InvoiceDetail, parties: { supplier: EInvoiceParty; buyer: EInvoiceParty }) {
  const [year, month, day] = invoice.invoiceDate.split('-');
  return {
    Version: '1.1',
    TranDtls: {
      TaxSch: 'GST',
      SupTyp: 'B2B',
      RegRev: invoice.reverseCharge ? 'Y' : 'N',
      IgstOnIntra: 'N',
    },
    DocDtls: { Typ: 'INV', No: invoice.number ?? '', Dt: `${day}/${month}/${year}` },
    SellerDtls: partyDetails(parties.supplier, invoice.supplier.gstin),
    BuyerDtls: { ...partyDetails(parties.buyer, invoice.buyer.gstin), Pos: invoice.placeOfSupply ?? '96' },
    ItemList: invoice.lines.map((line) => ({
      SlNo: String(line.lineNo),
      PrdDesc: line.description,
      IsServc: 'N',
      HsnCd: line.hsnCode ?? '',
      Qty: Number(line.quantity),
      Unit: line.unit.toUpperCase() === 'KG' ? 'KGS' : line.unit.toUpperCase(),
      UnitPrice: Number(line.unitPrice),
      TotAmt: num(line.gross),
      Discount: num(line.discount),
      AssAmt: num(line.taxable),
      GstRt: Number(line.taxRate),
      IgstAmt: num(line.igst),
      CgstAmt: num(line.cgst),
      SgstAmt: num(line.sgst),
      TotItemVal: num(line.total),
    })),
    ValDtls: {
      AssVal: num(invoice.taxable),
      CgstVal: num(invoice.cgst),
      SgstVal: num(invoice.sgst),
      IgstVal: num(invoice.igst),
      OthChrg: num(invoice.tcsAmount),
      RndOffAmt: num(invoice.roundOff),
      TotInvVal: num(money(dec(invoice.taxable).plus(invoice.tax).plus(invoice.tcsAmount))),
    },
  };
}
