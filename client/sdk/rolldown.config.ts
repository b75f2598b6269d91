// Builds the installable package: dist/index.js (ESM, with what it uses from @tradeloom/shared
// bundled in) and dist/index.d.ts (one file, the server router's types inlined). Run with
// `pnpm --filter @tradeloom/sdk build`; `pnpm pack` runs it first.
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'rolldown';
import { dts } from 'rolldown-plugin-dts';

const clientContext = fileURLToPath(new URL('./types/client-context.d.ts', import.meta.url));

/**
 * The router's declaration names the server's Context (database, logger, mailer …) as its `ctx`.
 * A client never uses it, so the declarations get an empty Context instead: without this the
 * package's types would carry the database schema and import kysely and pino.
 */
function replaceServerContext(): Plugin {
  return {
    name: 'tradeloom:replace-server-context',
    resolveId: {
      // Before rolldown-plugin-dts's own resolver, which would find the real file.
      order: 'pre',
      handler(source, importer) {
        const fromRouterOrInit = importer !== undefined && /[\\/]server[\\/]src[\\/](router|trpc[\\/]init)\.d\.ts$/.test(importer);
        return fromRouterOrInit && /(^|\/)context\.ts$/.test(source) ? clientContext : null;
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
  plugins: [replaceServerContext(), dts({ tsconfig: 'tsconfig.build.json' })],
  output: { dir: 'dist', format: 'es', cleanDir: true },
  // The dts step spends ~20 s in tsgo; that is expected, not worth a warning.
  checks: { pluginTimings: false },
});
