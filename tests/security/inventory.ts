import { randomUUID } from 'node:crypto';
import { appRouter } from '@tradeloom/server';
import type { Access } from '../../server/src/trpc/init.ts';

export interface ProcedureInfo {
  path: string;
  type: 'query' | 'mutation' | 'subscription';
  access: Access | undefined;
}

/** Every procedure of the app, read from the router itself: a new one cannot escape the checks. */
export function procedureInventory(): ProcedureInfo[] {
  const procedures = appRouter._def.procedures as unknown as Record<
    string,
    { _def: { type: ProcedureInfo['type']; meta?: { access?: Access } } }
  >;
  return Object.entries(procedures)
    .map(([path, procedure]) => ({ path, type: procedure._def.type, access: procedure._def.meta?.access }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

const missing = () => randomUUID();

/**
 * A valid input for every procedure. Ids point at nothing, so a permitted call fails with
 * NOT_FOUND (or succeeds harmlessly) and a forbidden one must fail before it looks.
 * A new procedure without an entry here fails the inventory test.
 */
export const EXAMPLE_INPUTS: Record<string, () => unknown> = {
  'apiKeys.create': () => ({ name: 'matrix key', scopes: ['company:read'] }),
  'apiKeys.list': () => undefined,
  'apiKeys.revoke': () => ({ apiKeyId: missing() }),
  'audit.list': () => ({}),
  'auth.changePassword': () => ({ currentPassword: 'wrong password', newPassword: 'another passphrase' }),
  'auth.login': () => ({ email: 'nobody@example.test', password: 'whatever1' }),
  'auth.logout': () => undefined,
  'auth.logoutEverywhere': () => undefined,
  'auth.me': () => undefined,
  'auth.register': () => ({ email: `matrix-${randomUUID()}@example.test`, password: 'matrix passphrase', name: 'Matrix' }),
  'auth.requestPasswordReset': () => ({ email: 'nobody@example.test' }),
  'auth.resendVerification': () => undefined,
  'auth.resetPassword': () => ({ token: 'aaaaaaaaaaaa.bbbbbbbbbbbb', password: 'matrix passphrase' }),
  'auth.revokeSession': () => ({ sessionId: 'nosuchsession' }),
  'auth.sessions': () => undefined,
  'auth.updateProfile': () => ({ name: 'Renamed' }),
  'auth.verifyEmail': () => ({ token: 'aaaaaaaaaaaa.bbbbbbbbbbbb' }),
  'catalog.browse': () => ({ supplierId: missing() }),
  'catalog.import': () => ({ csv: 'sku,name,unit,price\nM-1,Matrix yarn,kg,100', dryRun: true }),
  'catalog.masters': () => undefined,
  'catalog.products.attach': () => ({ productId: missing(), fileId: missing() }),
  'catalog.products.attachments': () => ({ productId: missing() }),
  'catalog.products.detach': () => ({ productId: missing(), fileId: missing() }),
  'catalog.products.create': () => ({
    sku: `M-${randomUUID().slice(0, 8)}`,
    name: 'Matrix yarn',
    unit: 'kg',
    price: '100',
    currency: 'INR',
  }),
  'catalog.products.get': () => ({ productId: missing() }),
  'catalog.products.list': () => ({}),
  'catalog.products.update': () => ({ productId: missing(), version: 1, name: 'x' }),
  'companies.acceptInvite': () => ({ token: `${missing()}.bbbbbbbbbbbb` }),
  'companies.branches.create': () => ({ name: 'Matrix branch', country: 'IN' }),
  'companies.branches.list': () => undefined,
  'companies.create': () => ({ name: 'Matrix Co', country: 'IN' }),
  'companies.current': () => undefined,
  'companies.disableMember': () => ({ userId: missing() }),
  'companies.enableMember': () => ({ userId: missing() }),
  'companies.memberSignIns': () => ({ userId: missing() }),
  'companies.invitations': () => undefined,
  'companies.invite': () => ({ email: `invitee-${randomUUID()}@example.test`, role: 'viewer' }),
  'companies.leave': () => undefined,
  'companies.list': () => undefined,
  'companies.members': () => undefined,
  'companies.previewInvite': () => ({ token: `${missing()}.bbbbbbbbbbbb` }),
  'companies.removeMember': () => ({ userId: missing() }),
  'companies.revokeInvite': () => ({ invitationId: missing() }),
  'companies.setRole': () => ({ userId: missing(), role: 'viewer' }),
  'companies.switch': () => ({ companyId: missing() }),
  'companies.transferOwnership': () => ({ userId: missing() }),
  'companies.update': () => ({ companyId: missing(), version: 1, name: 'x' }),
  'console.companies.get': () => ({ companyId: missing() }),
  'console.companies.list': () => ({}),
  'console.companies.reactivate': () => ({ companyId: missing(), reason: 'matrix reason' }),
  'console.companies.suspend': () => ({ companyId: missing(), reason: 'matrix reason' }),
  'console.health': () => undefined,
  'console.securityEvents': () => ({}),
  'console.users.disable': () => ({ userId: missing(), reason: 'matrix reason' }),
  'console.users.enable': () => ({ userId: missing() }),
  'console.users.search': () => ({}),
  'console.users.sendPasswordReset': () => ({ userId: missing() }),
  'console.users.unlock': () => ({ userId: missing() }),
  'devMailbox.list': () => undefined,
  'kyc.certifications.add': () => ({ standard: 'GOTS', number: 'M-1', issuer: 'Matrix', validFrom: '2026-01-01', validTo: '2027-01-01' }),
  'kyc.certifications.list': () => undefined,
  'kyc.certifications.remove': () => ({ certificationId: missing() }),
  'kyc.changeRequests.create': () => ({ field: 'bank_account', newValue: 'HDFC 0001 matrix' }),
  'kyc.changeRequests.list': () => undefined,
  'kyc.documents.list': () => undefined,
  'kyc.documents.submit': () => ({ kind: 'pan', fileId: missing() }),
  'kyc.review.decideChangeRequest': () => ({ changeRequestId: missing(), decision: 'approve' }),
  'kyc.review.decideDocument': () => ({ documentId: missing(), decision: 'approve', attested: {} }),
  'kyc.review.queue': () => undefined,
  'live.updates': () => undefined,
  'notifications.list': () => ({}),
  'notifications.markRead': () => ({ ids: [] }),
  'operations.jobs': () => undefined,
  'operations.retryJob': () => ({ jobId: 9_007_199_254_740_991 }),
  'orders.approvalThreshold': () => undefined,
  'orders.attach': () => ({ orderId: missing(), fileId: missing() }),
  'orders.attachments': () => ({ orderId: missing() }),
  'orders.detach': () => ({ orderId: missing(), fileId: missing() }),
  'orders.create': () => ({ supplierId: missing(), lines: [{ description: 'Matrix yarn', quantity: '1', unit: 'kg', unitPrice: '100' }] }),
  'orders.get': () => ({ orderId: missing() }),
  'orders.history': () => ({ orderId: missing() }),
  'orders.list': () => ({ side: 'purchase' }),
  'orders.setApprovalThreshold': () => ({ threshold: null }),
  'orders.totals': () => ({ side: 'sales' }),
  'orders.transition': () => ({ orderId: missing(), action: 'submit', version: 1 }),
  'orders.update': () => ({ orderId: missing(), version: 1, lines: [{ description: 'x', quantity: '1', unit: 'kg', unitPrice: '1' }] }),
  'production.openOrderLines': () => undefined,
  'reports.cycleTimes': () => ({ side: 'purchase' }),
  'reports.overview': () => undefined,
  'reports.productionLoad': () => ({}),
  'reports.purchasesByMonth': () => ({}),
  'reports.purchasesBySupplier': () => ({ partnerId: missing() }),
  'reports.salesByBuyer': () => ({}),
  'reports.salesByProduct': () => ({}),
  'production.board': () => undefined,
  'production.workOrders.create': () => ({ description: 'Matrix run', quantity: '100', unit: 'kg', operations: [{ name: 'Spinning' }] }),
  'production.workOrders.get': () => ({ workOrderId: missing() }),
  'production.workOrders.list': () => ({}),
  'production.workOrders.update': () => ({ workOrderId: missing(), version: 1, action: 'release' }),
  'search.global': () => ({ term: 'matrix' }),
  'partners.addUnclaimed': () => ({ name: 'Matrix Ginning', country: 'IN', relationship: 'supplier' }),
  'partners.block': () => ({ linkId: missing() }),
  'partners.buyerBranches': () => ({ buyerId: missing() }),
  'partners.cancel': () => ({ linkId: missing() }),
  'partners.decide': () => ({ linkId: missing(), decision: 'accept' }),
  'partners.directory': () => ({}),
  'partners.inviteToClaim': () => ({ companyId: missing() }),
  'partners.list': () => ({}),
  'partners.requestLink': () => ({ supplierId: missing() }),
  'partners.setDirectoryListing': () => ({ listed: true }),
  'partners.unblock': () => ({ linkId: missing() }),
  'partners.waiting': () => undefined,
  'partners.unlink': () => ({ linkId: missing() }),
  'settings.financialYears.close': () => ({ financialYearId: missing() }),
  'settings.financialYears.create': () => ({ label: `M-${randomUUID().slice(0, 6)}`, startsOn: '2090-01-01', endsOn: '2090-01-02' }),
  'settings.financialYears.list': () => undefined,
  'settings.numberSeries.list': () => undefined,
  'twoFactor.beginEnrolment': () => undefined,
  'twoFactor.companyPolicy': () => undefined,
  'twoFactor.confirmEnrolment': () => ({ code: '123456' }),
  'twoFactor.disable': () => ({ password: 'wrong password', code: '123456' }),
  'twoFactor.regenerateRecoveryCodes': () => ({ code: '123456' }),
  'twoFactor.setCompanyPolicy': () => ({ required: false }),
  'twoFactor.status': () => undefined,
  'twoFactor.verify': () => ({ code: '123456' }),
};

/** Calls `path` on a caller with an input, the way the HTTP adapter would. */
export function callProcedure(caller: unknown, path: string, input: unknown): Promise<unknown> {
  let target = caller as Record<string, unknown>;
  for (const segment of path.split('.')) target = target[segment] as Record<string, unknown>;
  return (target as unknown as (input: unknown) => Promise<unknown>)(input);
}
