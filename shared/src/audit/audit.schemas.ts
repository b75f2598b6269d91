import { z } from 'zod';
import { boundedDateTime, id, rowIdCursor } from '../common.ts';

export const auditListInput = z.object({
  action: z.string().trim().max(80).optional(),
  entityType: z.string().trim().max(80).optional(),
  actorUserId: id.optional(),
  from: boundedDateTime.optional(),
  to: boundedDateTime.optional(),
  cursor: rowIdCursor.optional(),
  limit: z.number().int().min(1).max(100).default(50),
});
export type AuditListInput = z.infer<typeof auditListInput>;
