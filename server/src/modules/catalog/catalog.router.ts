import {
  browseCatalogInput,
  catalogMasters,
  createProductInput,
  importCatalogInput,
  importReport,
  noContent,
  product,
  productAttachment,
  productAttachmentInput,
  productIdInput,
  productListInput,
  productPage,
  supplierCatalogPage,
  updateProductInput,
} from '@tradeloom/shared';
import { z } from 'zod';
import { router } from '../../trpc/init.ts';
import { companyProcedure } from '../../trpc/procedures.ts';
import { restRoutes } from '../../trpc/rest-route.ts';
import {
  attachFile,
  browseCatalog,
  createProduct,
  detachFile,
  getOwnProduct,
  listAttachments,
  listMasters,
  listOwnProducts,
  updateProduct,
} from './catalog.service.ts';
import { importCatalog } from './catalog-import.service.ts';

const rest = restRoutes('Catalog');

export const catalogRouter = router({
  products: router({
    list: companyProcedure('catalog:read', rest.get('/products', 'List own products'))
      .input(productListInput)
      .output(productPage)
      .query(({ ctx, input }) => listOwnProducts(ctx, ctx.actor, input)),
    get: companyProcedure('catalog:read', rest.get('/products/{productId}', 'Get a product'))
      .input(productIdInput)
      .output(product)
      .query(({ ctx, input }) => getOwnProduct(ctx, ctx.actor, input.productId)),
    create: companyProcedure('catalog:write', rest.post('/products', 'Create a product'))
      .input(createProductInput)
      .output(product)
      .mutation(({ ctx, input }) => createProduct(ctx, ctx.actor, input)),
    update: companyProcedure('catalog:write', rest.patch('/products/{productId}', 'Change a product'))
      .input(updateProductInput)
      .output(product)
      .mutation(({ ctx, input }) => updateProduct(ctx, ctx.actor, input)),
    attachments: companyProcedure('catalog:read')
      .input(productIdInput)
      .output(z.array(productAttachment))
      .query(({ ctx, input }) => listAttachments(ctx, ctx.actor, input.productId)),
    attach: companyProcedure('catalog:write')
      .input(productAttachmentInput)
      .output(noContent)
      .mutation(({ ctx, input }) => attachFile(ctx, ctx.actor, input)),
    detach: companyProcedure('catalog:write')
      .input(productAttachmentInput)
      .output(noContent)
      .mutation(({ ctx, input }) => detachFile(ctx, ctx.actor, input)),
  }),
  import: companyProcedure('catalog:write')
    .input(importCatalogInput)
    .output(importReport)
    .mutation(({ ctx, input }) => importCatalog(ctx, ctx.actor, input)),
  browse: companyProcedure('catalog:read')
    .input(browseCatalogInput)
    .output(supplierCatalogPage)
    .query(({ ctx, input }) => browseCatalog(ctx, ctx.actor, input)),
  masters: companyProcedure('catalog:read')
    .output(catalogMasters)
    .query(({ ctx }) => listMasters(ctx)),
});
