import { Writable } from 'node:stream';
import { createLogger } from '@tradeloom/server';

/** A real pino logger at `info` whose output is kept in memory, one string per written chunk. */
export function captureLogs() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createLogger('info', sink), lines, text: () => lines.join('\n') };
}
