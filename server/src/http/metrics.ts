import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { jsonError, writeJsonError } from './rest-errors.ts';

/** The label of every request no route claimed: one label, however many distinct paths arrive. */
const UNMATCHED_ROUTE = 'unmatched';

/**
 * The route template a request matched, never its raw path: raw paths carry ids (file and order ids
 * leaked through /metrics) and an anonymous client can send endless distinct ones (20,000 paths grew
 * the registry to 30 MB). A tRPC path is named only when every procedure in it exists.
 */
export function routeLabel(req: Request, knownProcedures: ReadonlySet<string>): string {
  if (req.baseUrl === '/trpc' || req.originalUrl.startsWith('/trpc/')) return trpcLabel(req, knownProcedures);
  if (req.route) return typeof req.route.path === 'string' ? templateOf(req.baseUrl, req.route.path) : '(app shell)';
  if (req.originalUrl.startsWith('/assets/') && req.res?.statusCode === 200) return '/assets/*';
  return UNMATCHED_ROUTE;
}

// A router's own root ('/' under '/files') is labelled '/files', not '/files/'.
const templateOf = (baseUrl: string, routePath: string) => (baseUrl && routePath === '/' ? baseUrl : `${baseUrl}${routePath}`);

function trpcLabel(req: Request, knownProcedures: ReadonlySet<string>): string {
  const names = (req.originalUrl.slice('/trpc/'.length).split('?')[0] ?? '').split(',');
  if (!names.every((name) => knownProcedures.has(name))) return UNMATCHED_ROUTE;
  return names.length === 1 ? `/trpc/${names[0]}` : '/trpc/(batch)';
}

/** One registry per app instance, so tests that start several apps do not collide. */
export function createMetrics(knownProcedures: ReadonlySet<string>) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route template and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const middleware = (req: Request, res: Response, next: NextFunction) => {
    const end = duration.startTimer();
    // By 'finish' the router has matched (or not): req.route and req.baseUrl name the template.
    const route = () => routeLabel(req, knownProcedures);
    res.on('finish', () => end({ method: knownMethod(req.method), route: route(), status: String(res.statusCode) }));
    next();
  };
  return { registry, middleware };
}

// The method is client-chosen too: anything unusual shares one label.
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const knownMethod = (method: string) => (METHODS.has(method) ? method : 'OTHER');

/**
 * Who may read /metrics: with METRICS_TOKEN, a scraper sending `Authorization: Bearer <token>`;
 * without it, anyone outside production and no one in production (404, as if there were no such page).
 */
export function metricsAccess(options: { token: string | undefined; production: boolean }): RequestHandler {
  const expected = options.token ? Buffer.from(options.token) : null;
  return (req, res, next) => {
    if (!expected) return options.production ? writeJsonError(res, jsonError('NOT_FOUND', 'Not found.')) : next();
    const sent = Buffer.from(/^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '');
    if (sent.length === expected.length && timingSafeEqual(sent, expected)) return next();
    res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
    writeJsonError(res, jsonError('UNAUTHORIZED', 'A valid metrics token is required.'));
  };
}
