import { z } from 'zod';
import { decimal, pageOf, timestamp } from '../wire.ts';

/** A product as its supplier keeps it, and as a linked buyer browses it (active ones only). */
export const product = z.strictObject({
  id: z.uuid(),
  sku: z.string(),
  name: z.string(),
  description: z.string(),
  commodityCode: z.string().nullable(),
  unit: z.string(),
  hsnCode: z.string().nullable(),
  /** GST rate of the product's HSN code, if it has one. */
  gstRate: decimal.nullable(),
  price: decimal,
  currency: z.string(),
  minOrderQuantity: decimal,
  active: z.boolean(),
  version: z.number().int(),
  updatedAt: timestamp,
});
export const productPage = pageOf(product);
export const supplierCatalogPage = productPage.extend({ supplierName: z.string() });

export const productAttachment = z.strictObject({
  fileId: z.uuid(),
  filename: z.string(),
  mime: z.string(),
  sizeBytes: z.number().int(),
});

/** Units, HSN codes (with their GST rate) and commodities the catalog and orders refer to. */
export const catalogMasters = z.strictObject({
  units: z.array(z.strictObject({ code: z.string(), name: z.string(), kind: z.enum(['mass', 'length', 'count', 'area', 'volume']) })),
  hsnCodes: z.array(z.strictObject({ code: z.string(), description: z.string(), gstRate: decimal })),
  commodities: z.array(z.strictObject({ code: z.string(), name: z.string(), qualityParameters: z.unknown() })),
});

/** What a CSV import found (a dry run) or did: counts and every refused cell. */
export const importReport = z.strictObject({
  rows: z.number().int(),
  creates: z.number().int(),
  updates: z.number().int(),
  unchanged: z.number().int(),
  errors: z.array(z.strictObject({ row: z.number().int(), column: z.string(), message: z.string() })),
  applied: z.boolean(),
});

export type Product = z.infer<typeof product>;
export type ImportReport = z.infer<typeof importReport>;
