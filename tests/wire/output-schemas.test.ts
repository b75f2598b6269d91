import type { TradeloomOutputs } from '@tradeloom/sdk';
import { appRouter } from '@tradeloom/server';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';

// The modules integrators use through the SDK and, later, the OpenAPI document: every procedure
// declares what it answers (`.output()`), and every object in that answer is strict, so a field a
// service adds without declaring it fails in tests instead of vanishing or leaking.
const DECLARED_MODULES = ['orders', 'catalog', 'partners', 'production', 'companies', 'audit'];

type OutputSchema = z.core.$ZodType | undefined;

function declaredProcedures(): { path: string; output: OutputSchema }[] {
  const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { output?: OutputSchema } }>;
  return Object.entries(procedures)
    .filter(([path]) => DECLARED_MODULES.includes(path.split('.')[0] ?? ''))
    .map(([path, procedure]) => ({ path, output: procedure._def.output }));
}

/** Paths inside a schema to objects that would silently strip unknown keys. */
function strippingObjects(schema: z.core.$ZodType, at = '$'): string[] {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  const inner = (key: string, path = at) => strippingObjects(def[key] as z.core.$ZodType, path);
  switch (def.type) {
    case 'object': {
      const strict = (def.catchall as z.core.$ZodType | undefined)?._zod.def.type === 'never';
      const shape = def.shape as Record<string, z.core.$ZodType>;
      return [...(strict ? [] : [at]), ...Object.entries(shape).flatMap(([key, field]) => strippingObjects(field, `${at}.${key}`))];
    }
    case 'array':
      return inner('element', `${at}[]`);
    case 'nullable':
    case 'optional':
    case 'default':
    case 'readonly':
      return inner('innerType');
    case 'record':
      return inner('valueType', `${at}{}`);
    case 'union':
      return (def.options as z.core.$ZodType[]).flatMap((option) => strippingObjects(option, at));
    case 'pipe':
      return [...inner('in'), ...inner('out')];
    default:
      return [];
  }
}

describe('declared outputs', () => {
  it('every procedure of orders, catalog, partners, production, companies and audit has an output schema', () => {
    const procedures = declaredProcedures();
    expect(procedures.length).toBeGreaterThan(50);
    expect(procedures.filter((p) => !p.output).map((p) => p.path)).toEqual([]);
  });

  it('output schemas strip nothing: every object in them is strict', () => {
    const stripping = declaredProcedures().flatMap(({ path, output }) =>
      output ? strippingObjects(output).map((at) => `${path} ${at}`) : [],
    );
    expect(stripping).toEqual([]);
  });
});

// Compile-time (pnpm typecheck): nothing the SDK or the screens receive is typed as a Date, since
// a Date cannot travel as plain JSON. With superjson on the wire this did not compile.
type HasDate<T> = T extends Date
  ? true
  : T extends readonly (infer Item)[]
    ? HasDate<Item>
    : T extends object
      ? { [K in keyof T]-?: HasDate<T[K]> }[keyof T] extends false
        ? false
        : true
      : false;
const outputsCarryNoDate: HasDate<TradeloomOutputs> = false;
const listedAtIsText: TradeloomOutputs['orders']['list']['items'][number]['createdAt'] = '2026-11-30T16:51:42.123Z';
void [outputsCarryNoDate, listedAtIsText];
