import type { ParserVocabulary, VocabularyLocation } from '@tradeloom/shared';

// The platform's default masters of migration 0018 as a parser vocabulary, for the pure parser's
// tests and the bench. parse-router.test.ts checks that the server builds the same vocabulary from
// a fresh database, so this copy cannot drift from the migration unnoticed.

const states: [string, string][] = [
  ['GJ', 'Gujarat'],
  ['MH', 'Maharashtra'],
  ['TG', 'Telangana'],
  ['AP', 'Andhra Pradesh'],
  ['MP', 'Madhya Pradesh'],
  ['RJ', 'Rajasthan'],
  ['PB', 'Punjab'],
  ['HR', 'Haryana'],
  ['KA', 'Karnataka'],
  ['TN', 'Tamil Nadu'],
  ['OD', 'Odisha'],
];
const cities: [string, string][] = [
  ['Rajkot', 'GJ'],
  ['Gondal', 'GJ'],
  ['Ahmedabad', 'GJ'],
  ['Kadi', 'GJ'],
  ['Amreli', 'GJ'],
  ['Bhavnagar', 'GJ'],
  ['Surat', 'GJ'],
  ['Akola', 'MH'],
  ['Jalna', 'MH'],
  ['Aurangabad', 'MH'],
  ['Yavatmal', 'MH'],
  ['Mumbai', 'MH'],
  ['Adilabad', 'TG'],
  ['Warangal', 'TG'],
  ['Guntur', 'AP'],
  ['Khargone', 'MP'],
  ['Bathinda', 'PB'],
  ['Sirsa', 'HR'],
  ['Coimbatore', 'TN'],
  ['Tiruppur', 'TN'],
  ['Hubli', 'KA'],
];

export const PLATFORM_VOCABULARY: ParserVocabulary = {
  varieties: [
    { code: 'shankar-6', commodityCode: 'cotton-lint', name: 'Shankar-6', aliases: ['S-6', 'S6', 'Shankar 6', 'Sankar-6'] },
    { code: 'mcu-5', commodityCode: 'cotton-lint', name: 'MCU-5', aliases: ['MCU5', 'MCU 5'] },
    { code: 'dch-32', commodityCode: 'cotton-lint', name: 'DCH-32', aliases: ['DCH32', 'DCH 32'] },
    { code: 'j-34', commodityCode: 'cotton-lint', name: 'J-34', aliases: ['J34', 'J 34'] },
    { code: 'bunny', commodityCode: 'cotton-lint', name: 'Bunny / Brahma', aliases: ['Bunny', 'Brahma', 'BB'] },
    { code: 'v-797', commodityCode: 'cotton-lint', name: 'V-797', aliases: ['V797', 'V 797'] },
    { code: 'h-4', commodityCode: 'cotton-lint', name: 'H-4', aliases: ['H4', 'H 4'] },
    { code: 'mech-1', commodityCode: 'cotton-lint', name: 'MECH-1', aliases: ['MECH1', 'MECH 1'] },
    { code: 'lra-5166', commodityCode: 'cotton-lint', name: 'LRA-5166', aliases: ['LRA5166', 'LRA'] },
  ],
  locations: [
    ...states.map(([code, name]): VocabularyLocation => ({ kind: 'state', name, stateCode: code, city: null })),
    ...cities.map(([name, stateCode]): VocabularyLocation => ({ kind: 'city', name, stateCode, city: name })),
  ],
  terms: [
    { kind: 'delivery', code: 'ex-gin', name: 'Ex-gin', paymentDays: null },
    { kind: 'delivery', code: 'ex-warehouse', name: 'Ex-warehouse', paymentDays: null },
    { kind: 'delivery', code: 'for-mill', name: "FOR buyer's mill", paymentDays: null },
    { kind: 'payment', code: 'advance', name: 'Advance', paymentDays: 0 },
    { kind: 'payment', code: 'against-delivery', name: 'Against delivery', paymentDays: 0 },
    { kind: 'payment', code: 'net-15', name: '15 days', paymentDays: 15 },
    { kind: 'payment', code: 'net-30', name: '30 days', paymentDays: 30 },
    { kind: 'sale', code: 'cci-standard', name: 'CCI standard terms of sale', paymentDays: null },
  ],
};
