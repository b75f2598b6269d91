import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import path from 'node:path';
import { StartupError } from './startup-error.ts';

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  /** The address the HTTP server binds: all interfaces unless HOST names one (e.g. 127.0.0.1). */
  host: string;
  /** Where links in emails point, and the origin the app is served from. */
  publicUrl: string;
  databaseUrl: string | undefined;
  dataDir: string;
  /** Extra origins allowed to call the API with credentials (CORS). The app's own origin needs none. */
  corsOrigins: string[];
  /** `__Host-` cookie with Secure; off only for plain-http local development. */
  secureCookies: boolean;
  /** Number of proxy hops to trust for X-Forwarded-For; 0 trusts none. */
  trustProxyHops: number;
  smtpUrl: string | undefined;
  /** `MAIL_TRANSPORT=disabled`: run without sending mail at all (an explicit production opt-out). */
  mailDisabled: boolean;
  mailFrom: string;
  session: { inactivityMs: number; absoluteMs: number; refreshAfterMs: number };
  limits: { maxBatchSize: number; maxBodyBytes: number };
  runJobs: boolean;
  logLevel: string;
  /** Bearer token for /metrics; without it /metrics is open outside production and absent in it. */
  metricsToken: string | undefined;
  /**
   * AES-256 key the TOTP secrets are encrypted under (`TWO_FACTOR_KEY`, 32 bytes as base64 or hex).
   * Outside production a fixed key is derived when none is given; production refuses to start without one.
   */
  twoFactorKey: Buffer | undefined;
  webhooks: WebhookConfig;
  apiRateLimit: ApiRateLimitConfig;
}

/** Calls per minute on /trpc and /api/v1 (each call of a batch counts); signed-in people are not limited. */
export interface ApiRateLimitConfig {
  /** Per API key unless an admin set its own (`API_RATE_LIMIT_DEFAULT`, default 600). */
  defaultPerMinute: number;
  /** The plan's ceiling: no key may be set above it (`API_RATE_LIMIT_CEILING`, default 6000). */
  ceilingPerMinute: number;
  /** Per client IP for calls without a key or session (`API_RATE_LIMIT_ANONYMOUS`, default 300). */
  anonymousPerMinute: number;
}

export interface WebhookConfig {
  /**
   * Hosts (names or IP addresses, `WEBHOOK_ALLOW_HOSTS`, comma-separated, empty by default) an
   * endpoint may use even though they resolve to a private or loopback address: a receiver on
   * 127.0.0.1 for tests and local use. Nothing else private is ever reached.
   */
  allowHosts: string[];
  /** `WEBHOOK_ALLOW_HTTP=true`: plain http:// endpoints are accepted (local use); otherwise https only. */
  allowHttp: boolean;
  /** How long one attempt waits for the receiver's answer (`WEBHOOK_TIMEOUT_MS`, default 10 s). */
  timeoutMs: number;
}

export type MailTransport = 'smtp' | 'dev-mailbox' | 'disabled';

/** How mail leaves this process: SMTP, the development mailbox table, or not at all. */
export function mailTransportOf(config: Pick<Config, 'smtpUrl' | 'mailDisabled'>): MailTransport {
  if (config.mailDisabled) return 'disabled';
  return config.smtpUrl ? 'smtp' : 'dev-mailbox';
}

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

function int(value: string | undefined, fallback: number): number {
  const parsed = value === undefined ? Number.NaN : Number.parseInt(value, 10);
  return Number.isFinite(parsed) ? parsed : fallback;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const config: Config = { ...configFromEnv(env), ...overrides };
  assertMailInProduction(config);
  assertTwoFactorKey(config, env.TWO_FACTOR_KEY);
  assertHost(config.host);
  assertApiRateLimits(config.apiRateLimit);
  return config;
}

// The dev mailbox keeps live sign-up, reset and invitation links in a table and sends nothing: in
// production that silently locks users out. Refuse to start unless mail is configured or
// explicitly turned off.
function assertMailInProduction(config: Config): void {
  if (config.env === 'production' && mailTransportOf(config) === 'dev-mailbox') {
    throw new StartupError(
      'In production Tradeloom needs SMTP_URL to send sign-up, password-reset and invitation mail (or MAIL_TRANSPORT=disabled to run without mail).',
    );
  }
}

