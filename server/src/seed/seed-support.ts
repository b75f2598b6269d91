import { type OrderStatus, ROLE_PERMISSIONS, type Role } from '@tradeloom/shared';
import type { CompanyActor, ServiceContext } from '../deps.ts';
import { markConversationRead, startConversation } from '../modules/messaging/conversations.service.ts';
import { editMessage, sendMessage } from '../modules/messaging/messages.service.ts';
import { setPreferences } from '../modules/notifications/preferences.service.ts';
import { fileComplaint } from '../modules/support/complaint-filing.ts';
import { addComplaintNote, assignComplaint, resolveComplaint } from '../modules/support/complaints.service.ts';
import { setSlaPolicies } from '../modules/support/sla.service.ts';
import { escalateOverdueComplaints } from '../modules/support/sla-clock.ts';

const TRADER = 'Saurashtra Cotton Traders';
const MILL = 'Coimbatore Spinning Mills';
const WEAVER = 'Bhiwandi Weaving Works';

const HOUR = 3_600_000;

/**
 * Conversations, complaints and one person's notification choices for the demo, made through the
 * services (so every rule holds): the mill and the trader talk about a delivered cotton order and
 * their contract, the weaver and the mill about next quarter's yarn; three complaints stand open,
 * resolved with a credit note, and breached and escalated by the clock.
 */
export async function seedConversationsAndComplaints(ctx: ServiceContext, actors: Map<string, CompanyActor>) {
  const actor = (name: string) => {
    const found = actors.get(name);
    if (!found) throw new Error(`demo company ${name} missing`);
    return found;
  };
  const trader = actor(TRADER);
  const mill = actor(MILL);
  const weaver = actor(WEAVER);
  const member = (company: CompanyActor, email: string) => memberActor(ctx, company, email);
  const traderStaff = await member(trader, 'staff@saurashtra.example');
  const traderManager = await member(trader, 'manager@saurashtra.example');
  const millManager = await member(mill, 'manager@kovaispin.example');

  // The trader answers quality complaints within 12 hours and settles them within 4 days.
  await setSlaPolicies(ctx, trader, {
    policies: [
      { category: 'quality', firstResponseHours: 12, resolutionHours: 96 },
      { category: 'quantity_short', firstResponseHours: 12, resolutionHours: 48 },
    ],
  });

  const orders = await demoOrders(ctx, { trader, mill, weaver });

  // A general conversation between partners.
  const general = await startConversation(ctx, weaver, {
    partnerCompanyId: mill.companyId,
    subject: 'Yarn for the January–March quarter',
    body: 'We expect about 20 tonnes of 40s combed a month from January. Can you hold the October price for the quarter?',
    attachmentFileIds: [],
  });
  await sendMessage(ctx, millManager, {
    conversationId: general.id,
    body: 'We can hold ₹298 a kg for 60 tonnes if you confirm by 15 December. Delivery weekly from Kurichi.',
    attachmentFileIds: [],
  });

  // About the delivered cotton order: a question, a reply to it, and a corrected figure.
  const about = await startConversation(ctx, millManager, {
    partnerCompanyId: trader.companyId,
    about: { type: 'order', id: orders.deliveredCotton },
    subject: 'Micronaire on the last 30 candies',
    body: 'Our lab reads micronaire 4.6 on bales 18–30, above the 4.2 agreed. Can you send the gin’s HVI sheets?',
    attachmentFileIds: [],
  });
  const answer = await sendMessage(ctx, traderStaff, {
    conversationId: about.id,
    body: 'Sending the sheets today. The Gondal lab read 4.1 before pressing.',
    attachmentFileIds: [],
  });
  await sendMessage(ctx, millManager, {
    conversationId: about.id,
    body: 'Thank you. We will retest two bales with your surveyor present.',
    replyToId: answer.id,
    attachmentFileIds: [],
  });
  const figure = await sendMessage(ctx, traderStaff, {
    conversationId: about.id,
    body: 'Surveyor can come on Thursday, 11 am.',
    attachmentFileIds: [],
  });
  // Edited within the 15 minutes: the history keeps the first text.
  await editMessage(ctx, traderStaff, { messageId: figure.id, body: 'Surveyor can come on Friday, 11 am.' });
  await markConversationRead(ctx, millManager, { conversationId: about.id });

  // About the demo contract, when it exists.
  if (orders.contract) {
    await startConversation(ctx, trader, {
      partnerCompanyId: mill.companyId,
      about: { type: 'contract', id: orders.contract },
      subject: 'Lifting schedule',
      body: 'First 50 bales are ready for lifting from the Bedi yard on Monday. Please send the truck numbers.',
      attachmentFileIds: [],
    });
  }

  // Open: quality on the delivered cotton, ₹1,25,000 claimed.
  await fileComplaint(ctx, millManager, {
    about: { type: 'order', id: orders.deliveredCotton },
    category: 'quality',
    description: 'Micronaire 4.5–4.7 on 12 of 30 candies against 3.8–4.2 agreed; yarn breaks rose 18% on those mixings.',
    amountClaimed: '125000',
    evidenceFileIds: [],
  });

  // Resolved with a credit note: short weight on the completed order.
  const short = await fileComplaint(ctx, mill, {
    about: { type: 'order', id: orders.completedCotton },
    category: 'quantity_short',
    description: 'Weighbridge at Kurichi shows 4 bales short of the invoice weight (680 kg).',
    amountClaimed: '42000',
    evidenceFileIds: [],
  });
  let changed = await assignComplaint(ctx, trader, { complaintId: short.id, assigneeUserId: traderStaff.userId ?? '', version: 1 });
  await addComplaintNote(ctx, traderStaff, {
    complaintId: short.id,
    body: 'Our loading slip shows 4 bales left behind at the press; pay the credit.',
    internal: true,
    fileIds: [],
  });
  changed = await resolveComplaint(ctx, traderStaff, {
    complaintId: short.id,
    version: changed.version,
    resolution: 'credit_note',
    creditAmount: '40800',
    note: 'Credit note for 680 kg at ₹60 a kg against the next invoice.',
  });

  // Breached and escalated: filed two days ago on the weaver's delivered yarn; nobody answered
  // within the mill's default 24 hours, so the clock escalated it.
  const filedAt = new Date(ctx.deps.clock.now().getTime() - 48 * HOUR);
  const earlier: ServiceContext = { ...ctx, deps: { ...ctx.deps, clock: { now: () => filedAt } } };
  await fileComplaint(earlier, weaver, {
    about: { type: 'order', id: orders.deliveredYarn },
    category: 'damaged',
    description: 'Eleven cartons of 20s hosiery yarn arrived wet; cones stained and unusable.',
    amountClaimed: '58500',
    evidenceFileIds: [],
  });
  await escalateOverdueComplaints(ctx.deps.db, ctx.deps.clock, ctx.request);

  // A manager who reads complaints in the app, not by email, and is not disturbed at night.
  await setPreferences(ctx, traderManager, {
    changes: [{ event: 'complaint.noted', channel: 'email', enabled: false }],
    quietHours: { start: '22:00', end: '07:00' },
    timeZone: 'Asia/Kolkata',
  });
}

