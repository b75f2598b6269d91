import type { OpenApiMeta } from 'trpc-to-openapi';

/** Where a procedure answers under `/api/v1` and how the OpenAPI document describes it. */
export type RestRoute = NonNullable<OpenApiMeta['openapi']>;

type RestPath = `/${string}`;

/**
 * The REST routes of one module, all under its tag in the document:
 * `const rest = restRoutes('Orders'); companyProcedure('orders:read', rest.get('/orders', 'List orders'))`.
 * Every route needs the API key (`protect`), like every company procedure.
 */
export function restRoutes(tag: string) {
  const route =
    (method: RestRoute['method']) =>
    (path: RestPath, summary: string): RestRoute => ({
      method,
      path,
      summary,
      tags: [tag],
      protect: true,
      // A read can miss (404); a write can also meet a changed record or an illegal step (409).
      errorResponses: method === 'GET' ? [400, 401, 403, 404, 500] : [400, 401, 403, 404, 409, 500],
    });
  return { get: route('GET'), post: route('POST'), patch: route('PATCH') };
}