// Losing this key locks every two-factor user out, so production must name it rather than get
// one made up at start (a made-up key would change on each restart).
function assertTwoFactorKey(config: Config, given: string | undefined): void {
  if (given && !config.twoFactorKey) {
    throw new StartupError('TWO_FACTOR_KEY must be 32 bytes written as base64 or hex (e.g. the output of `openssl rand -base64 32`).');
  }
  if (config.env === 'production' && !config.twoFactorKey) {
    throw new StartupError(
      'In production Tradeloom needs TWO_FACTOR_KEY (32 bytes as base64 or hex, e.g. `openssl rand -base64 32`) to encrypt two-factor secrets.',
    );
  }
}

/** 32 bytes from hex or base64, or undefined when the text is neither. */
function parseKey(text: string | undefined): Buffer | undefined {
  const value = text?.trim();
  if (!value) return undefined;
  const key = /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  return key.length === 32 ? key : undefined;
}

// Development and tests get a fixed key so local two-factor enrolments survive restarts; it is
// public, which is why production never falls back to it.
const DEVELOPMENT_TWO_FACTOR_KEY = createHash('sha256').update('tradeloom development two-factor key').digest();

// An address or a host name (letters, digits, dots, hyphens); anything else is a typo to report
// before the listen call turns it into a DNS error.
const HOST_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

function assertHost(host: string): void {
  if (isIP(host) === 0 && !HOST_NAME.test(host)) {
    throw new StartupError(`HOST must be an IP address or a host name to listen on (e.g. 127.0.0.1), not "${host}".`);
  }
}

function assertApiRateLimits(limits: ApiRateLimitConfig): void {
  const { defaultPerMinute, ceilingPerMinute, anonymousPerMinute } = limits;
  if (!(defaultPerMinute > 0 && ceilingPerMinute > 0 && anonymousPerMinute > 0)) {
    throw new StartupError(
      'API_RATE_LIMIT_DEFAULT, API_RATE_LIMIT_CEILING and API_RATE_LIMIT_ANONYMOUS must be positive numbers of calls per minute.',
    );
  }
  if (defaultPerMinute > ceilingPerMinute) {
    throw new StartupError(`API_RATE_LIMIT_DEFAULT (${defaultPerMinute}) must not be above API_RATE_LIMIT_CEILING (${ceilingPerMinute}).`);
  }
}

function configFromEnv(env: NodeJS.ProcessEnv): Config {
  const mode = env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
  const port = int(env.PORT, 3000);
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, '');
  return {
    env: mode,
    port,
    host: env.HOST?.trim() || '0.0.0.0',
    publicUrl,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.DATA_DIR ?? '.data'),
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    secureCookies: env.SECURE_COOKIES ? env.SECURE_COOKIES === 'true' : publicUrl.startsWith('https://'),
    trustProxyHops: int(env.TRUST_PROXY_HOPS, 0),
    smtpUrl: env.SMTP_URL || undefined,
    mailDisabled: env.MAIL_TRANSPORT === 'disabled',
    mailFrom: env.MAIL_FROM ?? 'Tradeloom <no-reply@tradeloom.local>',
    session: {
      inactivityMs: int(env.SESSION_IDLE_HOURS, 7 * 24) * HOUR,
      absoluteMs: int(env.SESSION_MAX_DAYS, 30) * DAY,
      refreshAfterMs: HOUR,
    },
    limits: { maxBatchSize: 10, maxBodyBytes: 1024 * 1024 },
    runJobs: env.RUN_JOBS !== 'false',
    logLevel: env.LOG_LEVEL ?? (mode === 'test' ? 'silent' : 'info'),
    metricsToken: env.METRICS_TOKEN || undefined,
    twoFactorKey: parseKey(env.TWO_FACTOR_KEY) ?? (mode === 'production' || env.TWO_FACTOR_KEY ? undefined : DEVELOPMENT_TWO_FACTOR_KEY),
    webhooks: {
      allowHosts: (env.WEBHOOK_ALLOW_HOSTS ?? '')
        .split(',')
        .map((host) => host.trim().toLowerCase())
        .filter(Boolean),
      allowHttp: env.WEBHOOK_ALLOW_HTTP === 'true',
      timeoutMs: int(env.WEBHOOK_TIMEOUT_MS, 10_000),
    },
    apiRateLimit: {
      defaultPerMinute: int(env.API_RATE_LIMIT_DEFAULT, 600),
      ceilingPerMinute: int(env.API_RATE_LIMIT_CEILING, 6000),
      anonymousPerMinute: int(env.API_RATE_LIMIT_ANONYMOUS, 300),
    },
  };
}
