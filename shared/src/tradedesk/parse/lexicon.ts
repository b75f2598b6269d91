import type { OfferSide } from '../negotiation-machine.ts';
import type { HviParameter } from '../quality.ts';
import type { TradeUnit } from '../units.ts';

// The trade's own words, built in: what side, unit, price, quality and payment look like in
// messages written on a phone, in English and in the Hindi/Gujarati the cotton trade mixes in.
// Names that vary by company (varieties, places, terms) come from the vocabulary instead.

export const SIDE_WORDS: Record<string, OfferSide> = Object.fromEntries([
  ...['sell', 'selling', 'seller', 'sellers', 'sale', 'offer', 'offering', 'offered', 'avl', 'avbl', 'avail', 'available', 'availability']
    .concat(['bechna', 'bechni', 'bechne', 'bechenge', 'becho', 'bechte', 'bikau', 'बेचना', 'बेचनी', 'बिक्री', 'उपलब्ध'])
    .map((word) => [word, 'sell' as const]),
  ...['buy', 'buying', 'buyer', 'buyers', 'need', 'needed', 'needs', 'reqd', 'req', 'requirement', 'required', 'require', 'requires']
    .concat(['want', 'wanted', 'wants', 'purchase', 'purchasing', 'enquiry', 'inquiry', 'looking'])
    .concat(['lena', 'leni', 'lene', 'chahiye', 'chaiye', 'chahie', 'kharid', 'kharidna', 'kharidni'])
    .concat(['चाहिए', 'चाहिये', 'आवश्यक', 'जरूरत', 'ज़रूरत', 'खरीदना', 'लेना'])
    .map((word) => [word, 'buy' as const]),
]);
/** Weaker hints of a seller, read only when no side word appears: "we have", "ready stock". */
export const WEAK_SELL_WORDS = new Set(['have', 'stock', 'ready']);

/** Units of quantity; `ton` is read as 1,000 kg. */
export const UNIT_WORDS: Record<string, TradeUnit | 'ton'> = Object.fromEntries([
  ...['bale', 'bales', 'bails', 'bls', 'gaanth', 'gaanthe', 'ganth', 'gath', 'gathan', 'gathri', 'गांठ', 'गाँठ'].map((w) => [
    w,
    'bale' as const,
  ]),
  ...['candy', 'candies', 'candi', 'khandi', 'khandis', 'khandies', 'kandi', 'khandy', 'खंडी', 'खांडी'].map((w) => [w, 'candy' as const]),
  ...['qtl', 'qtls', 'quintal', 'quintals', 'qntl', 'qntls', 'qt'].map((w) => [w, 'qtl' as const]),
  ...['kg', 'kgs', 'kilo', 'kilos', 'kilogram', 'kilograms'].map((w) => [w, 'kg' as const]),
  ...['mt', 'ton', 'tons', 'tonne', 'tonnes'].map((w) => [w, 'ton' as const]),
]);
/** One-letter shorthands read only right after a number: "100 B", "100b". */
export const SHORT_UNIT_WORDS: Record<string, TradeUnit> = { b: 'bale' };

/** Words that multiply the number before them: "56.5k", "1.25 lakh". */
export const MULTIPLIERS: Record<string, string> = {
  k: '1000',
  thousand: '1000',
  hazar: '1000',
  lakh: '100000',
  lakhs: '100000',
  lac: '100000',
  lacs: '100000',
  cr: '10000000',
  crore: '10000000',
};

/** Words before a price: "₹56,500", "Rs. 56500/-", "@56500", "rate 56500", "bhav 55500". */
export const PRICE_MARKERS = new Set(['₹', 'rs', 'inr', 'rate', 'rates', 'price', 'bhav', 'bhaav', 'bhaw', 'bhao', '@', 'usd', '$']);
/** Filler a price marker may be followed by before the amount. */
export const PRICE_FILLERS = new Set([':', '-', '.', '=', 'upto', 'around', 'approx', 'about', 'is', 'of', 'rs', '₹', 'only']);
/** "pc" and "pk" as traders shorten "per candy" and "per kg". */
export const PER_UNIT_SHORTHANDS: Record<string, TradeUnit> = { pc: 'candy', pk: 'candy', pkg: 'kg', pq: 'qtl' };

export type Bound = 'min' | 'max';
/** Words that make a quality value a bound: "min 29", "29+", "trash max 3", "below 3%". */
export const BOUND_WORDS: Record<string, Bound> = {
  min: 'min',
  minimum: 'min',
  above: 'min',
  over: 'min',
  plus: 'min',
  '+': 'min',
  '>': 'min',
  atleast: 'min',
  max: 'max',
  maximum: 'max',
  below: 'max',
  under: 'max',
  upto: 'max',
  '<': 'max',
  within: 'max',
};

export interface QualityKey {
  parameter: HviParameter;
  /** Tokens in lower case: `['+', 'b']`, `['g', '/', 'tex']`. */
  words: string[];
  /** A unit is read only after a number ("29 mm"), a name before or after ("mic 3.8", "3.8 mic"). */
  unitOnly?: boolean;
}
const key = (parameter: HviParameter, names: string[], unitOnly = false): QualityKey[] =>
  names.map((name) => ({ parameter, words: name.split(' '), unitOnly }));
