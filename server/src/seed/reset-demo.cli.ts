import { rm } from 'node:fs/promises';
import path from 'node:path';
import { createDb } from '@tradeloom/db';
import { loadConfig } from '../config.ts';

// `pnpm db:reset-demo` (or `bash scripts/start.sh --reset`): throws away the embedded database so
// the next start migrates a new one and seeds fresh demo data. Only PGlite: a PostgreSQL database
// may hold more than a demo, so its owner drops it themselves.
const config = loadConfig();
if (config.env === 'production') {
  console.error('Refusing to reset data in production (NODE_ENV=production).');
  process.exit(1);
}
if (config.databaseUrl) {
  console.error('DATABASE_URL points at PostgreSQL; reset it yourself: dropdb <name> && createdb <name>, then start again.');
  process.exit(1);
}
const folder = path.join(config.dataDir, 'pglite');
// Opening takes the data folder's lock: a running server refuses the reset instead of losing its files.
try {
  await (await createDb({ dataDir: folder })).close();
} catch (error) {
  console.error(`Cannot reset ${folder}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
await rm(folder, { recursive: true, force: true });
console.log(`Removed the demo database in ${folder}; the next start seeds fresh demo data.`);
