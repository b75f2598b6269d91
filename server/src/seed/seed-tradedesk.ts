import {
  acceptNegotiationInput,
  counterNegotiationInput,
  createLotInput,
  createOfferInput,
  openNegotiationInput,
  saveCommissionStructureInput,
} from '@tradeloom/shared';
import type { z } from 'zod';
import type { CompanyActor, ServiceContext } from '../deps.ts';
import { storeUpload } from '../modules/files/files.service.ts';
import { saveCommissionStructure } from '../modules/masters/commissions.service.ts';
import { createLot } from '../modules/tradedesk/lots.service.ts';
import { acceptNegotiation, counterNegotiation, openNegotiation } from '../modules/tradedesk/negotiations.service.ts';
import { createOffer } from '../modules/tradedesk/offers.service.ts';
import { DEMO_PDF } from './demo-pdf.ts';

const TRADER = 'Saurashtra Cotton Traders';
const GINNER = 'Gondal Ginning Company';
const MILL = 'Coimbatore Spinning Mills';

const DAY = 86_400_000;

type LotInput = z.input<typeof createLotInput>;
type OfferInput = z.input<typeof createOfferInput>;

/** Tested lots with their HVI results, as the lab's report gives them. */
const LOTS: { key: string; company: string; lot: LotInput; testedDaysAgo: number }[] = [
  {
    key: 'rajkot-s6',
    company: TRADER,
    testedDaysAgo: 6,
    lot: {
      commodityCode: 'cotton-lint',
      varietyCode: 'shankar-6',
      bales: 200,
      netWeightKg: '34000',
      stateCode: 'GJ',
      city: 'Rajkot',
      warehouse: 'APMC godown 4, Bedi market yard',
      cropYear: '2025-26',
      quality: {
        values: {
          staple_mm: '29.2',
          micronaire: '3.9',
          strength_gpt: '29.5',
          uniformity_pct: '81.5',
          trash_pct: '2.4',
          moisture_pct: '7.2',
          rd: '76',
          plus_b: '8.9',
        },
        colourGrade: '31-1',
      },
      labName: 'Rajkot Cotton Testing Laboratory',
      notes: 'Fresh pressing from Jasdan and Gondal gins; 170 kg bales.',
    },
  },
  {
    key: 'rajkot-mcu5',
    company: TRADER,
    testedDaysAgo: 9,
    lot: {
      commodityCode: 'cotton-lint',
      varietyCode: 'mcu-5',
      bales: 100,
      netWeightKg: '17000',
      stateCode: 'GJ',
      city: 'Rajkot',
      warehouse: 'APMC godown 4, Bedi market yard',
      cropYear: '2025-26',
      quality: {
        values: {
          staple_mm: '32.1',
          micronaire: '3.6',
          strength_gpt: '31.8',
          uniformity_pct: '83',
          trash_pct: '2',
          moisture_pct: '7.5',
          rd: '78',
          plus_b: '8.2',
        },
        colourGrade: '21-2',
      },
      labName: 'Rajkot Cotton Testing Laboratory',
    },
  },
  {
    // Tested, not yet on the desk: the lot a trader offers next ("Offer this lot").
    key: 'amreli-s6',
    company: TRADER,
    testedDaysAgo: 2,
    lot: {
      commodityCode: 'cotton-lint',
      varietyCode: 'shankar-6',
      bales: 150,
      netWeightKg: '25500',
      stateCode: 'GJ',
      city: 'Amreli',
      warehouse: 'Amreli Cotton Ginners, press 2',
      cropYear: '2025-26',
      quality: {
        values: {
          staple_mm: '28.6',
          micronaire: '4.1',
          strength_gpt: '28.4',
          uniformity_pct: '80.6',
          trash_pct: '2.9',
          moisture_pct: '7.8',
          rd: '74.5',
          plus_b: '9.3',
        },
        colourGrade: '31-2',
      },
      labName: 'Rajkot Cotton Testing Laboratory',
    },
  },
  {
    key: 'gondal-s6',
    company: GINNER,
    testedDaysAgo: 4,
    lot: {
      commodityCode: 'cotton-lint',
      varietyCode: 'shankar-6',
      bales: 250,
      netWeightKg: '42500',
      stateCode: 'GJ',
      city: 'Gondal',
      warehouse: 'Ginning and pressing factory, Gundala Road',
      cropYear: '2025-26',
      quality: {
        values: {
          staple_mm: '29',
          micronaire: '4',
          strength_gpt: '29',
          uniformity_pct: '81',
          trash_pct: '2.7',
          moisture_pct: '7.6',
          rd: '75.5',
          plus_b: '9.1',
        },
        colourGrade: '31-1',
      },
      labName: 'Gujarat Cotton Quality Lab, Gondal',
    },
  },
];

