import { installCrashGuard } from './http/crash-guard.ts';
import { DEMO_PASSWORD } from './seed/seed.ts';
import { createServer } from './server.ts';
import { StartupError } from './startup-error.ts';

type Server = Awaited<ReturnType<typeof createServer>>;

// A close that hangs (a stuck job, a client that never finishes) must not keep a dying process alive.
const SHUTDOWN_GRACE_MS = 10_000;

/** Starts the server; a start-up failure ends the process with one sentence and exit code 1. */
async function start(): Promise<Server> {
  let server: Server | undefined;
  try {
    server = await createServer();
    await server.listen();
    return server;
  } catch (error) {
    await server?.close().catch(() => {});
    // A StartupError is a sentence for the operator; anything else is a bug and keeps its stack.
    console.error(error instanceof StartupError ? `Tradeloom did not start: ${error.message}` : error);
    process.exit(1);
  }
}

async function stop(server: Server, exitCode: number): Promise<void> {
  setTimeout(() => process.exit(exitCode), SHUTDOWN_GRACE_MS).unref();
  await server.close().catch((error) => server.deps.logger.error({ err: error }, 'shutdown was not clean'));
  process.exit(exitCode);
}

const server = await start();
const { config, logger } = server.deps;
installCrashGuard({ logger, shutdown: (exitCode) => stop(server, exitCode) });
console.log(
  `\nTradeloom is running at ${config.publicUrl} (database: ${server.deps.dbKind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL'})`,
);
if (server.demoLogins.length > 0) {
  console.log(`Demo logins (password for all: ${DEMO_PASSWORD}; start with --reset to begin again from fresh demo data):`);
  for (const login of server.demoLogins) console.log(`  ${login.email.padEnd(34)} ${login.description}`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'shutting down');
    void stop(server, 0);
  });
}
