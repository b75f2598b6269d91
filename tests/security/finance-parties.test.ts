import { ROLES, roleCan } from '@tradeloom/shared';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { createCompany, type TestCompany } from '../harness/factories.ts';
import { type FinanceRecords, financeIdInputs, financeRecords } from './finance-records.ts';
import { callProcedure, procedureInventory } from './inventory.ts';
import { tableFingerprints } from './row-counts.ts';

// Deliveries, invoices, notes, payments and disputes belong to their two parties: a third company
// finds nothing and changes nothing, each party does only its own side's acts, a viewer only
// reads, a branch-limited member sees only its branches, and each side's internal figures (the
// buyer's three-way match and approval, the supplier's drafts) stay with it.

let app: TestApp;
let pair: FinanceRecords;
let stranger: TestCompany;
beforeAll(async () => {
  app = await setupTestApp();
  pair = await financeRecords(app, 'FinParty');
  stranger = await createCompany(app, 'FinStranger');
});
afterAll(() => app.close());

const inventory = procedureInventory().filter((p) => /^(deliveries|finance)\./.test(p.path));
const permissionOf = (path: string) => {
  const access = inventory.find((p) => p.path === path)?.access;
  if (access?.kind !== 'company') throw new Error(`${path} is not a company procedure`);
  return access.permission;
};

async function outcome(promise: Promise<unknown>): Promise<{ code: string; reason?: string } | 'ok'> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    return { code: error.code, reason: (error.cause as { reason?: string } | undefined)?.reason };
  }
}
const codeOf = (result: Awaited<ReturnType<typeof outcome>>) => (result === 'ok' ? 'ok' : result.code);

/** What a stranger tries beyond the ids: a statement, a payment and a credit limit for a company it does not trade with. */
function strangerInputs(records: FinanceRecords): Record<string, unknown> {
  return {
    ...financeIdInputs(records),
    'finance.statement': { partnerId: records.buyer.id },
    'finance.payments.record': {
      partnerId: records.buyer.id,
      amount: '100',
      currency: 'INR',
      receivedAt: '2026-06-01',
      method: 'upi',
      reference: 'stranger',
      allocations: [{ invoiceId: records.ids.invoiceId, amount: '100' }],
    },
    'finance.creditLimits.set': { partnerId: records.buyer.id, amount: '100000', currency: 'INR' },
  };
}

