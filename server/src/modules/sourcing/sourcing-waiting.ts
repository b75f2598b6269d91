import type { SourcingWaiting } from '@tradeloom/shared';
import type { CompanyActor, ServiceContext } from '../../deps.ts';

/**
 * The home page's sourcing figures. As a supplier: tenders still open before their deadline that
 * invite this company and that it has neither quoted nor declined. As a buyer: unanswered
 * questions on its open tenders.
 */
export async function countSourcingWaiting(ctx: ServiceContext, actor: CompanyActor): Promise<SourcingWaiting> {
  const { db, clock } = ctx.deps;
  const [requests, questions] = await Promise.all([
    db
      .selectFrom('tender_invitations as i')
      .innerJoin('tenders as t', 't.id', 'i.tender_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('i.supplier_company_id', '=', actor.companyId)
      .where('i.status', '=', 'invited')
      .where('t.status', '=', 'open')
      .where('t.closes_at', '>', clock.now())
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('quotes as q')
              .select('q.id')
              .whereRef('q.tender_id', '=', 'i.tender_id')
              .whereRef('q.supplier_company_id', '=', 'i.supplier_company_id')
              .where('q.status', '=', 'submitted'),
          ),
        ),
      )
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('tender_clarifications as c')
      .innerJoin('tenders as t', 't.id', 'c.tender_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('t.company_id', '=', actor.companyId)
      .where('t.status', '=', 'open')
      .where('c.answered_at', 'is', null)
      .executeTakeFirstOrThrow(),
  ]);
  return { quoteRequests: Number(requests.n), questions: Number(questions.n) };
}