export const QUALITY_KEYS: QualityKey[] = [
  ...key('staple_mm', ['staple', 'stpl', 'stapel', 'len', 'length', 'lgth', 'sl', 'staple length']),
  ...key('staple_mm', ['mm'], true),
  ...key('micronaire', ['mic', 'mike', 'micronaire', 'micro', 'mik', 'mc']),
  ...key('strength_gpt', ['gpt', 'g / tex', 'gtex', 'strength', 'str', 'tenacity']),
  ...key('uniformity_pct', ['ui', 'uniformity', 'unf', 'unif', 'u . i', 'ur']),
  ...key('trash_pct', ['trash', 'trash content']),
  ...key('moisture_pct', ['moisture', 'moist', 'mois', 'mst', 'moisture content']),
  ...key('rd', ['rd']),
  ...key('plus_b', ['+ b', 'b +', 'plusb', 'plus b', 'yellowness']),
].sort((a, b) => b.words.length - a.words.length);
/** Units a value may carry between a name and its number: "trash 2.5%", "staple 29 mm". */
export const QUALITY_UNITS: Partial<Record<HviParameter, string[]>> = {
  staple_mm: ['mm'],
  strength_gpt: ['gpt'],
  uniformity_pct: ['%'],
  trash_pct: ['%'],
  moisture_pct: ['%'],
};

/**
 * Values a parameter can take at all (the masters' allowed ranges): a number outside is not that
 * parameter, which is how "staple 29 mic 3.8" gives 29 to staple and 3.8 to mic.
 */
export const PLAUSIBLE: Record<HviParameter, [number, number]> = {
  staple_mm: [20, 40],
  micronaire: [2.5, 6],
  strength_gpt: [20, 40],
  uniformity_pct: [75, 90],
  trash_pct: [0, 10],
  moisture_pct: [0, 12],
  rd: [60, 85],
  plus_b: [5, 15],
};
/** Where a bare "min"/"max" between two values more likely belongs: a longer staple is better, less trash is. */
export const BETTER_WHEN: Record<HviParameter, Bound | null> = {
  staple_mm: 'min',
  micronaire: null,
  strength_gpt: 'min',
  uniformity_pct: 'min',
  trash_pct: 'max',
  moisture_pct: 'max',
  rd: 'min',
  plus_b: 'max',
};

export const DAY_WORDS = new Set(['day', 'days', 'din', 'dn', 'dys', 'd']);
export const HOUR_WORDS = new Set(['hr', 'hrs', 'hour', 'hours', 'ghante', 'ghanta']);
export const VALIDITY_WORDS = new Set(['valid', 'validity', 'vaild', 'valdity', 'validty']);
export const PAYMENT_WORDS = new Set(['payment', 'pay', 'pymt', 'pmt', 'paymt', 'credit', 'net', 'udhar', 'udhaar', 'dhara']);
/** Payment without credit: days 0. */
export const NO_CREDIT_PAYMENTS: string[][] = [
  ['advance'],
  ['adv'],
  ['cash'],
  ['spot'],
  ['nagad'],
  ['nakad'],
  ['cod'],
  ['against', 'delivery'],
  ['against', 'dispatch'],
  ['against', 'documents'],
  ['on', 'delivery'],
];
/** Words before "N days" that make it something other than credit: "delivery 15 days". */
export const NOT_PAYMENT_BEFORE = new Set(['delivery', 'del', 'lifting', 'dispatch', 'shipment', 'within', 'in']);
/** …and after it: "15 days delivery", "10 days lifting". */
export const NOT_PAYMENT_AFTER = new Set(['delivery', 'del', 'lifting', 'dispatch', 'shipment']);

export const DELIVERY_MARKERS = new Set(['ex', 'del', 'delivery', 'delivered', 'dlvd', 'dlv', 'deliver', 'for', 'at', 'from', 'f']);
export const CITY_SUFFIXES = new Set(['delivery', 'del', 'dlvd', 'delivered', 'origin', 'yard', 'mandi', 'station', 'basis']);

/** Explicit commodity words; `kapas` (seed cotton before ginning) has no commodity of its own yet. */
export const COMMODITY_WORDS: { words: string[]; commodity: string }[] = [
  { words: ['cotton', 'seed'], commodity: 'cotton-seed' },
  { words: ['cotton', 'seeds'], commodity: 'cotton-seed' },
  { words: ['cottonseed'], commodity: 'cotton-seed' },
  { words: ['binola'], commodity: 'cotton-seed' },
  { words: ['binaula'], commodity: 'cotton-seed' },
  { words: ['cotton', 'yarn'], commodity: 'cotton-yarn' },
  { words: ['yarn'], commodity: 'cotton-yarn' },
  { words: ['cotton', 'lint'], commodity: 'cotton-lint' },
  { words: ['raw', 'cotton'], commodity: 'cotton-lint' },
  { words: ['cotton'], commodity: 'cotton-lint' },
  { words: ['lint'], commodity: 'cotton-lint' },
  { words: ['rui'], commodity: 'cotton-lint' },
  { words: ['रुई'], commodity: 'cotton-lint' },
  { words: ['kapas'], commodity: '' },
  { words: ['कपास'], commodity: '' },
];

export const NEW_CROP: string[][] = [
  ['new', 'crop'],
  ['new', 'season'],
  ['current', 'crop'],
  ['nayi', 'fasal'],
  ['naya', 'maal'],
];
export const OLD_CROP: string[][] = [
  ['old', 'crop'],
  ['last', 'season'],
  ['purana', 'maal'],
  ['purani', 'fasal'],
];

/** Words that carry nothing for the offer: left out of what is reported as unread. */
export const FILLER_WORDS = new Set(
  (
    'a an the of and or with for in on at to is are be it its we i our us you your my me pls please plz kindly sir ji dear hi hello ' +
    'good morning evening regards thanks thx hai h he ka ki ke ko se me mein bhi aur koi ek only also any best quote rate ' +
    'contact call msg whatsapp interested party from this that so no lot lots qty quantity approx about around available'
  ).split(' '),
);
