import type { Logger } from 'pino';
import { currentRequest, type RequestScope } from './request-scope.ts';
import { jsonError, writeJsonError } from './rest-errors.ts';

export interface CrashGuardOptions {
  logger: Logger;
  /** Graceful stop with this exit code: for a failure nothing can be blamed on but the process. */
  shutdown(exitCode: number): Promise<void>;
  /** The process to guard; tests pass an emitter. */
  target?: NodeJS.EventEmitter;
}

/**
 * Process-level last resort. A failure that escaped its handler inside a request (found through the
 * request scope) ends that request with a 500 and is logged; the process serves on — one bad request
 * must never take every tenant down. An unhandled rejection outside a request is logged: a rejected
 * promise left no half-run synchronous code behind. An exception thrown outside any request
 * (start-up, a timer of the process itself) leaves state nobody can vouch for: log it as fatal and
 * stop gracefully with exit code 1, so the supervisor starts a clean process.
 */
export function installCrashGuard({ logger, shutdown, target = process }: CrashGuardOptions): void {
  target.on('unhandledRejection', (reason: unknown) => {
    const scope = currentRequest();
    logger.error({ err: reason, reqId: scope?.requestId }, 'unhandled promise rejection');
    if (scope) endWithError(scope);
  });
  target.on('uncaughtException', (error: Error) => {
    const scope = currentRequest();
    if (scope) {
      logger.error({ err: error, reqId: scope.requestId }, 'uncaught exception in a request; that request ended with 500');
      return endWithError(scope);
    }
    logger.fatal({ err: error }, 'uncaught exception outside any request; shutting down');
    void shutdown(1);
  });
}

function endWithError({ res }: RequestScope): void {
  if (res.writableEnded || res.destroyed) return;
  // Half an answer is already on the wire: cutting the connection is the only honest end.
  if (res.headersSent) return void res.destroy();
  res.setHeader('Connection', 'close');
  writeJsonError(res, jsonError('INTERNAL_SERVER_ERROR', 'Something went wrong on our side.'));
}