describe('a stranger company', () => {
  it.each(ROLES.map((role) => [role]))(
    'as %s gets NOT_FOUND (or no permission) on every record of the pair, and nothing is written',
    async (role) => {
      const member = stranger.members[role];
      const inputs = strangerInputs(pair);
      const before = await tableFingerprints(app);
      const results: Record<string, string> = {};
      for (const [path, input] of Object.entries(inputs)) results[path] = codeOf(await outcome(callProcedure(member.caller, path, input)));
      const expected = Object.fromEntries(
        Object.keys(inputs).map((path) => [path, roleCan(role, permissionOf(path)) ? 'NOT_FOUND' : 'FORBIDDEN']),
      );
      expect(results).toEqual(expected);
      expect(await tableFingerprints(app)).toEqual(before);
    },
  );

  it("finds none of the pair's records in its lists and outstanding", async () => {
    const caller = stranger.members.owner.caller;
    const responses = [
      await caller.deliveries.list({}),
      await caller.finance.invoices.list({ side: 'sales' }),
      await caller.finance.invoices.list({ side: 'purchase' }),
      await caller.finance.notes.list({}),
      await caller.finance.payments.list({}),
      await caller.finance.disputes.list({}),
      await caller.finance.outstanding({ side: 'receivable' }),
      await caller.finance.outstanding({ side: 'payable' }),
      await caller.finance.creditLimits.list(),
      await caller.finance.outstandingInvoices({ partnerId: pair.buyer.id, side: 'receivable' }),
      await caller.finance.outstandingInvoices({ partnerId: pair.supplier.id, side: 'payable' }),
      await caller.notifications.list({}),
    ];
    const text = JSON.stringify(responses);
    expect(text).not.toContain(pair.canary);
    const ids = Object.entries(pair.ids).filter(([name]) => name.endsWith('Id'));
    for (const [name, id] of [...ids, ['buyer', pair.buyer.id], ['supplier', pair.supplier.id]]) {
      expect([name, text.includes(String(id))]).toEqual([name, false]);
    }
  });

  it("gets 404 from every document route of the pair's records, where the parties get 200", async () => {
    const http = await app.startHttp();
    try {
      const paths = [
        `/documents/deliveries/${pair.ids.deliveryId}.pdf`,
        `/documents/invoices/${pair.ids.invoiceId}.pdf`,
        `/documents/invoices/${pair.ids.invoiceId}.einvoice.json`,
        `/documents/statements/${pair.buyer.id}.csv`,
        `/documents/statements/${pair.buyer.id}.pdf`,
        `/documents/statements/${pair.supplier.id}.csv`,
        `/documents/statements/${pair.supplier.id}.pdf`,
      ];
      const status = async (path: string, token: string) =>
        (await fetch(`${http.url}${path}`, { headers: { cookie: `tl_session=${token}` } })).status;
      const statuses: Record<string, number> = {};
      for (const path of paths) statuses[path] = await status(path, stranger.members.owner.token);
      expect(statuses).toEqual(Object.fromEntries(paths.map((path) => [path, 404])));
      // The parties themselves: the statement names the other party.
      const own = {
        supplierInvoice: await status(`/documents/invoices/${pair.ids.invoiceId}.pdf`, pair.supplier.members.viewer.token),
        buyerInvoice: await status(`/documents/invoices/${pair.ids.invoiceId}.pdf`, pair.buyer.members.viewer.token),
        buyerDelivery: await status(`/documents/deliveries/${pair.ids.deliveryId}.pdf`, pair.buyer.members.viewer.token),
        supplierStatement: await status(`/documents/statements/${pair.buyer.id}.csv`, pair.supplier.members.viewer.token),
        buyerStatement: await status(`/documents/statements/${pair.supplier.id}.csv`, pair.buyer.members.viewer.token),
        buyerDraft: await status(`/documents/invoices/${pair.ids.draftId}.pdf`, pair.buyer.members.owner.token),
      };
      expect(own).toEqual({
        supplierInvoice: 200,
        buyerInvoice: 200,
        buyerDelivery: 200,
        supplierStatement: 200,
        buyerStatement: 200,
        buyerDraft: 404,
      });
    } finally {
      await http.close();
    }
  });
});

describe('each party does only its own side', () => {
  it('the buyer cannot dispatch, invoice, issue, cancel or write notes; the supplier cannot receive or approve for payment; nothing is written', async () => {
    const invoice = await pair.supplier.members.owner.caller.finance.invoices.get({ invoiceId: pair.ids.invoiceId });
    const inputs = financeIdInputs(pair);
    const buyerTries = [
      'deliveries.dispatch',
      'deliveries.cancel',
      'finance.invoices.create',
      'finance.invoices.cancel',
      'finance.notes.create',
      'finance.disputes.resolve',
    ];
    const supplierTries = ['deliveries.receive', 'finance.invoices.approveForPayment', 'finance.disputes.withdraw'];
    const before = await tableFingerprints(app);
    const results: Record<string, unknown> = {};
    for (const path of buyerTries) {
      const input = path === 'finance.invoices.cancel' ? { ...(inputs[path] as object), version: invoice.version } : inputs[path];
      results[`buyer ${path}`] = await outcome(callProcedure(pair.buyer.members.owner.caller, path, input));
    }
    for (const path of supplierTries) {
      results[`supplier ${path}`] = await outcome(callProcedure(pair.supplier.members.owner.caller, path, inputs[path]));
    }
    // The buyer does not even see the supplier's draft, so issuing it is not found.
    results['buyer finance.invoices.issue (draft)'] = await outcome(
      callProcedure(pair.buyer.members.owner.caller, 'finance.invoices.issue', inputs['finance.invoices.issue']),
    );
    expect(await tableFingerprints(app)).toEqual(before);
    for (const [attempt, result] of Object.entries(results)) {
      if (attempt.endsWith('(draft)')) {
        expect([attempt, codeOf(result as never)]).toEqual([attempt, 'NOT_FOUND']);
        continue;
      }
      expect([attempt, result]).toEqual([attempt, { code: expect.stringMatching(/^(FORBIDDEN|CONFLICT)$/), reason: 'WRONG_SIDE' }]);
    }
  });
});

