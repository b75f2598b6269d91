import { type Expression, type RawBuilder, sql } from 'kysely';
import { userNameOf } from '../auth/user-reads.ts';
import { productLabelOf } from '../catalog/catalog-lookups.ts';
import { branchNameOf, companyNameOf, invitationEmailOf, membershipUserOf } from '../companies/company-reads.ts';
import { orderNumberOf } from '../orders/orders.repository.ts';
import { workOrderNumberOf } from '../production/work-order-reads.ts';
import { clarificationTenderNumberOf, quoteTenderNumberOf, tenderNumberOf } from '../sourcing/sourcing-labels.ts';
import { complaintNumberOf } from '../support/complaint-records.ts';
import { webhookEndpointUrlOf } from '../webhooks/endpoints.repository.ts';

// The audit log names a record the way people know it — an order by its number, a member by
// name — resolved when the log is read, through each owner's own scalar subquery. Read time rather
// than write time: an order's number on the other side, or a person's corrected name, appear in
// old entries too, and no service has to remember to pass a label. Each branch runs only for
// its own entity type, so the uuid casts never see another type's ids.

type Resolver = (id: Expression<string>) => RawBuilder<string | null>;

function resolvers(viewerCompanyId: string): Record<string, Resolver> {
  return {
    order: (id) => orderNumberOf(id, viewerCompanyId),
    work_order: workOrderNumberOf,
    product: productLabelOf,
    company: (id) => companyNameOf(id),
    branch: branchNameOf,
    user: (id) => userNameOf(id),
    membership: (id) => userNameOf(membershipUserOf(id)),
    invitation: invitationEmailOf,
    tender: tenderNumberOf,
    quote: quoteTenderNumberOf,
    clarification: clarificationTenderNumberOf,
    complaint: complaintNumberOf,
    webhook_endpoint: webhookEndpointUrlOf,
  };
}

/** The readable name of an audit row's record, or null when its type has none (or it is gone). */
export function auditEntityLabel(entityType: Expression<string>, entityId: Expression<string>, viewerCompanyId: string) {
  const uuid = sql<string>`${entityId}::uuid`;
  const branches = Object.entries(resolvers(viewerCompanyId)).map(([type, resolve]) => sql`when ${type} then ${resolve(uuid)}`);
  return sql<string | null>`(case ${entityType} ${sql.join(branches, sql` `)} end)`;
}
