import type { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import express, { type NextFunction, type Request, type Response, Router } from 'express';
import { createOpenApiExpressMiddleware, type OpenApiRouter } from 'trpc-to-openapi';
import type { AppDeps } from '../deps.ts';
import { appRouter } from '../router.ts';
import type { Context } from '../trpc/context.ts';
import { appError, reasonOf } from '../trpc/errors.ts';
import { contextFromHttp } from './request-context.ts';
import { jsonError } from './rest-errors.ts';

/** The error body every /api/v1 answer gives (the shape the OpenAPI document declares). */
interface RestErrorBody {
  message: string;
  code: TRPCError['code'];
  reason?: string;
  requestId?: string;
}

const apiKeyRequired = () =>
  appError(
    'UNAUTHORIZED',
    'API_KEY_REQUIRED',
    'The REST API takes an API key: send Authorization: Bearer tlk_… (a browser session is not accepted here).',
  );

/**
 * The REST context: the /trpc one with the API key as the only credential. A session cookie is
 * ignored, so a page on another site cannot make a signed-in browser call these routes (no CSRF),
 * and a program never depends on a person's session.
 */
function restContext(deps: AppDeps, req: Request, res: Response): Context {
  const ctx = contextFromHttp(deps, req, res);
  if (!ctx.credentials.apiKey) throw apiKeyRequired();
  return { ...ctx, credentials: { sessionToken: null, apiKey: ctx.credentials.apiKey } };
}

/**
 * The adapter answers `{ ...errorShape, message, code, issues }`; this formatter makes errorShape
 * the flat body above (the /trpc formatter nests it under `data`). Internal errors keep their
 * generic message from the shared formatter's rule: never a stack or SQL.
 */
const restErrorFormatter = ({ error, ctx }: { error: TRPCError; ctx?: Context }): RestErrorBody => ({
  message:
    error.code === 'INTERNAL_SERVER_ERROR'
      ? `Something went wrong on our side. Reference: ${ctx?.request.requestId ?? 'unknown'}.`
      : error.message,
  code: error.code,
  reason: reasonOf(error.cause),
  requestId: ctx?.request.requestId,
});

// The same procedures with the REST error formatter: the adapter formats with the router's config.
const restRouter: OpenApiRouter = {
  ...appRouter,
  _def: { ...appRouter._def, _config: { ...appRouter._def._config, errorFormatter: restErrorFormatter } },
};

function sendRestError(res: Response, error: TRPCError, status = getHTTPStatusCodeFromError(error)): void {
  const body: RestErrorBody = { message: error.message, code: error.code, reason: reasonOf(error.cause), requestId: String(res.req.id) };
  res.status(status).json(body);
}

/** Body-parser failures (not JSON, too large) in the same JSON shape as every other error here. */
function restBodyErrors(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status !== 'number' || status >= 500 || res.headersSent) return void next(error);
  const message = status === 413 ? 'The request body is too large.' : 'The request body is not valid JSON.';
  sendRestError(res, jsonError(status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST', message), status);
}

/**
 * REST routes for programs, generated from the procedures that declare a `rest` route (see
 * openapi-document.ts): same services, permissions, scopes and errors as /trpc, API key only.
 */
export function restApi(deps: AppDeps): Router {
  const api = Router();
  api.use((_req, res, next) => {
    // Company data: never kept by a cache between the program and us.
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  api.use(express.json({ limit: deps.config.limits.maxBodyBytes }));
  api.use(
    createOpenApiExpressMiddleware({
      router: restRouter,
      maxBodySize: deps.config.limits.maxBodyBytes,
      createContext: ({ req, res }) => restContext(deps, req, res),
      onError: ({ error, path, req }) => {
        if (error.code === 'INTERNAL_SERVER_ERROR')
          (req as Request).log.error({ err: error.cause ?? error, procedure: path }, 'procedure failed');
      },
    }),
  );
  api.use(restBodyErrors);
  return api;
}
