import { z } from 'zod';
import { decimalString } from '../common.ts';

// Quality as the cotton trade states it. A lot carries measured HVI results; an offer asks for
// ranges. Parameter codes are the masters' (`quality_parameters.code`), e.g. staple_mm, micronaire.

/** The HVI parameters of a cotton lot, in the order a test report lists them. */
export const HVI_PARAMETERS = [
  'staple_mm',
  'micronaire',
  'strength_gpt',
  'uniformity_pct',
  'trash_pct',
  'moisture_pct',
  'rd',
  'plus_b',
] as const;
export type HviParameter = (typeof HVI_PARAMETERS)[number];

export const HVI_LABELS: Record<HviParameter, { name: string; unit: string }> = {
  staple_mm: { name: 'Staple length', unit: 'mm' },
  micronaire: { name: 'Micronaire', unit: '' },
  strength_gpt: { name: 'Strength', unit: 'g/tex' },
  uniformity_pct: { name: 'Uniformity', unit: '%' },
  trash_pct: { name: 'Trash', unit: '%' },
  moisture_pct: { name: 'Moisture', unit: '%' },
  rd: { name: 'Reflectance (Rd)', unit: '' },
  plus_b: { name: 'Yellowness (+b)', unit: '' },
};

const measurement = () => decimalString({ precision: 8, scale: 3 });
const parameterCode = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be a quality parameter code like staple_mm');

/** A lot's lab results: measured values by parameter code, and the colour grade (e.g. "31-1"). */
export const lotQualityInput = z.strictObject({
  values: z.record(parameterCode, measurement()).default({}),
  colourGrade: z
    .string()
    .trim()
    .regex(/^\d{2}-\d$/, 'must be a colour grade like 31-1')
    .optional(),
});
export type LotQualityInput = z.input<typeof lotQualityInput>;

/** A range one parameter must fall in; either end may be open. */
export const qualityRangeInput = z
  .strictObject({ min: measurement().optional(), max: measurement().optional() })
  .refine((range) => range.min !== undefined || range.max !== undefined, 'give a minimum, a maximum or both')
  .refine((range) => range.min === undefined || range.max === undefined || Number(range.min) <= Number(range.max), {
    path: ['max'],
    message: 'must not be below the minimum',
  });

/** An offer's quality: ranges by parameter code, e.g. `{ staple_mm: { min: '28.5', max: '30' } }`. */
export const qualityRangesInput = z.record(parameterCode, qualityRangeInput);
export type QualityRanges = z.output<typeof qualityRangesInput>;
