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

/** One step in a record's history as its detail page shows it: when, what, by whom and which company. */
export const entityHistoryEntry = z.strictObject({
  id: z.number().int(),
  occurredAt: timestamp,
  action: z.string(),
  after: z.unknown(),
  actorName: z.string().nullable(),
  companyName: z.string(),
});

export type AuditRow = z.infer<typeof auditEntry>;
