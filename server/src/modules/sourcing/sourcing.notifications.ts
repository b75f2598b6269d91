import { type Database, type Executor, inTransaction, type Tx } from '@tradeloom/db';
import {
  companyTimeZone,
  noticeDateTime,
  type TenderNoticeEvent,
  type TenderNoticeSide,
  tenderNoticeEvents,
  tenderNoticeText,
  tenderRecipients,
} from '@tradeloom/shared';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { AppDeps } from '../../deps.ts';
import { findCompanyName, findTradingProfile } from '../companies/company-reads.ts';
import { createInvitation } from '../companies/invitations.ts';
import { findAddedCompany } from '../companies/unclaimed-companies.ts';
import { findDomainEvent } from '../events/event-reads.ts';
import type { JobHandler } from '../events/job-runner.ts';
import { queueMail } from '../mail/mail.jobs.ts';
import { tenderInvitationMail } from '../mail/templates.ts';
import { notify } from '../notifications/engine.ts';

export const SOURCING_NOTIFY_QUEUE = 'sourcing.notify';
/** The tender events the sourcing job words for their recipients. */
export const SOURCING_NOTIFY_EVENTS = tenderNoticeEvents;

const jobPayload = z.object({ eventId: z.number() });
/** Events that invite suppliers: an unclaimed invitee is also emailed a link to claim and quote. */
const INVITING: readonly string[] = ['tender.published', 'tender.suppliers_invited'];

function findTender(db: Executor, tenderId: string) {
  return db
    .selectFrom('tenders')
    .select(['id', 'company_id', 'number', 'title', 'status', 'closes_at', 'created_by'])
    .where('id', '=', tenderId)
    .executeTakeFirst();
}
type NoticeTender = NonNullable<Awaited<ReturnType<typeof findTender>>>;

async function countSubmittedQuotes(db: Executor, tenderId: string): Promise<number> {
  const row = await db
    .selectFrom('quotes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tender_id', '=', tenderId)
    .where('status', '=', 'submitted')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The closing time in the recipient's own time zone. */
async function closesFor(db: Executor, companyId: string, closesAt: Date): Promise<string> {
  const { country } = await findTradingProfile(db, companyId);
  return noticeDateTime(closesAt, companyTimeZone(country));
}

/**
 * Emails an unclaimed invitee (a counterparty the buyer keeps that is not on Tradeloom) the
 * tender with a claim link: the same owner invitation as partners' `inviteToClaim`, so claiming
 * it makes the company real and its inbox shows the request.
 */
async function emailUnclaimedInvitee(
  trx: Tx,
  deps: Pick<AppDeps, 'clock' | 'config'>,
  tender: NoticeTender,
  supplierId: string,
  buyerName: string,
  invitedBy: string | null,
): Promise<void> {
  const company = await findAddedCompany(trx, supplierId, tender.company_id);
  if (!company || company.claimed) return;
  const invitation = await trx
    .selectFrom('tender_invitations')
    .select('invited_email')
    .where('tender_id', '=', tender.id)
    .where('supplier_company_id', '=', supplierId)
    .executeTakeFirst();
  const email = invitation?.invited_email ?? company.contact_email;
  const inviter = invitedBy ?? tender.created_by;
  if (!email || !inviter) return;
  const claim = await createInvitation(trx, deps, { companyId: supplierId, email, role: 'owner', invitedBy: inviter });
  await queueMail(
    trx,
    tenderInvitationMail(email, {
      supplierName: company.name,
      buyerName,
      number: tender.number,
      title: tender.title,
      closes: await closesFor(trx, supplierId, tender.closes_at),
      link: claim.acceptUrl,
    }),
  );
}

/**
 * Words a tender event for each company it names: the buyer reads who quoted, asked or declined;
 * an invitee reads the invitation, a new deadline, an answer, or the award (a winner's sentence
 * or a regret). Links open the buyer's tender page or the supplier's quote request. One
 * transaction per event, so a retried job neither notifies nor emails twice.
 */
export function sourcingNotificationHandler(deps: Pick<AppDeps, 'db' | 'clock' | 'config'>): JobHandler {
  const db: Kysely<Database> = deps.db;
  return {
    async run(raw) {
      const { eventId } = jobPayload.parse(raw);
      const event = await findDomainEvent(db, eventId);
      if (!(tenderNoticeEvents as readonly string[]).includes(event.type)) return;
      const name = event.type as TenderNoticeEvent;
      const parties = tenderRecipients.parse(event.payload);
      await inTransaction(db, async (trx) => {
        const tender = await findTender(trx, event.entity_id);
        if (!tender) return;
        const buyer = await findCompanyName(trx, tender.company_id);
        const actor = parties.actorCompanyId === tender.company_id ? buyer : await findCompanyName(trx, parties.actorCompanyId);
        const quoteCount = name === 'tender.closed' ? await countSubmittedQuotes(trx, tender.id) : undefined;
        const winners = new Set(parties.winners ?? []);
        for (const recipient of new Set(parties.recipients)) {
          const isBuyer = recipient === tender.company_id;
          const side: TenderNoticeSide = isBuyer ? 'buyer' : winners.has(recipient) ? 'winner' : 'supplier';
          const closes = await closesFor(trx, recipient, tender.closes_at);
          const title = tenderNoticeText(name, side, { buyer, actor, document: tender.number, closes, quoteCount });
          if (title) {
            await notify(trx, {
              companyId: recipient,
              kind: name,
              title,
              linkPath: isBuyer ? `/tenders/${tender.id}` : `/quote-requests/${tender.id}`,
              entityType: 'tender',
              entityId: tender.id,
              eventId,
              document: tender.number,
              actorName: actor,
              now: deps.clock.now(),
            });
          }
          if (!isBuyer && INVITING.includes(name) && tender.status === 'open') {
            await emailUnclaimedInvitee(trx, deps, tender, recipient, buyer, event.actor_user_id);
          }
        }
      });
    },
  };
}
