import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { sql } from 'kysely';
import { pinoHttp } from 'pino-http';
import type { AppDeps } from './deps.ts';
import { apiDescription } from './http/api-description.ts';
import { clientAssets } from './http/client-assets.ts';
import { csvExportsRouter } from './http/csv-exports.routes.ts';
import { requestLogFields, responseLogFields } from './http/log-redaction.ts';
import { createMetrics, metricsAccess, routeLabel } from './http/metrics.ts';
import { corsAllowlist, originGuard } from './http/origin-guard.ts';
import { contextFromHttp } from './http/request-context.ts';
import { requestScope } from './http/request-scope.ts';
import { restApi } from './http/rest-api.ts';
import { jsonError, writeJsonError } from './http/rest-errors.ts';
import { isEventStream, singleWriteResponses } from './http/single-write.ts';
import { apiRateLimit } from './modules/api-keys/api-rate-limit.ts';
import { auditCsv } from './modules/audit/audit-export.ts';
import { productCsv } from './modules/catalog/catalog-export.ts';
import { deliveryPdfRouter } from './modules/deliveries/delivery-pdf.routes.ts';
import { filesRouter } from './modules/files/files.routes.ts';
import { invoiceDocumentsRouter } from './modules/finance/invoice-documents.routes.ts';
import { statementDocumentsRouter } from './modules/finance/statement-documents.routes.ts';
import { orderCsv } from './modules/orders/order-export.ts';
import { orderPdfRouter } from './modules/orders/order-pdf.routes.ts';
import { partnerCsv } from './modules/partners/partner-export.ts';
import { workOrderCsv } from './modules/production/work-order-export.ts';
import { tenderComparisonCsv } from './modules/sourcing/comparison-export.ts';
import { tenderCsv } from './modules/sourcing/tender-export.ts';
import { appRouter } from './router.ts';
import type { Context } from './trpc/context.ts';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export interface CreateAppOptions {
  /** Folder with the built React app (index.html + assets); served with an SPA fallback. */
  clientDir?: string;
}

export function createApp(deps: AppDeps, options: CreateAppOptions = {}) {
  const { config, logger } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxyHops);
  const knownProcedures: ReadonlySet<string> = new Set(Object.keys(appRouter._def.procedures));
  const metrics = createMetrics(knownProcedures);
  // The finished request's line names its route template, as the metrics do.
  const withRoute = (req: IncomingMessage, _res: ServerResponse, fields: object) => ({
    ...fields,
    route: routeLabel(req as Request, knownProcedures),
  });

  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/metrics' },
      // A lean line (id, method, redacted URL, route, status, duration): no headers, no tokens from links.
      serializers: { req: requestLogFields, res: responseLogFields },
      customSuccessObject: withRoute,
      customErrorObject: withRoute,
    }),
  );
  // After pino-http (the request id exists): a failure that escapes its handler can still find its request.
  app.use(requestScope);
  app.use(metrics.middleware);
  app.use(
    helmet({
      // The app loads only its own scripts; Mantine sets inline style attributes.
      contentSecurityPolicy: {
        directives: {
          'script-src': ["'self'"],
          'style-src': ["'self'", "'unsafe-inline'"],
          'upgrade-insecure-requests': config.secureCookies ? [] : null,
        },
      },
      strictTransportSecurity: config.secureCookies,
    }),
  );
  app.use(corsAllowlist(config));
  app.use((req, res, next) => {
    if (req.method === 'TRACE' || req.method === 'TRACK') return void res.status(405).end();
    next();
  });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await sql`select 1`.execute(deps.db);
      res.json({ status: 'ready', database: deps.dbKind, mail: deps.mailer.kind });
    } catch {
      res.status(503).json({ status: 'unavailable', database: deps.dbKind, mail: deps.mailer.kind });
    }
  });
  app.get('/metrics', metricsAccess({ token: config.metricsToken, production: config.env === 'production' }), async (_req, res) => {
    res.setHeader('Content-Type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });

  // Per API key (or client IP without key or session), before any API route reads the request.
  app.use(['/trpc', '/api/v1'], apiRateLimit(deps));
  app.use(
    '/trpc',
    originGuard(config),
    (req, _res, next) => {
      if (isEventStream(req)) deps.live.holdStream(req.socket);
      next();
    },
    singleWriteResponses(),
    createExpressMiddleware({
      router: appRouter,
      maxBatchSize: config.limits.maxBatchSize,
      maxBodySize: config.limits.maxBodyBytes,
      createContext: ({ req, res }): Context => contextFromHttp(deps, req, res),
      onError: ({ error, path: procedure, req }) => {
        if (error.code === 'INTERNAL_SERVER_ERROR') req.log.error({ err: error.cause ?? error, procedure }, 'procedure failed');
      },
    }),
  );

  // Programs: REST routes (API key only) and the public OpenAPI document with its viewer.
  app.use('/api/v1', restApi(deps));
  app.use('/api', apiDescription());
  app.use('/files', originGuard(config), filesRouter(deps));
  app.use('/documents/orders', orderPdfRouter(deps));
  app.use('/documents/statements', statementDocumentsRouter(deps));
  app.use('/documents/deliveries', deliveryPdfRouter(deps));
  app.use('/documents/invoices', invoiceDocumentsRouter(deps));
  app.use('/exports', csvExportsRouter(deps, [orderCsv, productCsv, partnerCsv, workOrderCsv, auditCsv, tenderCsv, tenderComparisonCsv]));

  const clientDir = options.clientDir;
  if (clientDir && existsSync(path.join(clientDir, 'index.html'))) app.use(clientAssets(clientDir));

  app.use((_req, res) => {
    writeJsonError(res, jsonError('NOT_FOUND', 'Not found.'));
  });
  // Our own error handler: Express's default one prints stacks.
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    req.log?.error({ err: error }, 'unhandled error');
    // Part of the answer is already out: only cutting the connection tells the client it failed.
    if (res.headersSent) return void res.destroy();
    const status = typeof (error as { status?: unknown }).status === 'number' ? (error as { status: number }).status : 500;
    const error4xx = status < 500;
    writeJsonError(
      res,
      jsonError(error4xx ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR', error4xx ? 'Bad request.' : 'Internal error.'),
      status,
    );
  });

  return app;
}
