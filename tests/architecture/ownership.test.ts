import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type ModuleName, TABLE_OWNERS } from '@tradeloom/server';
import { describe, expect, it } from 'vitest';

// Scanned: every module folder in server/src/modules, and server/src/lib, trpc and http (module `lib`).
// Exempt: server/src/seed (demo data writes every table on purpose), db/ (migrations own the
// schema), and tests. The scan is textual, so it sees string table names only — a table passed
// in a variable (lib/cursor.ts's keyset helper) is the caller's responsibility.
const repoRoot = join(import.meta.dirname, '..', '..');
const serverSrc = join(repoRoot, 'server', 'src');

interface TableReference {
  file: string;
  line: number;
  table: string;
}

const BUILDER_CALL =
  /\b(?:selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|using|innerJoin|leftJoin|rightJoin|fullJoin|crossJoin|innerJoinLateral|leftJoinLateral|table)\(\s*(?:\[\s*)?['"`]([a-z_]+)(?:\s+as\s+[a-z_]+)?['"`.]/dg;
const RAW_SQL = /\bsql(?:<[^>]*>)?`([^`]*)`/dg;
const RAW_TABLE = /\b(?:from|join|into|update)\s+([a-z_]+)/dgi;

function lineAt(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/** Every table name a file mentions in a Kysely builder call or in raw `sql` text. */
function tableReferences(file: string, text: string): TableReference[] {
  const references: TableReference[] = [];
  for (const match of text.matchAll(BUILDER_CALL)) {
    references.push({ file, line: lineAt(text, match.indices?.[1]?.[0] ?? match.index), table: match[1] as string });
  }
  for (const template of text.matchAll(RAW_SQL)) {
    const body = template[1] as string;
    for (const match of body.matchAll(RAW_TABLE)) {
      references.push({
        file,
        line: lineAt(text, (template.indices?.[1]?.[0] ?? template.index) + match.index),
        table: (match[1] as string).toLowerCase(),
      });
    }
  }
  // CTE names, aliases and columns (`sql.ref('o.total')`) are not tables.
  return references.filter((reference) => reference.table in TABLE_OWNERS);
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

function scannedModules(): { module: ModuleName; dir: string }[] {
  const modulesDir = join(serverSrc, 'modules');
  const modules = readdirSync(modulesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => ({ module: entry.name as ModuleName, dir: join(modulesDir, entry.name) }));
  // The request layers (tRPC procedures, Express middleware) own no table: they count as `lib`.
  const infrastructure = ['lib', 'trpc', 'http'].map((folder) => ({ module: 'lib' as const, dir: join(serverSrc, folder) }));
  return [...modules, ...infrastructure];
}

describe('table ownership', () => {
  it('gives every table of the schema an owner that is a real module', () => {
    const modules = new Set(scannedModules().map((m) => m.module));
    const ownerless = Object.entries(TABLE_OWNERS).filter(([, owner]) => !modules.has(owner));
    expect(ownerless).toEqual([]);
    // The type makes the map total; this catches a table created by a migration but not typed.
    const schema = readFileSync(join(repoRoot, 'db', 'src', 'schema.ts'), 'utf8');
    const databaseBlock = /export interface Database \{([^}]*)\}/.exec(schema)?.[1] ?? '';
    const tables = [...databaseBlock.matchAll(/^\s*([a-z_]+):/gm)].map((m) => m[1] as string);
    expect(tables.length).toBeGreaterThan(0);
    expect(tables.filter((table) => !(table in TABLE_OWNERS))).toEqual([]);
  });

  it('finds table names in builder calls, joins with aliases and raw sql', () => {
    const text = [
      "db.selectFrom('orders as o')",
      "  .innerJoin('companies as c', 'c.id', 'o.buyer_company_id')",
      "  .leftJoin(\n    'branches as b', 'b.company_id', 'c.id')",
      'sql`select 1 from partner_links where x`',
      "sql.table('units')",
      "sql.ref('o.total')",
      ".with('recent', (db) => db.selectFrom('recent'))",
    ].join('\n');
    expect(tableReferences('x.ts', text)).toEqual([
      { file: 'x.ts', line: 1, table: 'orders' },
      { file: 'x.ts', line: 2, table: 'companies' },
      { file: 'x.ts', line: 4, table: 'branches' },
      { file: 'x.ts', line: 6, table: 'units' },
      { file: 'x.ts', line: 5, table: 'partner_links' },
    ]);
  });

  it('lets no module query a table another module owns', () => {
    const trespasses: string[] = [];
    for (const { module, dir } of scannedModules()) {
      for (const file of tsFiles(dir)) {
        if (file.endsWith('ownership.ts')) continue;
        for (const reference of tableReferences(relative(repoRoot, file), readFileSync(file, 'utf8'))) {
          const owner = TABLE_OWNERS[reference.table as keyof typeof TABLE_OWNERS];
          if (owner !== module) {
            trespasses.push(`${reference.file}:${reference.line} ${module} touches ${reference.table} (owned by ${owner})`);
          }
        }
      }
    }
    expect(trespasses).toEqual([]);
  });
});