interface DemoOffer {
  key: string;
  company: string;
  lot?: string;
  validDays: number;
  offer: Omit<OfferInput, 'validUntil' | 'lotId' | 'deliveryFrom' | 'deliveryTo'>;
  /** Delivery period, in days from today. */
  delivery?: [from: number, to: number];
}

const cotton = { commodity: 'cotton-lint', unit: 'bale', priceUnit: 'candy', currency: 'INR' } as const;

/** A dozen live offers on both sides: several varieties and cities, on the desk and to partners only. */
const OFFERS: DemoOffer[] = [
  {
    key: 'trader-s6',
    company: TRADER,
    lot: 'rajkot-s6',
    validDays: 7,
    delivery: [3, 20],
    offer: {
      ...cotton,
      side: 'sell',
      variety: 'shankar-6',
      quantity: '200',
      price: '56500',
      quality: { staple_mm: { min: '28.5', max: '30' }, micronaire: { min: '3.7', max: '4.1' }, trash_pct: { max: '3' } },
      deliveryStateCode: 'GJ',
      deliveryCity: 'Rajkot',
      deliveryTerm: 'ex-warehouse',
      paymentTerm: 'net-15',
      paymentDays: 15,
      visibility: 'desk',
      sourceText: 'Sell 200 bales Shankar-6, 29 mm, mic 3.8, 28 gpt, ₹56,500 per candy ex-Rajkot, 15 days',
      notes: 'Floor price 56,000 for 100 bales or more.',
    },
  },
  {
    key: 'trader-mcu5',
    company: TRADER,
    lot: 'rajkot-mcu5',
    validDays: 5,
    delivery: [5, 25],
    offer: {
      ...cotton,
      side: 'sell',
      variety: 'mcu-5',
      quantity: '100',
      price: '61800',
      quality: { staple_mm: { min: '31.5', max: '33' }, micronaire: { min: '3.4', max: '3.8' } },
      deliveryStateCode: 'GJ',
      deliveryCity: 'Rajkot',
      deliveryTerm: 'ex-warehouse',
      paymentTerm: 'advance',
      paymentDays: 0,
      visibility: 'partners',
    },
  },
  {
    key: 'trader-j34',
    company: TRADER,
    validDays: 4,
    delivery: [7, 30],
    offer: {
      ...cotton,
      side: 'sell',
      variety: 'j-34',
      quantity: '150',
      price: '52800',
      quality: { staple_mm: { min: '26.5', max: '27.5' }, micronaire: { min: '4', max: '4.6' } },
      deliveryStateCode: 'PB',
      deliveryCity: 'Bathinda',
      deliveryTerm: 'ex-gin',
      paymentTerm: 'against-delivery',
      paymentDays: 0,
      visibility: 'desk',
    },
  },
  {
    key: 'ginner-s6',
    company: GINNER,
    lot: 'gondal-s6',
    validDays: 6,
    delivery: [2, 15],
    offer: {
      ...cotton,
      side: 'sell',
      variety: 'shankar-6',
      quantity: '250',
      price: '56200',
      quality: { staple_mm: { min: '28.5', max: '29.5' }, micronaire: { min: '3.8', max: '4.2' } },
      deliveryStateCode: 'GJ',
      deliveryCity: 'Gondal',
      deliveryTerm: 'ex-gin',
      paymentTerm: 'net-15',
      paymentDays: 15,
      visibility: 'desk',
    },
  },
  {
    key: 'ginner-v797',
    company: GINNER,
    validDays: 3,
    delivery: [2, 12],
    offer: {
      ...cotton,
      side: 'sell',
      variety: 'v-797',
      quantity: '300',
      price: '52000',
      quality: { staple_mm: { min: '24', max: '25.5' }, micronaire: { min: '4.2', max: '5' } },
      deliveryStateCode: 'GJ',
      deliveryCity: 'Gondal',
      deliveryTerm: 'ex-gin',
      paymentTerm: 'advance',
      paymentDays: 0,
      visibility: 'partners',
    },
  },
  {
    key: 'ginner-h4',
    company: GINNER,
    validDays: 8,
    delivery: [5, 20],
    offer: {
      ...cotton,
      side: 'sell',
      variety: 'h-4',
      quantity: '120',
      price: '54900',
      quality: { staple_mm: { min: '27', max: '28' }, micronaire: { min: '3.8', max: '4.4' } },
      deliveryStateCode: 'GJ',
      deliveryCity: 'Kadi',
      deliveryTerm: 'ex-gin',
      paymentTerm: 'net-15',
      paymentDays: 15,
      visibility: 'desk',
    },
  },
  {
    key: 'mill-s6',
    company: MILL,
    validDays: 10,
    delivery: [7, 30],
    offer: {
      ...cotton,
      side: 'buy',
      variety: 'shankar-6',
      quantity: '500',
      price: '57000',
      quality: {
        staple_mm: { min: '28.5' },
        micronaire: { min: '3.6', max: '4.2' },
        strength_gpt: { min: '28' },
        trash_pct: { max: '3' },
      },
      deliveryStateCode: 'TN',
      deliveryCity: 'Coimbatore',
      deliveryTerm: 'for-mill',
      paymentTerm: 'net-30',
      paymentDays: 30,
      visibility: 'desk',
      notes: 'For the 30s combed count; HVI report with every lot.',
    },
  },
  {
    key: 'mill-mcu5',
    company: MILL,
    validDays: 6,
    delivery: [10, 40],
    offer: {
      ...cotton,
      side: 'buy',
      variety: 'mcu-5',
      quantity: '200',
      price: '62000',
      quality: { staple_mm: { min: '31' }, micronaire: { min: '3.4', max: '3.9' } },
      deliveryStateCode: 'TN',
      deliveryCity: 'Coimbatore',
      deliveryTerm: 'for-mill',
      paymentTerm: 'net-30',
      paymentDays: 30,
      visibility: 'partners',
    },
  },
  {
    key: 'mill-dch32',
    company: MILL,
    validDays: 9,
    delivery: [10, 45],
    offer: {
      ...cotton,
      side: 'buy',
      variety: 'dch-32',
      quantity: '100',
      price: '61900',
      quality: { staple_mm: { min: '33' }, micronaire: { min: '3', max: '3.6' } },
      deliveryStateCode: 'TN',
      deliveryCity: 'Coimbatore',
      deliveryTerm: 'for-mill',
      paymentTerm: 'net-30',
      paymentDays: 30,
      visibility: 'desk',
    },
  },
  {
    key: 'mill-bunny',
    company: MILL,
    validDays: 5,
    delivery: [5, 25],
    offer: {
      ...cotton,
      side: 'buy',
      variety: 'bunny',
      quantity: '150',
      price: '56800',
      quality: { staple_mm: { min: '28.5' }, micronaire: { min: '3.5', max: '4.3' } },
      deliveryStateCode: 'TN',
      deliveryCity: 'Tiruppur',
      deliveryTerm: 'for-mill',
      paymentTerm: 'net-15',
      paymentDays: 15,
      visibility: 'desk',
    },
  },
  {
    key: 'trader-buys-v797',
    company: TRADER,
    validDays: 4,
    delivery: [1, 10],
    offer: {
      ...cotton,
      side: 'buy',
      variety: 'v-797',
      quantity: '400',
      price: '52500',
      quality: { staple_mm: { min: '24' }, trash_pct: { max: '4' } },
      deliveryStateCode: 'GJ',
      deliveryCity: 'Amreli',
      deliveryTerm: 'ex-gin',
      paymentTerm: 'advance',
      paymentDays: 0,
      visibility: 'desk',
    },
  },
  {
    key: 'trader-buys-bunny',
    company: TRADER,
    validDays: 6,
    delivery: [5, 20],
    offer: {
      ...cotton,
      side: 'buy',
      variety: 'bunny',
      quantity: '200',
      price: '55800',
      quality: { staple_mm: { min: '28' }, micronaire: { min: '3.6', max: '4.4' } },
      deliveryStateCode: 'TG',
      deliveryCity: 'Adilabad',
      deliveryTerm: 'ex-gin',
      paymentTerm: 'net-15',
      paymentDays: 15,
      visibility: 'desk',
    },
  },
];

