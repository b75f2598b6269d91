import { z } from 'zod';
import { pageOf, timestamp } from '../wire.ts';

/** One audit row: who (a user or an API key) did what to which entity, before and after. */
export const auditEntry = z.strictObject({
  id: z.number().int(),
  occurredAt: timestamp,
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  /** The record as people know it (PO-2026-000005, a member's name), or null when it has none. */
  entityLabel: z.string().nullable(),
  actorUserId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  actorApiKeyId: z.uuid().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
});
export const auditPage = pageOf(auditEntry);

export type AuditRow = z.infer<typeof auditEntry>;
