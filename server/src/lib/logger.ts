import pino, { type DestinationStream, type Logger } from 'pino';

// Structured JSON logs. Secrets never reach them: cookies and authorization headers are redacted.
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'], censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
