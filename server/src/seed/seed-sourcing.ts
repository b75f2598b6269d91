import type { CreateTenderInput, QualitySpec, SubmitQuoteInput } from '@tradeloom/shared';
import type { CompanyActor, ServiceContext } from '../deps.ts';
import { awardTender } from '../modules/sourcing/award.service.ts';
import { answerClarification, askClarification } from '../modules/sourcing/clarifications.service.ts';
import { submitQuote } from '../modules/sourcing/quotes.service.ts';
import { getTender } from '../modules/sourcing/tender-reads.ts';
import { closeTender, createTender, inviteSuppliers, publishTender } from '../modules/sourcing/tenders.service.ts';

const MILL = 'Coimbatore Spinning Mills';
const TRADER = 'Saurashtra Cotton Traders';
const GINNER = 'Gondal Ginning Company';

// The mill's usual quality sheet for Shankar-6: what a spinner checks in the lab on arrival.
const SHANKAR_6_SPEC: QualitySpec[] = [
  { name: 'Staple length', value: '29 mm' },
  { name: 'Micronaire', value: '3.8–4.2' },
  { name: 'Trash', value: '≤ 3 %' },
  { name: 'Moisture', value: '≤ 8 %' },
];
const MCU_5_SPEC: QualitySpec[] = [
  { name: 'Staple length', value: '32 mm' },
  { name: 'Micronaire', value: '3.4–3.8' },
  { name: 'Trash', value: '≤ 2.5 %' },
  { name: 'Moisture', value: '≤ 8 %' },
];

/** A supplier's offer per item (in the tender's item order): unit price and freight per candy. */
interface DemoQuote {
  supplier: string;
  prices: [unitPrice: string, freightPerUnit: string][];
  leadTimeDays: number;
  paymentTerms: SubmitQuoteInput['paymentTerms'];
  notes: string;
}

interface DemoTender {
  title: string;
  closesInDays: number;
  deliveryInDays: number;
  notes: string;
  items: { description: string; quantity: string; targetPrice: string; specification: QualitySpec[] }[];
  quotes: DemoQuote[];
  /** Per item, who wins how much (a split award); absent: the tender stays open. */
  award?: { supplier: string; itemIndex: number; quantity: string }[];
}

const TENDERS: DemoTender[] = [
  {
    // The earlier tender: both quoted, closed early and awarded, item by item, to both suppliers.
    title: 'Cotton lint for the November spinning plan',
    closesInDays: 2,
    deliveryInDays: 20,
    notes: 'Lots to be sampled at the ginning factory before dispatch. Bales pressed to 170 kg.',
    items: [
      { description: 'Shankar-6 cotton lint, 29 mm', quantity: '200', targetPrice: '61000', specification: SHANKAR_6_SPEC },
      { description: 'MCU-5 cotton lint, 32 mm', quantity: '80', targetPrice: '68000', specification: MCU_5_SPEC },
    ],
    quotes: [
      {
        supplier: TRADER,
        prices: [
          ['61450', '650'],
          ['67900', '650'],
        ],
        leadTimeDays: 10,
        paymentTerms: { kind: 'net', days: 30 },
        notes: 'Ex Rajkot godown, loaded on truck; transit insurance by us.',
      },
      {
        supplier: GINNER,
        prices: [
          ['60800', '700'],
          ['68600', '700'],
        ],
        leadTimeDays: 7,
        paymentTerms: { kind: 'against_delivery' },
        notes: 'Fresh season pressing from our Gondal factory.',
      },
    ],
    award: [
      { supplier: GINNER, itemIndex: 0, quantity: '200' },
      { supplier: TRADER, itemIndex: 1, quantity: '80' },
    ],
  },
  {
    // The current tender: both quotes are in and sealed until it closes in a few days.
    title: 'Shankar-6 cotton for the December spinning plan',
    closesInDays: 4,
    deliveryInDays: 25,
    notes: 'Delivery in two lots within a week. Each lot with its HVI test report.',
    items: [{ description: 'Shankar-6 cotton lint, 29 mm', quantity: '500', targetPrice: '61500', specification: SHANKAR_6_SPEC }],
    quotes: [
      {
        supplier: TRADER,
        prices: [['61900', '650']],
        leadTimeDays: 12,
        paymentTerms: { kind: 'net', days: 30 },
        notes: 'From our Rajkot stock; HVI reports with each lot.',
      },
      {
        supplier: GINNER,
        prices: [['61350', '700']],
        leadTimeDays: 8,
        paymentTerms: { kind: 'advance' },
        notes: 'Two lots from the same pressing.',
      },
    ],
  },
];