/**
 * The trade desk's demo: tested lots, a dozen live offers between the Rajkot trader, the Gondal
 * ginner and the Coimbatore mill, one negotiation waiting for the mill's answer, and one deal the
 * trader closed into a contract with a broker's commission. Made through the services, so the
 * numbering, visibility, quantity and turn rules are the real ones.
 */
export async function seedTradeDesk(ctx: ServiceContext, actors: Map<string, CompanyActor>) {
  const actor = (name: string) => {
    const found = actors.get(name);
    if (!found) throw new Error(`demo company ${name} missing`);
    return found;
  };
  if (!actors.has(TRADER) || !actors.has(GINNER) || !actors.has(MILL)) return;
  const now = ctx.deps.clock.now().getTime();
  const day = (offset: number) => new Date(now + offset * DAY).toISOString().slice(0, 10);

  const lots = new Map<string, string>();
  for (const demo of LOTS) {
    const owner = actor(demo.company);
    const report = await storeUpload(ctx, owner, { filename: `HVI report ${demo.key}.pdf`, content: DEMO_PDF });
    const lot = await createLot(
      ctx,
      owner,
      createLotInput.parse({ ...demo.lot, testedOn: day(-demo.testedDaysAgo), testReportFileId: report.id }),
    );
    lots.set(demo.key, lot.id);
  }

  const offers = new Map<string, string>();
  for (const demo of OFFERS) {
    const [from, to] = demo.delivery ?? [];
    const offer = await createOffer(
      ctx,
      actor(demo.company),
      createOfferInput.parse({
        ...demo.offer,
        lotId: demo.lot ? lots.get(demo.lot) : undefined,
        deliveryFrom: from === undefined ? undefined : day(from),
        deliveryTo: to === undefined ? undefined : day(to),
        validUntil: new Date(now + demo.validDays * DAY).toISOString(),
      }),
    );
    offers.set(demo.key, offer.id);
  }
  const offerId = (key: string) => offers.get(key) ?? '';

  // The trader's broker, kept as a commission structure in its masters.
  const trader = actor(TRADER);
  const mill = actor(MILL);
  const broker = { brokerName: 'Kishor Vora & Co., cotton brokers, Rajkot', basis: 'per_bale', rate: '25', sellerSharePct: '50' } as const;
  await saveCommissionStructure(ctx, trader, saveCommissionStructureInput.parse({ name: 'Rajkot brokerage', ...broker }));

  // A deal on half the trader's Shankar-6: the mill bids, the trader counters with its broker on
  // the deal and the mill accepts. The other 100 bales stay on the desk.
  const dealTerms = {
    price: '56000',
    priceUnit: 'candy',
    currency: 'INR',
    quantity: '100',
    unit: 'bale',
    quality: { staple_mm: { min: '28.5', max: '30' }, micronaire: { min: '3.7', max: '4.1' } },
    deliveryStateCode: 'TN',
    deliveryCity: 'Coimbatore',
    deliveryTerm: 'for-mill',
    deliveryFrom: day(5),
    deliveryTo: day(20),
    paymentTerm: 'net-15',
    paymentDays: 15,
    quantityTolerancePct: '2',
    termsCode: 'cci-standard',
  } as const;
  const bid = await openNegotiation(
    ctx,
    mill,
    openNegotiationInput.parse({
      offerId: offerId('trader-s6'),
      terms: dealTerms,
      message: 'For our December mixing, delivered Coimbatore. Two trucks a week apart.',
    }),
  );
  const countered = await counterNegotiation(
    ctx,
    trader,
    counterNegotiationInput.parse({
      negotiationId: bid.id,
      version: bid.version,
      terms: {
        ...dealTerms,
        price: '56300',
        commission: broker,
        deliverySchedule: [
          { dueFrom: day(5), dueTo: day(10), quantity: '50' },
          { dueFrom: day(14), dueTo: day(20), quantity: '50' },
        ],
      },
      message: 'Freight to Coimbatore is ours at 56,300; brokerage ₹25 a bale, shared.',
    }),
  );
  await acceptNegotiation(ctx, mill, acceptNegotiationInput.parse({ negotiationId: bid.id, version: countered.version }));

  // Still running: the mill bid on the ginner's Shankar-6, the ginner countered; the mill's turn.
  const ginnerTerms = {
    price: '55600',
    priceUnit: 'candy',
    currency: 'INR',
    quantity: '150',
    unit: 'bale',
    quality: { staple_mm: { min: '28.5', max: '29.5' }, micronaire: { min: '3.8', max: '4.2' } },
    deliveryStateCode: 'GJ',
    deliveryCity: 'Gondal',
    deliveryTerm: 'ex-gin',
    deliveryFrom: day(3),
    deliveryTo: day(15),
    paymentTerm: 'net-15',
    paymentDays: 15,
    termsCode: 'cci-standard',
  } as const;
  const running = await openNegotiation(
    ctx,
    mill,
    openNegotiationInput.parse({ offerId: offerId('ginner-s6'), terms: ginnerTerms, message: 'We lift from the gin ourselves.' }),
  );
  await counterNegotiation(
    ctx,
    actor(GINNER),
    counterNegotiationInput.parse({
      negotiationId: running.id,
      version: running.version,
      terms: { ...ginnerTerms, price: '56000', paymentTerm: 'against-delivery', paymentDays: 0 },
      message: '56,000 against delivery; the lot is fresh and tested.',
    }),
  );
}
