// Builds the installable package: dist/index.js (ESM, with what it uses from @tradeloom/shared
// bundled in) and dist/index.d.ts (one file, the server router's types inlined). Run with
// `pnpm --filter @tradeloom/sdk build`; `pnpm pack` runs it first.
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'rolldown';
import { dts } from 'rolldown-plugin-dts';

const serverTrpcTypes = fileURLToPath(new URL('./types/server-trpc.d.ts', import.meta.url));

/**
 * The router's declaration names the server's tRPC Context (database, logger, mailer …) and
 * ProcedureMeta (access rules, OpenAPI routes) as its `ctx` and `meta`. A client uses neither, so
 * the declarations get plain object types instead: without this the package's types would carry
 * the database schema and import kysely, pino and trpc-to-openapi.
 */
function replaceServerTrpcTypes(): Plugin {
  return {
    name: 'tradeloom:replace-server-trpc-types',
    resolveId: {
      // Before rolldown-plugin-dts's own resolver, which would find the real files.
      order: 'pre',
      handler(source, importer) {
        const fromRouter = importer !== undefined && /[\\/]server[\\/]src[\\/]router\.d\.ts$/.test(importer);
        return fromRouter && /^\.\/trpc\/(context|init)\.ts$/.test(source) ? serverTrpcTypes : null;
      },
    },
  };
}

// Our workspace packages are bundled; every other package stays an import (dependencies in
// package.json). An import used by nothing that remains is dropped, not kept for side effects.
const isExternal = (id: string) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('@tradeloom/');

export default defineConfig({
  input: 'src/index.ts',
  external: isExternal,
  treeshake: { moduleSideEffects: (_id, external) => (external ? false : undefined) },
  plugins: [replaceServerTrpcTypes(), dts({ tsconfig: 'tsconfig.build.json' })],
  output: { dir: 'dist', format: 'es', cleanDir: true },
  // The dts step spends ~20 s in tsgo; that is expected, not worth a warning.
  checks: { pluginTimings: false },
});
