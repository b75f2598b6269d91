import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** One registry per app instance, so tests that start several apps do not collide. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route kind and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const middleware = (req: Request, res: Response, next: NextFunction) => {
    const end = duration.startTimer();
    res.on('finish', () => {
      // The tRPC path names the procedure(s); other routes are few and fixed.
      const route = req.path.startsWith('/trpc/')
        ? `trpc:${req.path.slice(6).split(',').length > 1 ? 'batch' : req.path.slice(6)}`
        : req.path.startsWith('/assets/')
          ? 'assets'
          : req.path;
      end({ method: req.method, route: route.slice(0, 80), status: String(res.statusCode) });
    });
    next();
  };
  return { registry, middleware };
}
