import type { LotView } from '@tradeloom/shared';
import { trimZeros } from '../../lib/format.ts';
import { wholeNumber } from './offer-draft.ts';

// A lot as its form holds it: strings, '' for an empty box, names as `createLotInput` has them so
// the server's errors (`quality.values.staple_mm`) land under the right input.

export interface LotDraft {
  commodityCode: string;
  varietyCode: string;
  bales: string;
  netWeightKg: string;
  stateCode: string;
  city: string;
  warehouse: string;
  cropYear: string;
  /** HVI results by parameter code; an empty box is not measured. */
  quality: { values: Record<string, string>; colourGrade: string };
  labName: string;
  testedOn: string;
  testReportFileId: string;
  notes: string;
}

/** The cotton season runs October to September: in November 2026 the crop is 2026-27. */
export function currentCropYear(now: Date): string {
  const start = now.getMonth() >= 9 ? now.getFullYear() : now.getFullYear() - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

export const emptyLotDraft = (now: Date): LotDraft => ({
  commodityCode: 'cotton-lint',
  varietyCode: '',
  bales: '',
  netWeightKg: '',
  stateCode: '',
  city: '',
  warehouse: '',
  cropYear: currentCropYear(now),
  quality: { values: {}, colourGrade: '' },
  labName: '',
  testedOn: '',
  testReportFileId: '',
  notes: '',
});

/** A saved lot back in its form (numbers without trailing zeros). */
export function draftFromLot(lot: LotView): LotDraft {
  return {
    commodityCode: lot.commodityCode,
    varietyCode: lot.varietyCode ?? '',
    bales: String(lot.bales),
    netWeightKg: trimZeros(lot.netWeightKg),
    stateCode: lot.stateCode,
    city: lot.city,
    warehouse: lot.warehouse ?? '',
    cropYear: lot.cropYear,
    quality: {
      values: Object.fromEntries(Object.entries(lot.quality.values).map(([code, value]) => [code, trimZeros(value)])),
      colourGrade: lot.quality.colourGrade ?? '',
    },
    labName: lot.labName ?? '',
    testedOn: lot.testedOn ?? '',
    testReportFileId: lot.testReport?.fileId ?? '',
    notes: lot.notes ?? '',
  };
}

const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());

/** What `tradedesk.lots.create` and `update` take: empty boxes left out, unmeasured parameters dropped. */
export function lotInput(draft: LotDraft) {
  const values = Object.entries(draft.quality.values)
    .map(([code, value]) => [code, value.trim()] as const)
    .filter(([, value]) => value !== '');
  return {
    commodityCode: draft.commodityCode,
    varietyCode: optional(draft.varietyCode),
    bales: wholeNumber(draft.bales) as number,
    netWeightKg: draft.netWeightKg.trim(),
    stateCode: draft.stateCode,
    city: draft.city.trim(),
    warehouse: optional(draft.warehouse),
    cropYear: draft.cropYear.trim(),
    quality: { values: Object.fromEntries(values), colourGrade: optional(draft.quality.colourGrade) },
    labName: optional(draft.labName),
    testedOn: optional(draft.testedOn),
    testReportFileId: optional(draft.testReportFileId),
    notes: optional(draft.notes),
  };
}