describe('a viewer', () => {
  it.each([['buyer'], ['supplier']] as const)(
    'of the %s reads every record but every write is FORBIDDEN, writing nothing',
    async (side) => {
      const viewer = pair[side].members.viewer.caller;
      const inputs = financeIdInputs(pair);
      const reads = ['deliveries.get', 'finance.invoices.get', 'finance.notes.get', 'finance.payments.get', 'finance.disputes.get'];
      for (const path of reads) {
        if (side === 'buyer' && path === 'finance.payments.get') continue; // the supplier's receipt, not the buyer's payment
        expect([path, codeOf(await outcome(callProcedure(viewer, path, inputs[path])))]).toEqual([path, 'ok']);
      }
      const writes = inventory.filter((p) => p.type === 'mutation').map((p) => p.path);
      const before = await tableFingerprints(app);
      const results: Record<string, unknown> = {};
      for (const path of writes) {
        const input = inputs[path] ?? strangerInputs(pair)[path] ?? { year: '2026-27', reason: 'viewer' };
        results[path] = await outcome(callProcedure(viewer, path, input));
      }
      expect(results).toEqual(Object.fromEntries(writes.map((path) => [path, { code: 'FORBIDDEN', reason: 'PERMISSION_DENIED' }])));
      expect(await tableFingerprints(app)).toEqual(before);
    },
  );
});

describe("each side's own figures", () => {
  it("the supplier never sees the buyer's three-way match or approval for payment", async () => {
    await pair.buyer.members.owner.caller.finance.invoices.approveForPayment({ invoiceId: pair.ids.invoiceId });
    const asBuyer = await pair.buyer.members.viewer.caller.finance.invoices.get({ invoiceId: pair.ids.invoiceId });
    expect(asBuyer.match?.approvedForPaymentAt).toEqual(expect.any(String));
    const asSupplier = await pair.supplier.members.owner.caller.finance.invoices.get({ invoiceId: pair.ids.invoiceId });
    expect(asSupplier.match).toBeNull();
    const supplierText = JSON.stringify([
      asSupplier,
      await pair.supplier.members.owner.caller.finance.invoices.list({ side: 'sales' }),
      await pair.supplier.members.owner.caller.finance.outstandingInvoices({ partnerId: pair.buyer.id, side: 'receivable' }),
    ]);
    expect(supplierText).not.toMatch(/approvedForPayment|match_?[Ff]lags|matchStatus/);
    // Nor does the approval reach the supplier's audit trail or notifications.
    const supplierTrail = JSON.stringify([
      await pair.supplier.members.owner.caller.audit.list({}),
      await pair.supplier.members.owner.caller.notifications.list({}),
    ]);
    expect(supplierTrail).not.toContain('approved_for_payment');
  });

  it("the buyer never sees the supplier's draft, in a get, a list or its outstanding", async () => {
    const buyer = pair.buyer.members.owner.caller;
    expect(codeOf(await outcome(buyer.finance.invoices.get({ invoiceId: pair.ids.draftId })))).toBe('NOT_FOUND');
    const text = JSON.stringify([
      await buyer.finance.invoices.list({ side: 'purchase' }),
      await buyer.finance.invoices.list({ side: 'purchase', orderId: pair.ids.orderId }),
      await buyer.finance.outstanding({ side: 'payable' }),
      await buyer.finance.outstandingInvoices({ partnerId: pair.supplier.id, side: 'payable' }),
      await buyer.finance.statement({ partnerId: pair.supplier.id }),
    ]);
    expect(text).toContain(pair.ids.invoiceId);
    expect(text).not.toContain(pair.ids.draftId);
    const trail = JSON.stringify([await buyer.audit.list({}), await buyer.notifications.list({})]);
    expect(trail).not.toContain(pair.ids.draftId);
  });

  it("the buyer cannot pay, dispute or look up payments on the supplier's draft, writing nothing", async () => {
    const buyer = pair.buyer.members.owner.caller;
    const invoiceId = pair.ids.draftId;
    const before = await tableFingerprints(app);
    const results = {
      pay: codeOf(
        await outcome(
          buyer.finance.payments.record({
            partnerId: pair.supplier.id,
            amount: '100',
            currency: 'INR',
            receivedAt: '2026-06-01',
            method: 'neft',
            reference: 'on a draft',
            direction: 'made',
            allocations: [{ invoiceId, amount: '100' }],
          }),
        ),
      ),
      dispute: codeOf(await outcome(buyer.finance.disputes.open({ invoiceId, amount: '1.00', reason: 'quality', description: 'A draft' }))),
      payments: codeOf(await outcome(buyer.finance.payments.forInvoice({ invoiceId }))),
      approve: codeOf(await outcome(buyer.finance.invoices.approveForPayment({ invoiceId }))),
    };
    expect(results).toEqual({ pay: 'NOT_FOUND', dispute: 'NOT_FOUND', payments: 'NOT_FOUND', approve: 'NOT_FOUND' });
    expect(await tableFingerprints(app)).toEqual(before);
  });
});

