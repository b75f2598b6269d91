import { z } from 'zod';
import { currencyCode, id, pageCursor, quantity, rowVersion, sortDirection, unitPrice } from '../common.ts';

const sku = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'may use letters, digits and . _ / - only');
const code = z.string().trim().min(1).max(40);

const hsnCode = z
  .string()
  .trim()
  .regex(/^\d{4,8}$/, 'must be a 4 to 8 digit HSN code');

// No `.default()` here: zod 4 applies defaults even under `.partial()`, so a default on a shared
// field would reset it on every update that leaves it out. Only the create schema adds defaults.
export const productFields = z.object({
  sku,
  name: z.string().trim().min(1, 'is required').max(200),
  description: z.string().trim().max(4000),
  commodityCode: code.optional(),
  unit: code,
  hsnCode: hsnCode.optional(),
  price: unitPrice(),
  currency: currencyCode,
  minOrderQuantity: quantity(),
  active: z.boolean(),
});

export const createProductInput = productFields.extend({
  description: productFields.shape.description.default(''),
  minOrderQuantity: productFields.shape.minOrderQuantity.default('0'),
  active: productFields.shape.active.default(true),
});
/** Changes only the fields it names; `null` clears an optional reference. */
export const updateProductInput = productFields
  .extend({ commodityCode: code.nullable(), hsnCode: hsnCode.nullable() })
  .partial()
  .extend({ productId: id, version: rowVersion });
export const productIdInput = z.object({ productId: id });

/** Columns our own catalog sorts by on the server; by name (A to Z) unless another is asked for. */
export const PRODUCT_SORT_KEYS = ['name', 'sku', 'price', 'updated'] as const;
export type ProductSortKey = (typeof PRODUCT_SORT_KEYS)[number];
export const productListInput = z.object({
  search: z.string().trim().max(100).optional(),
  active: z.boolean().optional(),
  sort: z.enum(PRODUCT_SORT_KEYS).default('name'),
  // Not `direction`: tRPC's infinite queries reserve that name for their paging direction.
  sortDirection: sortDirection.default('asc'),
  cursor: pageCursor.optional(),
  limit: z.number().int().min(1).max(100).default(25),
});

export const browseCatalogInput = z.object({
  supplierId: id,
  search: z.string().trim().max(100).optional(),
  commodityCode: code.optional(),
  cursor: pageCursor.optional(),
  limit: z.number().int().min(1).max(100).default(25),
});

export const importCatalogInput = z.object({
  csv: z.string().min(1, 'is empty').max(1_000_000, 'is larger than 1 MB; split the file'),
  dryRun: z.boolean().default(true),
});

export type CreateProductInput = z.infer<typeof createProductInput>;
export type UpdateProductInput = z.infer<typeof updateProductInput>;
export type ProductListInput = z.infer<typeof productListInput>;
export type BrowseCatalogInput = z.infer<typeof browseCatalogInput>;
export const productAttachmentInput = z.object({ productId: id, fileId: id });
