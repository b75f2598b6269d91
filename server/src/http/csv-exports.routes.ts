import type { Page, Permission } from '@tradeloom/shared';
import { Router } from 'express';
import type { z } from 'zod';
import type { AppDeps, CompanyActor, ServiceContext } from '../deps.ts';
import { type CsvColumn, writeCsv } from '../lib/csv.ts';
import { resolveCompanyActor } from '../trpc/procedures.ts';
import { contextFromHttp } from './request-context.ts';
import { jsonError, sendRestError } from './rest-errors.ts';

/**
 * A list a module offers as CSV: the list's own filter schema and page function (so the file holds
 * exactly what the screen shows) and the columns. The route pages through it by keyset cursor.
 */
export interface CsvExport<F, R> {
  /** The URL segment and file name: `/exports/orders.csv`. */
  name: string;
  permission: Permission;
  filters: z.ZodType<F>;
  /** Rows per page: the list's largest page. */
  chunk: number;
  page(ctx: ServiceContext, actor: CompanyActor, filters: F, cursor: string | undefined, limit: number): Promise<Page<R>>;
  columns: readonly CsvColumn<R>[];
}

/** Erases a definition's row types for the registry; each definition is checked where it is written. */
export function csvExport<F, R>(definition: CsvExport<F, R>): CsvExport<unknown, unknown> {
  return definition as unknown as CsvExport<unknown, unknown>;
}

// REST errors carry a message and no field list, so the message names each field.
function invalidFilters(problems: Record<string, string>) {
  const fields = Object.entries(problems).map(([field, problem]) => `${field}: ${problem}`);
  return jsonError('BAD_REQUEST', `Invalid input — ${fields.join('; ')}`);
}

/** The `input` query parameter (the list's filters as JSON, as tRPC GETs send them), validated. */
function parseFilters<F>(schema: z.ZodType<F>, raw: unknown): F {
  let json: unknown = {};
  if (typeof raw === 'string' && raw !== '') {
    try {
      json = JSON.parse(raw);
    } catch {
      throw invalidFilters({ input: 'is not valid JSON' });
    }
  } else if (raw !== undefined) throw invalidFilters({ input: 'must be given once, as JSON' });
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw invalidFilters(Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join('.') || 'input', issue.message])));
}

async function* pagesFrom<R>(first: Page<R>, next: (cursor: string) => Promise<Page<R>>): AsyncGenerator<readonly R[]> {
  let page = first;
  yield page.items;
  while (page.nextCursor) {
    page = await next(page.nextCursor);
    yield page.items;
  }
}

/** GET /exports/:name.csv?input=… — session cookie or API key, the actor's company only. */
export function csvExportsRouter(deps: AppDeps, exports: readonly CsvExport<unknown, unknown>[]): Router {
  const byName = new Map(exports.map((definition) => [definition.name, definition]));
  const router = Router();
  router.get('/:name.csv', async (req, res, next) => {
    try {
      const definition = byName.get(req.params.name);
      if (!definition) throw jsonError('NOT_FOUND', 'There is no such export.');
      const ctx = contextFromHttp(deps, req, res);
      const { actor } = await resolveCompanyActor(ctx, definition.permission);
      const filters = parseFilters(definition.filters, req.query.input);
      const fetchPage = (cursor: string | undefined) => definition.page(ctx, actor, filters, cursor, definition.chunk);
      // The first page before any header: a refused filter or cursor still answers as JSON.
      const first = await fetchPage(undefined);
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Cache-Control', 'private, no-store');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Content-Disposition', `attachment; filename="${definition.name}-${deps.clock.now().toISOString().slice(0, 10)}.csv"`);
      try {
        await writeCsv(res, definition.columns, pagesFrom(first, fetchPage));
        res.end();
      } catch (error) {
        // Headers are gone: cut the connection so the download fails rather than looks complete.
        req.log.error({ err: error }, 'csv export failed mid-stream');
        res.destroy();
      }
    } catch (error) {
      sendRestError(res, error, next);
    }
  });
  return router;
}
