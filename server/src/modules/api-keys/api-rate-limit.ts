import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AppDeps } from '../../deps.ts';
import { writeJsonError } from '../../http/rest-errors.ts';
import { readSessionToken } from '../../http/session-cookie.ts';
import { hashSecret } from '../../lib/secrets.ts';
import { appError } from '../../trpc/errors.ts';
import { consume } from '../auth/rate-limits.ts';
import { holdsSession } from '../auth/sessions.service.ts';
import { findKeyRateLimitByHash } from './api-key-lookup.ts';
import { countKeyUsage, utcDay } from './api-key-usage.ts';

const WINDOW_MS = 60_000;

// Limits calls to the API (/trpc, /api/v1) per API key, and per client IP for calls with neither a
// key nor a session, in auth's database counters so that every app process shares them. It runs
// before the body is read, so a flood is refused at the cost of two small statements. Answers carry
// the IETF draft's RateLimit-Limit/-Remaining/-Reset; a refusal is 429 with Retry-After.

interface Subject {
  counterKey: string;
  perMinute: number;
  apiKey: { id: string; companyId: string } | null;
}

/**
 * Who the request counts against: its API key, or its IP; null for a signed-in person. A key that
 * is not valid counts against the IP, so guessing keys is limited too.
 */
async function subjectOf(deps: AppDeps, req: Request): Promise<Subject | null> {
  const { config, db } = deps;
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (bearer) {
    const key = await findKeyRateLimitByHash(db, hashSecret(bearer));
    if (key) {
      const perMinute = key.rate_limit_per_minute ?? config.apiRateLimit.defaultPerMinute;
      return { counterKey: `api:key:${key.id}`, perMinute, apiKey: { id: key.id, companyId: key.company_id } };
    }
  } else {
    const session = readSessionToken(req, config);
    if (session && (await holdsSession(db, session))) return null;
  }
  return { counterKey: `api:ip:${req.ip ?? 'unknown'}`, perMinute: config.apiRateLimit.anonymousPerMinute, apiKey: null };
}

/** Calls in the request: a tRPC batch (`/a,b,c?batch=1`) is one per procedure. */
function callsIn(req: Request): number {
  if (req.query.batch !== '1') return 1;
  return Math.max(1, req.path.split(',').length);
}

export function apiRateLimit(deps: AppDeps): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const subject = await subjectOf(deps, req);
      if (!subject) return next();
      const calls = callsIn(req);
      const { count, resetAt } = await consume(deps.db, deps.clock, subject.counterKey, calls, {
        max: subject.perMinute,
        windowMs: WINDOW_MS,
      });
      // Read after counting: a window that started at this very call then resets in at most 60 s.
      const now = deps.clock.now();
      // A batch goes through whole or not at all.
      const limited = count > subject.perMinute;
      if (subject.apiKey) {
        const { id, companyId } = subject.apiKey;
        await countKeyUsage(deps.db, { apiKeyId: id, companyId, day: utcDay(now), requests: calls, limited: limited ? calls : 0 });
      }
      const resetSeconds = Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000));
      res.setHeader('RateLimit-Limit', subject.perMinute);
      res.setHeader('RateLimit-Remaining', Math.max(0, subject.perMinute - count));
      res.setHeader('RateLimit-Reset', resetSeconds);
      if (!limited) return next();
      res.setHeader('Retry-After', resetSeconds);
      const who = subject.apiKey ? 'this API key' : 'your address';
      writeJsonError(
        res,
        appError(
          'TOO_MANY_REQUESTS',
          'RATE_LIMITED',
          `Too many calls: ${who} may make ${subject.perMinute} a minute. Try again in ${resetSeconds} seconds.`,
        ),
      );
    } catch (error) {
      // Fail open: the call meets the same database in its procedure, which answers in the API's
      // own error shape; a limiter that failed closed would only turn every answer into a bare 500.
      req.log?.error({ err: error }, 'rate limit not checked');
      next();
    }
  };
}
