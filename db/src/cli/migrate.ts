import { createDb } from '../create-db.ts';
import { migrateToLatest } from '../migrate.ts';

const handle = await createDb({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR && `${process.env.DATA_DIR}/pglite` });
const applied = await migrateToLatest(handle.db);
console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
await handle.close();
