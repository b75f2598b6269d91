import type { OpenAPIObject } from 'trpc-to-openapi';
import { generateOpenApiDocument } from 'trpc-to-openapi';
import serverPackage from '../../package.json' with { type: 'json' };
import { appRouter } from '../router.ts';

/** Where the REST routes live; relative, so the document holds on any host the app is served from. */
export const REST_BASE_PATH = '/api/v1';
export const API_KEY_SECURITY_SCHEME = 'apiKey';

const DESCRIPTION = `The Tradeloom REST API: the main reads and writes of a company's trade data, for programs.

**Authentication.** Every route needs a company API key (created by an owner or admin on the API keys
screen, with the scopes it may use): \`Authorization: Bearer tlk_…\`. The key acts for its company with
its scopes only. Browser sessions (cookies) are not accepted here: use the app, or a key.

**Errors** are JSON: \`{ "message", "code", "reason"?, "requestId"?, "issues"? }\`. \`code\` is the error
class (\`BAD_REQUEST\` 400, \`UNAUTHORIZED\` 401, \`FORBIDDEN\` 403, \`NOT_FOUND\` 404, \`CONFLICT\` 409);
\`reason\` a machine-readable cause (e.g. \`STALE_VERSION\`, \`PERMISSION_DENIED\`); \`issues\` names each
bad field by its \`path\`. Another company's record is \`NOT_FOUND\`.

**Conventions.** Money and quantities are decimal strings ("1250.50"), timestamps ISO-8601 strings.
Lists return \`{ items, nextCursor }\`: pass \`cursor\` to read the next page. Changes name the
\`version\` they read and get \`409\`/\`STALE_VERSION\` if someone changed the record meanwhile.`;

// What every error body holds beside message and code (see rest-api.ts): the generator knows only
// a bare `issues: [{ message }]`, while ours name the field too.
const ERROR_EXTRA_PROPERTIES = {
  reason: { type: 'string', description: 'Machine-readable cause, e.g. STALE_VERSION or PERMISSION_DENIED' },
  requestId: { type: 'string', description: 'Quote it when asking for support' },
  issues: {
    type: 'array',
    description: 'Each bad input field: its path (e.g. ["lines", 0, "quantity"]) and what is wrong with it',
    items: {
      type: 'object',
      properties: {
        path: { type: 'array', items: { type: ['string', 'number'] } },
        message: { type: 'string' },
        code: { type: 'string' },
      },
      required: ['path', 'message'],
    },
  },
};

function withErrorExtras(document: OpenAPIObject): OpenAPIObject {
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
    if (!name.startsWith('error.') || !('properties' in schema) || !schema.properties) continue;
    Object.assign(schema.properties, ERROR_EXTRA_PROPERTIES);
  }
  return document;
}

function buildDocument(): OpenAPIObject {
  const document = generateOpenApiDocument(appRouter, {
    title: 'Tradeloom API',
    description: DESCRIPTION,
    version: serverPackage.version,
    baseUrl: REST_BASE_PATH,
    securitySchemes: {
      [API_KEY_SECURITY_SCHEME]: { type: 'http', scheme: 'bearer', bearerFormat: 'tlk_…', description: 'A company API key' },
    },
    tags: ['Orders', 'Catalog', 'Partners', 'Production', 'Tenders', 'Trade desk', 'Contracts', 'Webhooks'],
  });
  return withErrorExtras(document);
}

let cached: OpenAPIObject | undefined;

/** The OpenAPI 3.1 document of every procedure with a REST route; built once, from the zod schemas. */
export function openApiDocument(): OpenAPIObject {
  cached ??= buildDocument();
  return cached;
}
