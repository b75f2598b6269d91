import { z } from 'zod';
import { countryCode, email, id, name, pageCursor, pageInput, rowIdCursor, sortDirection } from '../common.ts';
import { isValidGstin } from '../gstin.ts';
import { LINK_STATUSES } from './link-machine.ts';

export const requestLinkInput = z.object({
  supplierId: id,
  message: z.string().trim().max(1000).optional(),
});
export const decideLinkInput = z.object({
  linkId: id,
  decision: z.enum(['accept', 'deny', 'block'], { error: 'must be accept, deny or block' }),
});
export const linkActionInput = z.object({ linkId: id });

/** Columns the partners list sorts by on the server; `created` (newest link first) is the default. */
export const PARTNER_SORT_KEYS = ['created', 'name'] as const;
export type PartnerSortKey = (typeof PARTNER_SORT_KEYS)[number];
export const partnerListInput = pageInput.extend({
  view: z.enum(['linked', 'incoming', 'outgoing', 'blocked', 'all']).default('all'),
  status: z.enum(LINK_STATUSES).optional(),
  search: z.string().trim().max(100).optional(),
  sort: z.enum(PARTNER_SORT_KEYS).default('created'),
  // Not `direction`: tRPC's infinite queries reserve that name for their paging direction.
  sortDirection: sortDirection.default('desc'),
});

export const directoryInput = z.object({
  search: z.string().trim().max(100).optional(),
  location: z.string().trim().max(100).optional(),
  verification: z.enum(['unverified', 'pending', 'verified', 'rejected']).optional(),
  role: z.enum(['buyer', 'supplier']).optional(),
  // Suppliers with an active product of this commodity.
  commodity: z.string().trim().max(40).optional(),
  cursor: pageCursor.optional(),
  limit: z.number().int().min(1).max(50).default(20),
});

export const addUnclaimedInput = z
  .object({
    name: name(120),
    country: countryCode,
    taxId: z.string().trim().toUpperCase().max(40).optional(),
    contactEmail: email.optional(),
    // What the counterparty is to us: the company we buy from, or sell to.
    relationship: z.enum(['supplier', 'buyer'], { error: 'must be supplier or buyer' }),
  })
  .superRefine((value, ctx) => {
    if (value.country === 'IN' && value.taxId && !isValidGstin(value.taxId)) {
      ctx.addIssue({ code: 'custom', path: ['taxId'], message: 'is not a valid GSTIN (check the 15 characters and the check digit)' });
    }
  });
export const inviteToClaimInput = z.object({ companyId: id, email: email.optional() });
export const directoryListingInput = z.object({ listed: z.boolean() });

export const notificationListInput = z.object({
  unreadOnly: z.boolean().default(false),
  cursor: rowIdCursor.optional(),
  limit: z.number().int().min(1).max(100).default(20),
});
export const markReadInput = z.object({ ids: z.array(z.number().int().positive()).max(100).optional() });

/** A linked buyer whose branches a supplier may ship an order to. */
export const buyerBranchesInput = z.object({ buyerId: id });

export type PartnerListInput = z.infer<typeof partnerListInput>;
export type DirectoryInput = z.infer<typeof directoryInput>;
export type AddUnclaimedInput = z.infer<typeof addUnclaimedInput>;
