import type { NextFunction, Request, Response } from 'express';
import type { Config } from '../config.ts';
import { jsonError, writeJsonError } from './rest-errors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The app's own origin plus the configured CORS allowlist. */
function trustedOrigins(config: Config): Set<string> {
  return new Set([new URL(config.publicUrl).origin, ...config.corsOrigins]);
}

/**
 * CSRF defence for cookie-authenticated writes (Lucia, OWASP): a state-changing request must say
 * it comes from us — `Sec-Fetch-Site: same-origin`, or an allow-listed `Origin`. A request that
 * says neither is refused (fail-safe). Programs using an API key and no cookie are exempt:
 * browsers never attach an Authorization header cross-site on their own.
 */
export function originGuard(config: Config) {
  const ownOrigins = trustedOrigins(config);
  const crossOrigins = new Set(config.corsOrigins);
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const hasCookie = Boolean(req.headers.cookie);
    if (/^Bearer\s/i.test(req.headers.authorization ?? '') && !hasCookie) return next();
    const fetchSite = req.headers['sec-fetch-site'];
    const origin = req.headers.origin;
    // Browsers set Sec-Fetch-Site themselves; when present it decides. Same-site siblings
    // (evil.app.example.com) are cross-origin too, and refused unless allow-listed.
    const trusted = fetchSite
      ? fetchSite === 'same-origin' || (origin !== undefined && crossOrigins.has(origin))
      : origin !== undefined && ownOrigins.has(origin);
    if (trusted) return next();
    writeJsonError(res, jsonError('FORBIDDEN', 'Cross-site request refused.'));
  };
}

/** Strict CORS: only allow-listed origins get credentials; nothing is reflected. */
export function corsAllowlist(config: Config) {
  const allowed = new Set(config.corsOrigins);
  return (req: Request, res: Response, next: NextFunction) => {
    const origin = req.headers.origin;
    if (origin && allowed.has(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Vary', 'Origin');
      if (req.method === 'OPTIONS') {
        res.setHeader('Access-Control-Allow-Methods', 'GET, POST');
        res.setHeader('Access-Control-Allow-Headers', 'content-type, authorization, x-request-id, trpc-accept');
        res.setHeader('Access-Control-Max-Age', '600');
        res.status(204).end();
        return;
      }
    }
    next();
  };
}
