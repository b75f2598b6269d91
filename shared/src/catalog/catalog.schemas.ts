import { z } from 'zod';
import { currencyCode, id, pageCursor, quantity, rowVersion, unitPrice } from '../common.ts';

const sku = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'may use letters, digits and . _ / - only');
const code = z.string().trim().min(1).max(40);

export const productFields = z.object({
  sku,
  name: z.string().trim().min(1, 'is required').max(200),
  description: z.string().trim().max(4000).default(''),
  commodityCode: code.optional(),
  unit: code,
  hsnCode: z
    .string()
    .trim()
    .regex(/^\d{4,8}$/, 'must be a 4 to 8 digit HSN code')
    .optional(),
  price: unitPrice(),
  currency: currencyCode,
  minOrderQuantity: quantity().default('0'),
  active: z.boolean().default(true),
});

export const createProductInput = productFields;
export const updateProductInput = productFields.partial().extend({ productId: id, version: rowVersion });
export const productIdInput = z.object({ productId: id });

export const productListInput = z.object({
  search: z.string().trim().max(100).optional(),
  active: z.boolean().optional(),
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
