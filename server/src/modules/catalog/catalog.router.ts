import {
  browseCatalogInput,
  createProductInput,
  importCatalogInput,
  productAttachmentInput,
  productIdInput,
  productListInput,
  updateProductInput,
} from '@tradeloom/shared';
import { router } from '../../trpc/init.ts';
import { companyProcedure } from '../../trpc/procedures.ts';
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

export const catalogRouter = router({
  products: router({
    list: companyProcedure('catalog:read')
      .input(productListInput)
      .query(({ ctx, input }) => listOwnProducts(ctx, ctx.actor, input)),
    get: companyProcedure('catalog:read')
      .input(productIdInput)
      .query(({ ctx, input }) => getOwnProduct(ctx, ctx.actor, input.productId)),
    create: companyProcedure('catalog:write')
      .input(createProductInput)
      .mutation(({ ctx, input }) => createProduct(ctx, ctx.actor, input)),
    update: companyProcedure('catalog:write')
      .input(updateProductInput)
      .mutation(({ ctx, input }) => updateProduct(ctx, ctx.actor, input)),
    attachments: companyProcedure('catalog:read')
      .input(productIdInput)
      .query(({ ctx, input }) => listAttachments(ctx, ctx.actor, input.productId)),
    attach: companyProcedure('catalog:write')
      .input(productAttachmentInput)
      .mutation(({ ctx, input }) => attachFile(ctx, ctx.actor, input)),
    detach: companyProcedure('catalog:write')
      .input(productAttachmentInput)
      .mutation(({ ctx, input }) => detachFile(ctx, ctx.actor, input)),
  }),
  import: companyProcedure('catalog:write')
    .input(importCatalogInput)
    .mutation(({ ctx, input }) => importCatalog(ctx, ctx.actor, input)),
  browse: companyProcedure('catalog:read')
    .input(browseCatalogInput)
    .query(({ ctx, input }) => browseCatalog(ctx, ctx.actor, input)),
  masters: companyProcedure('catalog:read').query(({ ctx }) => listMasters(ctx)),
});
