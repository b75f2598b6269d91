import { z } from 'zod';
import { id, pageCursor } from '../common.ts';

// Inputs of `contracts.*`: the two-sided contracts trade-desk deals become.

export const CONTRACT_STATUSES = ['active', 'completed', 'cancelled'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];
export const CONTRACT_STATUS_LABELS: Record<ContractStatus, string> = { active: 'Active', completed: 'Completed', cancelled: 'Cancelled' };

export const contractIdInput = z.object({ contractId: id });
export const contractListInput = z.object({
  /** `sales`: the caller sells (its SC- numbers); `purchases`: it buys (PC-). */
  role: z.enum(['all', 'sales', 'purchases']).default('all'),
  status: z.enum(CONTRACT_STATUSES).optional(),
  q: z.string().trim().max(100).optional(),
  cursor: pageCursor.optional(),
  limit: z.number().int().min(1).max(100).default(25),
});
