import { EventEmitter, on } from 'node:events';
import type { Socket } from 'node:net';
import type { Logger } from 'pino';
import { z } from 'zod';
import { LIVE_CHANNEL, type LiveMessage } from './live.publish.ts';

const liveMessage = z.object({
  companies: z.array(z.string()),
  broadcast: z.boolean().optional(),
  type: z.string(),
  entityType: z.string(),
  entityId: z.string(),
});

export type LiveUpdate = Omit<LiveMessage, 'companies' | 'broadcast'>;
type Listen = (channel: string, onMessage: (payload: string) => void) => Promise<() => Promise<void>>;

/** Who holds a stream: a session or an API key. Compared by reference. */
export interface LiveListener {
  sessionId: string | null;
  apiKeyId: string | null;
}

/**
 * One message as the streams of one company receive it. `once` shares work among those streams:
 * the first to call it runs `compute`, the others get the same promise (e.g. one query that
 * re-checks every listener of the company instead of one query per stream).
 */
export interface LiveDelivery {
  update: LiveUpdate;
  once<T>(compute: () => Promise<T>): Promise<T>;
}

// Open streams per session or API key, in this process. A user with many tabs expects the tab
// they just opened to work, so the oldest stream is ended (not dropped: a dropped EventSource
// reconnects and would evict another in turn); an integration that leaks streams heals itself.
export const MAX_STREAMS_PER_LISTENER = 5;

interface OpenStream {
  companyId: string;
  listener: LiveListener;
  evict: () => void;
}

function credentialOf(listener: LiveListener): string {
  return listener.sessionId ? `session:${listener.sessionId}` : `key:${listener.apiKeyId}`;
}

function deliveryOf(update: LiveUpdate): LiveDelivery {
  let shared: Promise<unknown> | null = null;
  return {
    update,
    once<T>(compute: () => Promise<T>): Promise<T> {
      shared ??= compute();
      return shared as Promise<T>;
    },
  };
}

/** One database listener per process, fanned out in memory to the streams of each company. */
export class LiveHub {
  readonly #byCompany = new EventEmitter();
  #stop: (() => Promise<void>) | null = null;
  readonly #sockets = new Set<Socket>();
  readonly #streams = new Map<string, Set<OpenStream>>();
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
    for (const socket of this.#sockets) socket.destroy();
  }

  /** A connection that carries a stream: shutdown must not wait for it to end. */
  holdStream(socket: Socket): void {
    this.#sockets.add(socket);
    socket.once('close', () => this.#sockets.delete(socket));
  }

  /**
   * The updates for one company until `signal` aborts or the listener opens one stream too many.
   * Listening starts on the call, not on the first read, so nothing published after it returns is
   * missed.
   */
  updates(companyId: string, listener: LiveListener, signal: AbortSignal | undefined): AsyncGenerator<LiveDelivery> {
    const evicted = new AbortController();
    const stop = signal ? AbortSignal.any([signal, evicted.signal]) : evicted.signal;
    const stream: OpenStream = { companyId, listener, evict: () => evicted.abort() };
    this.#open(stream);
    stop.addEventListener('abort', () => this.#close(stream), { once: true });
    const events = on(this.#byCompany, companyId, { signal: stop });
    const close = () => this.#close(stream);
    return (async function* () {
      try {
        for await (const [delivery] of events) yield delivery as LiveDelivery;
      } catch (error) {
        // Evicted by a newer stream of the same listener: the stream ends normally.
        if (!evicted.signal.aborted) throw error;
      } finally {
        close();
      }
    })();
  }

  /** How many streams are open in this process. */
  openStreams(): number {
    let count = 0;
    for (const streams of this.#streams.values()) count += streams.size;
    return count;
  }

  /** The listeners with a stream open on `companyId` in this process. */
  listenersOf(companyId: string): LiveListener[] {
    return [...this.#streams.values()].flatMap((streams) => [...streams].filter((s) => s.companyId === companyId).map((s) => s.listener));
  }

  #open(stream: OpenStream): void {
    const key = credentialOf(stream.listener);
    const streams = this.#streams.get(key) ?? new Set<OpenStream>();
    this.#streams.set(key, streams.add(stream));
    // Sets iterate in insertion order: the first is the oldest.
    for (const oldest of streams) {
      if (streams.size <= MAX_STREAMS_PER_LISTENER) break;
      this.#close(oldest);
      oldest.evict();
    }
  }

  #close(stream: OpenStream): void {
    const key = credentialOf(stream.listener);
    const streams = this.#streams.get(key);
    streams?.delete(stream);
    if (streams?.size === 0) this.#streams.delete(key);
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
    const { companies, broadcast, ...update } = parsed.data;
    // A broadcast reaches every company with a stream open in this process.
    const targets = broadcast ? this.#openCompanies() : new Set(companies);
    for (const companyId of targets) this.#byCompany.emit(companyId, deliveryOf(update));
  }

  #openCompanies(): Set<string> {
    const companies = new Set<string>();
    for (const streams of this.#streams.values()) for (const stream of streams) companies.add(stream.companyId);
    return companies;
  }
}
