import { randomUUID } from 'node:crypto';
import type { Role } from '@tradeloom/shared';
import type { Page } from 'playwright-core';
import { type browserSuite, E2E_PASSWORD } from './browser.ts';

// Arranging over the app's own HTTP API, as a program would: what a browser test checks is the
// screen, and building each company through its screens would only repeat forms tested elsewhere.

type Suite = ReturnType<typeof browserSuite>;

export interface ApiUser {
  id: string;
  email: string;
  token: string;
  /** Calls one tRPC procedure as this user: a query when `kind` says so, else a mutation. */
  call<T = unknown>(path: string, input?: unknown, kind?: 'query' | 'mutation'): Promise<T>;
}

async function trpc<T>(url: string, path: string, input: unknown, kind: 'query' | 'mutation', token?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json', origin: url };
  if (token) headers.cookie = `tl_session=${token}`;
  const response =
    kind === 'query'
      ? await fetch(`${url}/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`, { headers })
      : await fetch(`${url}/trpc/${path}`, { method: 'POST', headers, body: input === undefined ? undefined : JSON.stringify(input) });
  const body = (await response.json()) as { result?: { data: T }; error?: { message: string } };
  if (!response.ok || !body.result) throw new Error(`${path} failed: ${body.error?.message ?? response.status}`);
  return { data: body.result.data, response };
}

/** A signed-up, confirmed and signed-in user. */
export async function apiUser(suite: Suite, label: string): Promise<ApiUser> {
  const email = `${label.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${randomUUID().slice(0, 6)}@e2e.example`;
  await trpc(suite.url, 'auth.register', { email, password: E2E_PASSWORD, name: label }, 'mutation');
  await suite.db.updateTable('users').set({ email_verified_at: new Date() }).where('email', '=', email).execute();
  const { data, response } = await trpc<{ userId: string }>(suite.url, 'auth.login', { email, password: E2E_PASSWORD }, 'mutation');
  const token = /tl_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
  if (!token) throw new Error('login set no session cookie');
  return {
    id: data.userId,
    email,
    token,
    call: async (path, input, kind = 'mutation') => (await trpc(suite.url, path, input, kind, token)).data as never,
  };
}

export interface ApiCompany {
  id: string;
  name: string;
  members: Partial<Record<Role, ApiUser>> & { owner: ApiUser };
}

/**
 * A company its owner created, with one member in each of `roles` besides. Sign-ups and sign-ins
 * share the server's per-address limits (30 each), so a test asks only for the roles it uses.
 */
export async function apiCompany(suite: Suite, label: string, roles: Exclude<Role, 'owner'>[] = []): Promise<ApiCompany> {
  const owner = await apiUser(suite, `${label} owner`);
  const name = `${label} ${randomUUID().slice(0, 4)}`;
  const company = await owner.call<{ id: string }>('companies.create', { name, country: 'IN', isSupplier: true });
  const members: ApiCompany['members'] = { owner };
  for (const role of roles) {
    const user = await apiUser(suite, `${label} ${role}`);
    await suite.db.insertInto('memberships').values({ company_id: company.id, user_id: user.id, role }).execute();
    await user.call('companies.switch', { companyId: company.id });
    members[role] = user;
  }
  return { id: company.id, name, members };
}

/** A browser page signed in as this user, at `path`. */
export async function pageAs(suite: Suite, user: ApiUser, path = '/', viewport?: { width: number; height: number }): Promise<Page> {
  const context = await suite.browser.newContext(viewport ? { viewport } : {});
  await context.addCookies([{ name: 'tl_session', value: user.token, url: suite.url }]);
  const page = await context.newPage();
  await page.goto(`${suite.url}${path}`);
  return page;
}