describe('a branch-limited member', () => {
  // Its own pair: limiting members changes what they may do.
  let limited: FinanceRecords;
  beforeAll(async () => {
    limited = await financeRecords(app, 'FinBranch');
    for (const company of [limited.supplier, limited.buyer]) {
      const other = await company.members.admin.caller.companies.branches.create({ name: 'Another unit', country: 'IN' });
      await app.db
        .updateTable('memberships')
        .set({ branch_ids: [other.id] })
        .where('user_id', '=', company.members.manager.id)
        .execute();
    }
  });

  it.each([['buyer'], ['supplier']] as const)(
    "of the %s does not see another branch's deliveries, invoices, payments, notes or disputes",
    async (side) => {
      const member = limited[side].members.manager.caller;
      const inputs = financeIdInputs(limited);
      const gets = ['deliveries.get', 'finance.invoices.get', 'finance.notes.get', 'finance.disputes.get', 'finance.payments.forInvoice'];
      if (side === 'supplier') gets.push('finance.payments.get');
      const results: Record<string, string> = {};
      for (const path of gets) results[path] = codeOf(await outcome(callProcedure(member, path, inputs[path])));
      expect(results).toEqual(Object.fromEntries(gets.map((path) => [path, 'NOT_FOUND'])));
      const partnerId = side === 'buyer' ? limited.supplier.id : limited.buyer.id;
      const ledgerSide = side === 'buyer' ? 'payable' : 'receivable';
      const text = JSON.stringify([
        await member.deliveries.list({}),
        await member.finance.invoices.list({ side: side === 'buyer' ? 'purchase' : 'sales' }),
        await member.finance.payments.list({}),
        await member.finance.notes.list({}),
        await member.finance.disputes.list({}),
        await member.finance.outstanding({ side: ledgerSide }),
        await member.finance.outstandingInvoices({ partnerId, side: ledgerSide }),
        await member.finance.statement({ partnerId }),
      ]);
      const found = Object.entries(limited.ids)
        .filter(([name, id]) => name.endsWith('Id') && text.includes(String(id)))
        .map(([name]) => name);
      expect([side, found, text.includes(limited.canary)]).toEqual([side, [], false]);
      const statement = await member.finance.statement({ partnerId });
      expect([side, statement.entries]).toEqual([side, []]);
    },
  );

  it.each([['buyer'], ['supplier']] as const)("of the %s cannot allocate a new payment to another branch's invoice", async (side) => {
    const member = limited[side].members.manager.caller;
    const before = await tableFingerprints(app);
    const result = await outcome(
      member.finance.payments.record({
        partnerId: side === 'buyer' ? limited.supplier.id : limited.buyer.id,
        amount: '100',
        currency: 'INR',
        receivedAt: new Date().toISOString().slice(0, 10),
        method: 'neft',
        reference: 'across branches',
        direction: side === 'buyer' ? 'made' : 'received',
        allocations: [{ invoiceId: limited.ids.invoiceId, amount: '100' }],
      }),
    );
    expect([side, codeOf(result)]).toEqual([side, 'NOT_FOUND']);
    expect(await tableFingerprints(app)).toEqual(before);
  });

  it.each([['buyer'], ['supplier']] as const)("of the %s gets 404 from another branch's documents", async (side) => {
    const token = limited[side].members.manager.token;
    const http = await app.startHttp();
    try {
      const paths = [
        `/documents/deliveries/${limited.ids.deliveryId}.pdf`,
        `/documents/invoices/${limited.ids.invoiceId}.pdf`,
        `/documents/invoices/${limited.ids.invoiceId}.einvoice.json`,
      ];
      const statuses: Record<string, number> = {};
      for (const path of paths) {
        statuses[path] = (await fetch(`${http.url}${path}`, { headers: { cookie: `tl_session=${token}` } })).status;
      }
      expect(statuses).toEqual(Object.fromEntries(paths.map((path) => [path, 404])));
      const partnerId = side === 'buyer' ? limited.supplier.id : limited.buyer.id;
      const csv = await (
        await fetch(`${http.url}/documents/statements/${partnerId}.csv`, { headers: { cookie: `tl_session=${token}` } })
      ).text();
      expect(csv).not.toContain(limited.canary);
      expect(csv.trim().split('\n')).toHaveLength(3);
    } finally {
      await http.close();
    }
  });

  it.each([['buyer'], ['supplier']] as const)("of the %s cannot act on another branch's records, writing nothing", async (side) => {
    const member = limited[side].members.manager.caller;
    const inputs = financeIdInputs(limited);
    const acts =
      side === 'buyer'
        ? ['deliveries.receive', 'finance.invoices.approveForPayment', 'finance.disputes.open', 'finance.disputes.withdraw']
        : [
            'deliveries.cancel',
            'finance.invoices.issue',
            'finance.invoices.cancel',
            'finance.notes.create',
            'finance.payments.reverse',
            'finance.payments.allocate',
            'finance.disputes.respond',
            'finance.disputes.resolve',
          ];
    const before = await tableFingerprints(app);
    const results: Record<string, string> = {};
    for (const path of acts) results[path] = codeOf(await outcome(callProcedure(member, path, inputs[path])));
    expect(results).toEqual(Object.fromEntries(acts.map((path) => [path, 'NOT_FOUND'])));
    expect(await tableFingerprints(app)).toEqual(before);
  });
});

