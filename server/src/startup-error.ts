/** A start-up failure the operator can fix from its message alone: main prints the sentence, no stack. */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}

// Errors of the socket itself: nothing answered at that address.
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET']);

/** Turns a failed first contact with PostgreSQL into one sentence naming the address and the fix. */
export function databaseStartupError(error: unknown, databaseUrl: string): StartupError {
  const address = postgresAddress(databaseUrl);
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && UNREACHABLE.has(code)) {
    return new StartupError(`Cannot reach PostgreSQL at ${address} (${code}) — check DATABASE_URL.`, { cause: error });
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new StartupError(`PostgreSQL at ${address} refused the connection: ${reason} — check DATABASE_URL.`, { cause: error });
}

/** host:port of a connection string, without the user or password it may carry. */
function postgresAddress(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return `${url.hostname || 'localhost'}:${url.port || '5432'}`;
  } catch {
    return 'an unparsable address';
  }
}

/** The port is taken (typically by another Tradeloom): say so instead of claiming to run. */
export function listenStartupError(error: unknown, port: number, host?: string): StartupError {
  const code = (error as { code?: unknown }).code;
  if (host && (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN')) {
    return new StartupError(`Cannot listen on ${host}: no such address on this machine — check HOST.`, { cause: error });
  }
  if (code === 'EADDRINUSE') {
    return new StartupError(`Port ${port} is already in use (is another Tradeloom running?) — stop it or set PORT.`, { cause: error });
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new StartupError(`Cannot listen on port ${port}: ${reason} — check PORT.`, { cause: error });
}
