import { EventEmitter, on } from 'node:events';
import type { Socket } from 'node:net';
import type { Logger } from 'pino';
import { z } from 'zod';
import { LIVE_CHANNEL, type LiveMessage } from './live.publish.ts';

const liveMessage = z.object({
  companies: z.array(z.string()),
  type: z.string(),
  entityType: z.string(),
  entityId: z.string(),
});

export type LiveUpdate = Omit<LiveMessage, 'companies'>;
type Listen = (channel: string, onMessage: (payload: string) => void) => Promise<() => Promise<void>>;

/** One database listener per process, fanned out in memory to the streams of each company. */
export class LiveHub {
  readonly #byCompany = new EventEmitter();
  #stop: (() => Promise<void>) | null = null;
  readonly #streams = new Set<Socket>();
  readonly #listen: Listen;
  readonly #logger: Logger;

  constructor(listen: Listen, logger: Logger) {
    this.#listen = listen;
    this.#logger = logger;
    // One listener per open browser tab: the default limit of 10 would warn about a leak.
    this.#byCompany.setMaxListeners(0);
  }

  async start(): Promise<void> {
    if (this.#stop) return;
    this.#stop = await this.#listen(LIVE_CHANNEL, (payload) => this.#deliver(payload));
  }

  /**
   * Stops listening and drops open streams. Dropped rather than ended: a browser's EventSource
   * reconnects after a network error (to the next server), but not after the stream returned.
   */
  async stop(): Promise<void> {
    await this.#stop?.();
    this.#stop = null;
    for (const socket of this.#streams) socket.destroy();
  }

  /** A connection that carries a stream: shutdown must not wait for it to end. */
  holdStream(socket: Socket): void {
    this.#streams.add(socket);
    socket.once('close', () => this.#streams.delete(socket));
  }

  /**
   * The updates for one company until `signal` aborts. Listening starts on the call, not on the
   * first read, so nothing published after it returns is missed.
   */
  updates(companyId: string, signal: AbortSignal | undefined): AsyncGenerator<LiveUpdate> {
    const events = on(this.#byCompany, companyId, { signal });
    return (async function* () {
      for await (const [update] of events) yield update as LiveUpdate;
    })();
  }

  #deliver(payload: string): void {
    let json: unknown;
    try {
      json = JSON.parse(payload);
    } catch {
      json = null;
    }
    const parsed = liveMessage.safeParse(json);
    if (!parsed.success) {
      this.#logger.warn({ payload }, 'ignored a malformed live message');
      return;
    }
    const { companies, ...update } = parsed.data;
    for (const companyId of new Set(companies)) this.#byCompany.emit(companyId, update);
  }
}