describe('API keys', () => {
  it('a finance:read and deliveries:read key reads the pair’s records but every write is FORBIDDEN', async () => {
    const { key } = await pair.buyer.members.owner.caller.apiKeys.create({
      name: 'finance reader',
      scopes: ['finance:read', 'deliveries:read'],
    });
    const program = app.caller({ apiKey: key });
    expect((await program.finance.invoices.get({ invoiceId: pair.ids.invoiceId })).id).toBe(pair.ids.invoiceId);
    expect((await program.deliveries.get({ deliveryId: pair.ids.deliveryId })).id).toBe(pair.ids.deliveryId);
    const inputs = strangerInputs(pair);
    const writes = inventory.filter((p) => p.type === 'mutation').map((p) => p.path);
    const before = await tableFingerprints(app);
    const results: Record<string, unknown> = {};
    for (const path of writes) {
      results[path] = await outcome(callProcedure(program, path, inputs[path] ?? { year: '2026-27', reason: 'key' }));
    }
    expect(results).toEqual(Object.fromEntries(writes.map((path) => [path, { code: 'FORBIDDEN', reason: 'PERMISSION_DENIED' }])));
    expect(await tableFingerprints(app)).toEqual(before);
  });

  it('a finance:write key cannot approve for payment, set credit limits or close a year', async () => {
    const { key } = await pair.buyer.members.owner.caller.apiKeys.create({ name: 'finance writer', scopes: ['finance:write'] });
    const program = app.caller({ apiKey: key });
    // A key's first use stamps it (last used): that is the key's own row, not a write of the refused call.
    await outcome(program.finance.years.list());
    const before = await tableFingerprints(app);
    const results = {
      approve: await outcome(program.finance.invoices.approveForPayment({ invoiceId: pair.ids.invoiceId })),
      limit: await outcome(program.finance.creditLimits.set({ partnerId: pair.supplier.id, amount: '1000', currency: 'INR' })),
      close: await outcome(program.finance.years.close({ year: '2026-27' })),
    };
    const denied = { code: 'FORBIDDEN', reason: 'PERMISSION_DENIED' };
    expect(results).toEqual({ approve: denied, limit: denied, close: denied });
    expect(await tableFingerprints(app)).toEqual(before);
  });

  it("a stranger's finance key finds none of the pair's records", async () => {
    const { key } = await stranger.members.owner.caller.apiKeys.create({
      name: 'stranger finance',
      scopes: ['finance:read', 'deliveries:read'],
    });
    const program = app.caller({ apiKey: key });
    const results = {
      invoice: codeOf(await outcome(program.finance.invoices.get({ invoiceId: pair.ids.invoiceId }))),
      delivery: codeOf(await outcome(program.deliveries.get({ deliveryId: pair.ids.deliveryId }))),
      payment: codeOf(await outcome(program.finance.payments.get({ paymentId: pair.ids.paymentId }))),
      statement: codeOf(await outcome(program.finance.statement({ partnerId: pair.buyer.id }))),
    };
    expect(results).toEqual({ invoice: 'NOT_FOUND', delivery: 'NOT_FOUND', payment: 'NOT_FOUND', statement: 'NOT_FOUND' });
  });
});