/**
 * Demo tenders from the spinning mill to its two cotton suppliers, made through the services so
 * the sealed rule, numbering and orders are the real ones.
 */
export async function seedSourcing(ctx: ServiceContext, actors: Map<string, CompanyActor>) {
  const mill = actors.get(MILL);
  if (!mill) return;
  const supplierOf = (name: string) => {
    const actor = actors.get(name);
    if (!actor) throw new Error(`demo company ${name} missing`);
    return actor;
  };
  const day = 86_400_000;
  for (const demo of TENDERS) {
    const now = ctx.deps.clock.now().getTime();
    const input: CreateTenderInput = {
      title: demo.title,
      currency: 'INR',
      closesAt: new Date(now + demo.closesInDays * day),
      deliveryPlace: 'Coimbatore Spinning Mills, SIDCO Industrial Estate, Kurichi, Coimbatore',
      deliveryDate: new Date(now + demo.deliveryInDays * day).toISOString().slice(0, 10),
      paymentTerms: { kind: 'net', days: 30 },
      notes: demo.notes,
      items: demo.items.map((item) => ({ ...item, unit: 'candy', hsnCode: '5201' })),
      criteria: [
        { criterion: 'price', weight: 60 },
        { criterion: 'leadTime', weight: 15 },
        { criterion: 'paymentTerms', weight: 15 },
        { criterion: 'quality', weight: 10 },
      ],
    };
    const tender = await createTender(ctx, mill, input);
    const suppliers = demo.quotes.map((quote) => supplierOf(quote.supplier));
    await inviteSuppliers(ctx, mill, { tenderId: tender.id, supplierIds: suppliers.map((s) => s.companyId) });
    await publishTender(ctx, mill, { tenderId: tender.id });
    const view = await getTender(ctx, mill, tender.id);
    const quoteIds = new Map<string, string>();
    for (const quote of demo.quotes) {
      const saved = await submitQuote(ctx, supplierOf(quote.supplier), {
        tenderId: tender.id,
        leadTimeDays: quote.leadTimeDays,
        validUntil: new Date(now + 15 * day).toISOString().slice(0, 10),
        paymentTerms: quote.paymentTerms,
        notes: quote.notes,
        lines: view.items.map((item, index) => {
          const [unitPrice = '0', freightPerUnit = '0'] = quote.prices[index] ?? [];
          return { itemId: item.id, unitPrice, freightPerUnit, hsnCode: '5201', taxRate: '5' };
        }),
      });
      quoteIds.set(quote.supplier, saved.id);
    }
    if (!demo.award) {
      // A question answered for every invitee, without naming the supplier that asked.
      const question = await askClarification(ctx, supplierOf(TRADER), {
        tenderId: tender.id,
        question: 'May the two lots come from different pressings if each meets the specification?',
      });
      await answerClarification(ctx, mill, {
        clarificationId: question.id,
        answer: 'Yes, provided each lot has its own HVI report and the micronaire stays within 3.8–4.2.',
      });
      continue;
    }
    // Every invitee has quoted, so the mill may close before the deadline.
    await closeTender(ctx, mill, tender.id);
    await awardTender(ctx, mill, {
      tenderId: tender.id,
      reason: 'Lowest landed cost per item; Gondal delivers the Shankar-6 a few days sooner.',
      awards: demo.award.map((line) => ({
        itemId: view.items[line.itemIndex]?.id ?? '',
        quoteId: quoteIds.get(line.supplier) ?? '',
        quantity: line.quantity,
      })),
    });
  }
}
