import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The client's layers, top to bottom. A layer may import from its own layer and the ones below it,
// never from above: routes and layout (app) sit over the screens (features), which sit over the
// shared UI pieces (components), which sit over hooks and helpers (lib).
const LAYERS = ['app', 'features', 'components', 'lib'] as const;
type Layer = (typeof LAYERS)[number];

const clientSrc = resolve(dirname(fileURLToPath(import.meta.url)), '../../client/src');

interface ImportEdge {
  from: string;
  to: string;
}

function layerOf(pathInSrc: string): Layer | undefined {
  const top = pathInSrc.split('/')[0];
  return LAYERS.find((layer) => layer === top);
}

/** Imports that run up the layers, e.g. a feature importing from app/ or a component importing a feature. */
function upwardImports(edges: ImportEdge[]): string[] {
  return edges
    .filter(({ from, to }) => {
      const fromLayer = layerOf(from);
      const toLayer = layerOf(to);
      return fromLayer !== undefined && toLayer !== undefined && LAYERS.indexOf(toLayer) < LAYERS.indexOf(fromLayer);
    })
    .map(({ from, to }) => `${from} → ${to}`);
}

const IMPORT_SPECIFIER = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Relative imports in one source file, as paths under client/src. */
function relativeImports(fileInSrc: string, source: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const match of source.matchAll(IMPORT_SPECIFIER)) {
    const specifier = match[1] ?? match[2];
    if (!specifier?.startsWith('.')) continue;
    edges.push({ from: fileInSrc, to: join(dirname(fileInSrc), specifier) });
  }
  return edges;
}

function clientImportEdges(): ImportEdge[] {
  const files = readdirSync(clientSrc, { recursive: true, encoding: 'utf8' }).filter((file) => /\.tsx?$/.test(file));
  return files.flatMap((file) => {
    const fileInSrc = relative(clientSrc, join(clientSrc, file)).split('\\').join('/');
    return relativeImports(fileInSrc, readFileSync(join(clientSrc, file), 'utf8'));
  });
}

describe('client layers', () => {
  it('finds the imports it checks', () => {
    const edges = clientImportEdges();
    // Guards against a scanner that silently sees nothing: routes import every screen.
    expect(edges.filter((edge) => edge.from === 'app/routes.tsx').length).toBeGreaterThan(10);
    expect(edges.some((edge) => edge.from.startsWith('features/') && edge.to.startsWith('components/'))).toBe(true);
  });

  it('no feature, component or lib module imports from a layer above it', () => {
    expect(upwardImports(clientImportEdges())).toEqual([]);
  });

  it('flags a feature importing from app/ and a component importing a feature', () => {
    const source = [
      "import { AppLayout } from '../../app/app-layout.tsx';",
      "import { useCan } from '../../lib/session.ts';",
      "export { DataTable } from '../../components/ui.tsx';",
    ].join('\n');
    const fromFeature = relativeImports('features/orders/orders-page.tsx', source);
    const fromComponent = relativeImports('components/ui.tsx', "import { OrdersPage } from '../features/orders/orders-page.tsx';");
    expect(upwardImports([...fromFeature, ...fromComponent])).toEqual([
      'features/orders/orders-page.tsx → app/app-layout.tsx',
      'components/ui.tsx → features/orders/orders-page.tsx',
    ]);
  });
});
