import path from 'node:path';
import { createDb, migrateToLatest } from '@tradeloom/db';
import { loadConfig } from '../config.ts';
import { systemClock } from '../lib/clock.ts';
import { createLogger } from '../lib/logger.ts';
import { LiveHub } from '../modules/live/live-hub.ts';
import { devMailboxMailer } from '../modules/mail/mailer.ts';
import { DEMO_PASSWORD, seedDemoData } from './seed.ts';

const config = loadConfig();
if (config.env === 'production') {
  console.error('Refusing to seed demo users into a production database (NODE_ENV=production).');
  process.exit(1);
}
const database = await createDb({ databaseUrl: config.databaseUrl, dataDir: path.join(config.dataDir, 'pglite') });
await migrateToLatest(database.db);
const deps = {
  db: database.db,
  dbKind: database.kind,
  config,
  clock: systemClock,
  mailer: devMailboxMailer(database.db),
  logger: createLogger('warn'),
  // Seeding publishes changes through the database; nobody here listens.
  live: new LiveHub(database.listen, createLogger('warn')),
};
const logins = await seedDemoData(deps);
if (!logins) console.log('The database already has users; demo data was not added.');
else {
  console.log(`Demo data added. Password for every demo login: ${DEMO_PASSWORD}`);
  for (const login of logins) console.log(`  ${login.email.padEnd(34)} ${login.description}`);
}
await database.close();