/** A company member as the services see them, for demo steps taken by someone other than the owner. */
async function memberActor(ctx: ServiceContext, company: CompanyActor, email: string): Promise<CompanyActor> {
  const row = await ctx.deps.db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['memberships.user_id', 'memberships.role'])
    .where('memberships.company_id', '=', company.companyId)
    .where('users.email', '=', email)
    .executeTakeFirstOrThrow();
  const role = row.role as Role;
  return { companyId: company.companyId, userId: row.user_id, apiKeyId: null, role, permissions: ROLE_PERMISSIONS[role] };
}

/** The demo documents the conversations and complaints are about (seed-orders and seed-tradedesk made them). */
async function demoOrders(ctx: ServiceContext, parties: Record<'trader' | 'mill' | 'weaver', CompanyActor>) {
  const { db } = ctx.deps;
  const orderOf = async (buyer: CompanyActor, supplier: CompanyActor, status: OrderStatus) =>
    (
      await db
        .selectFrom('orders')
        .select('id')
        .where('buyer_company_id', '=', buyer.companyId)
        .where('supplier_company_id', '=', supplier.companyId)
        .where('status', '=', status)
        .orderBy('created_at')
        .executeTakeFirstOrThrow()
    ).id;
  const contract = await db
    .selectFrom('contracts')
    .select('id')
    .where('buyer_company_id', '=', parties.mill.companyId)
    .where('seller_company_id', '=', parties.trader.companyId)
    .executeTakeFirst();
  return {
    deliveredCotton: await orderOf(parties.mill, parties.trader, 'delivered'),
    completedCotton: await orderOf(parties.mill, parties.trader, 'completed'),
    deliveredYarn: await orderOf(parties.weaver, parties.mill, 'delivered'),
    contract: contract?.id,
  };
}
