import { z } from 'zod';
import { boundedDateTime, id, rowIdCursor, sortDirection } from '../common.ts';

export const auditListInput = z.object({
  action: z.string().trim().max(80).optional(),
  entityType: z.string().trim().max(80).optional(),
  actorUserId: id.optional(),
  from: boundedDateTime.optional(),
  to: boundedDateTime.optional(),
  // Newest first unless asked otherwise. Not `direction`: tRPC's infinite queries reserve that name.
  sortDirection: sortDirection.default('desc'),
  cursor: rowIdCursor.optional(),
  limit: z.number().int().min(1).max(100).default(50),
});
export type AuditListInput = z.infer<typeof auditListInput>;
