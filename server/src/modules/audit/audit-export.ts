import { auditListInput } from '@tradeloom/shared';
import { csvExport } from '../../http/csv-exports.routes.ts';
import { listAudit } from './audit.service.ts';

/** The audit log as CSV: same filters, same rows as the screen; before/after as JSON text. */
export const auditCsv = csvExport({
  name: 'audit',
  permission: 'audit:read',
  filters: auditListInput.omit({ cursor: true, limit: true }),
  chunk: 100,
  page: (ctx, actor, filters, cursor, limit) => listAudit(ctx.deps.db, actor.companyId, { ...filters, cursor, limit }),
  columns: [
    { header: 'When', value: (a) => a.occurredAt },
    { header: 'Action', value: (a) => a.action },
    { header: 'Entity', value: (a) => a.entityType },
    { header: 'Entity id', value: (a) => a.entityId },
    { header: 'By', value: (a) => a.actorName ?? (a.actorApiKeyId ? `API key ${a.actorApiKeyId}` : null) },
    { header: 'Before', value: (a) => (a.before == null ? null : JSON.stringify(a.before)) },
    { header: 'After', value: (a) => (a.after == null ? null : JSON.stringify(a.after)) },
    { header: 'Request', value: (a) => a.requestId },
  ],
});
