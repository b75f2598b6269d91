import pino, { type Logger } from 'pino';

// Structured JSON logs. Secrets never reach them: cookies and authorization headers are redacted.
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'], censor: '[redacted]' },
  });
}
