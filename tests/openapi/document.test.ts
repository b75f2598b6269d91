import { validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import serverPackage from '../../server/package.json' with { type: 'json' };
import { API_KEY_SECURITY_SCHEME, openApiDocument } from '../../server/src/http/openapi-document.ts';
import { appRouter } from '../../server/src/router.ts';
import { setupTestApp, type TestApp } from '../harness/app.ts';

// The document the REST API is described by: served without sign-in, valid OpenAPI 3.1, and
// complete enough that a program can call every route from it alone.

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
// biome-ignore lint/suspicious/noExplicitAny: a JSON document, checked by the validator and the assertions below
type Json = Record<string, any>;
type Operation = Json;

function operationsOf(document: Json): { method: string; path: string; operation: Operation }[] {
  return Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    HTTP_METHODS.filter((method) => (item as Record<string, unknown>)[method]).map((method) => ({
      method,
      path,
      operation: (item as Record<string, Operation>)[method] as Operation,
    })),
  );
}

let app: TestApp;
let http: { url: string; close(): Promise<void> };
let served: Json;
beforeAll(async () => {
  app = await setupTestApp();
  http = await app.startHttp();
  const response = await fetch(`${http.url}/api/openapi.json`);
  expect(response.status).toBe(200);
  served = await response.json();
});
afterAll(async () => {
  await http.close();
  await app.close();
});

describe('GET /api/openapi.json', () => {
  it('is served to anyone, without a session or key', () => {
    expect(served.openapi).toBe('3.1.0');
    expect(served).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });

  it('validates against the OpenAPI 3.1 schema', async () => {
    // The parser resolves references in place: give it a copy.
    await expect(validate(structuredClone(served) as never)).resolves.toMatchObject({ valid: true });
  });

  it('the validator refuses a broken document (so the check above can fail)', async () => {
    const broken = structuredClone(served);
    const [firstPath] = Object.keys(broken.paths);
    delete broken.paths[firstPath as string].get?.responses;
    delete broken.paths[firstPath as string].post?.responses;
    broken.info = { title: 'no version' };
    const result = await validate(broken as never);
    expect(result.valid).toBe(false);
  });

  it('names the API, its version (the server package) and the bearer API-key scheme', () => {
    expect(served.info).toMatchObject({ title: 'Tradeloom API', version: serverPackage.version });
    expect(served.info.description).toContain('Authorization: Bearer tlk_');
    expect(served.components.securitySchemes[API_KEY_SECURITY_SCHEME]).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(served.servers).toEqual([{ url: '/api/v1' }]);
  });
});

describe('every operation', () => {
  const operations = operationsOf(openApiDocument());
  const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { inputs: unknown[]; meta?: { openapi?: unknown } } }>;

  it('lists exactly the procedures that declare a REST route', () => {
    const declared = Object.entries(procedures)
      .filter(([, procedure]) => procedure._def.meta?.openapi)
      .map(([path]) => path.replaceAll('.', '-'))
      .sort();
    expect(operations.map(({ operation }) => operation.operationId).sort()).toEqual(declared);
    expect(operations.length).toBeGreaterThanOrEqual(17);
  });

  it.each(operations.map((entry) => [`${entry.method.toUpperCase()} ${entry.path}`, entry] as const))(
    '%s has a summary, a tag, the key as security, its input and its output',
    (_label, { operation }) => {
      expect(operation.summary).toMatch(/\w+ \w+/);
      expect(operation.tags).toHaveLength(1);
      expect(served.tags.map((tag: { name: string }) => tag.name)).toContain(operation.tags[0]);
      expect(operation.security).toEqual([{ [API_KEY_SECURITY_SCHEME]: [] }]);
      expect(operation.responses['200'].content['application/json'].schema).toBeTypeOf('object');
      for (const status of ['400', '401', '403', '404', '500']) expect(operation.responses[status]).toBeDefined();
      const procedure = procedures[operation.operationId.replaceAll('-', '.')];
      const takesInput = (procedure?._def.inputs.length ?? 0) > 0;
      const describedInput = (operation.parameters?.length ?? 0) > 0 || operation.requestBody !== undefined;
      expect(describedInput).toBe(takesInput);
    },
  );
});
