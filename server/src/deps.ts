import type { Database, DbKind, Executor } from '@tradeloom/db';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { Clock } from './lib/clock.ts';
import type { LiveHub } from './modules/live/live-hub.ts';
import type { Mailer } from './modules/mail/mailer.ts';

/** Everything a request or a job needs from the process; built once in main.ts or by a test. */
export interface AppDeps {
  db: Kysely<Database>;
  dbKind: DbKind;
  config: Config;
  clock: Clock;
  mailer: Mailer;
  logger: Logger;
  /** Fans committed changes out to the live streams of this process. */
  live: LiveHub;
}

/** Who asked and from where: copied into audit rows, security events and logs. */
export interface RequestMeta {
  requestId: string;
  ip: string | null;
  userAgent: string | null;
}

/** A principal acting inside one company: a member through a session, or an API key. */
export interface CompanyActor {
  companyId: string;
  userId: string | null;
  apiKeyId: string | null;
  role: import('@tradeloom/shared').Role | null;
  permissions: ReadonlySet<import('@tradeloom/shared').Permission>;
  /** The branches a member is limited to; absent or empty means every branch (API keys: all). */
  branchIds?: readonly string[];
}

/** What service functions receive: dependencies, the request, and the executor to use. */
export interface ServiceContext {
  deps: AppDeps;
  request: RequestMeta;
}
export type { Executor };
