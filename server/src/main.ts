import { createServer } from './server.ts';

const server = await createServer();
await server.listen();
const { config } = server.deps;
console.log(
  `\nTradeloom is running at ${config.publicUrl} (database: ${server.deps.dbKind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL'})`,
);
if (server.seeded) {
  console.log('Demo logins (password for all: tradeloom-demo-2026):');
  for (const login of server.seeded) console.log(`  ${login.email.padEnd(34)} ${login.description}`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    server.deps.logger.info({ signal }, 'shutting down');
    await server.close();
    process.exit(0);
  });
}
