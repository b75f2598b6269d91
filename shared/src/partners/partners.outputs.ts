import { z } from 'zod';
import { orderAddress } from '../orders/orders.outputs.ts';
import { pageOf, timestamp } from '../wire.ts';
import { LINK_ACTIONS, LINK_STATUSES } from './link-machine.ts';

const linkStatus = z.enum(LINK_STATUSES);
const linkSide = z.enum(['buyer', 'supplier']);
const verificationStatus = z.enum(['unverified', 'pending', 'verified', 'rejected']);

/** A listed company in the directory, with where the viewer stands with it as a buyer. */
export const directoryEntry = z.strictObject({
  id: z.uuid(),
  name: z.string(),
  country: z.string(),
  isBuyer: z.boolean(),
  isSupplier: z.boolean(),
  verificationStatus,
  cities: z.string().nullable(),
  linkAsBuyer: linkStatus.nullable(),
  linkAsBuyerId: z.uuid().nullable(),
});
export const directoryPage = pageOf(directoryEntry);

/** A link as one of its two companies sees it: the partner is whichever side we are not. */
export const partnerLink = z.strictObject({
  id: z.uuid(),
  status: linkStatus,
  message: z.string().nullable(),
  blockedBy: linkSide.nullable(),
  buyerCompanyId: z.uuid(),
  supplierCompanyId: z.uuid(),
  version: z.number().int(),
  createdAt: timestamp,
  updatedAt: timestamp,
  partnerId: z.uuid(),
  partnerName: z.string(),
  partnerCountry: z.string(),
  partnerVerification: verificationStatus,
  partnerClaimed: z.boolean(),
  partnerContactEmail: z.string().nullable(),
  /** What the partner is to us: the company we buy from is our supplier. */
  partnerRole: linkSide,
  actions: z.array(z.enum(LINK_ACTIONS)),
});
export const partnerLinkPage = pageOf(partnerLink);

export const linkRequested = z.strictObject({ id: z.uuid(), status: linkStatus, supplierId: z.uuid(), version: z.number().int() });
export const linkChanged = z.strictObject({ id: z.uuid(), status: linkStatus, version: z.number().int(), blockedBy: linkSide.nullable() });
export const unclaimedAdded = z.strictObject({ id: z.uuid(), name: z.string(), linkId: z.uuid() });
export const claimInvited = z.strictObject({ invitationId: z.uuid(), email: z.string() });
export const directoryListing = z.strictObject({ listed: z.boolean() });

/** Link requests waiting for the company's decision. */
export const waitingLinkRequests = z.strictObject({ count: z.number().int().nonnegative() });

/** A linked buyer's branches, as addresses an order can ship to. */
export const buyerBranches = z.array(orderAddress);
