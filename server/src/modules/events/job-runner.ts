import type { Database } from '@tradeloom/db';
import { type Kysely, sql } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../../lib/clock.ts';
import { fireDueSchedules } from './schedules.ts';

export interface JobHandler {
  run(payload: unknown, job: { id: number; attempts: number }): Promise<void>;
  /** Blank the payload once finished (done or dead): it carried a secret (an emailed token). */
  redactOnDone?: boolean;
}

export interface JobRunnerOptions {
  workerId: string;
  pollMs?: number;
  batchSize?: number;
  /** A job locked longer than this is presumed lost (its worker died) and retried. */
  lockTimeoutMs?: number;
}

/** The back-off after a job's n-th failed attempt before jitter: 2 s, 4 s, 8 s … capped at one hour. */
export function retryBaseDelayMs(attempts: number): number {
  return Math.min(2 ** attempts * 1000, 3_600_000);
}

/** A delay with jitter (±25 %), so retries of many jobs (or webhooks) do not arrive together. */
export function withJitter(delayMs: number): number {
  return Math.round(delayMs * (0.75 + Math.random() * 0.5));
}

/** Exponential back-off with jitter. */
function retryDelayMs(attempts: number): number {
  return withJitter(retryBaseDelayMs(attempts));
}

/**
 * Runs queued jobs and fires due schedules. Several processes can run one each on the same
 * database: jobs and schedules are claimed with FOR UPDATE SKIP LOCKED, so each job is handed to
 * one worker at a time and each schedule occurrence is queued once.
 */
export class JobRunner {
  readonly #db: Kysely<Database>;
  readonly #clock: Clock;
  readonly #handlers: Record<string, JobHandler>;
  readonly #logger: Logger;
  readonly #options: Required<JobRunnerOptions>;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<unknown> | undefined;
  #stopped = true;

  constructor(db: Kysely<Database>, clock: Clock, handlers: Record<string, JobHandler>, logger: Logger, options: JobRunnerOptions) {
    this.#db = db;
    this.#clock = clock;
    this.#handlers = handlers;
    this.#logger = logger;
    this.#options = { pollMs: 1000, batchSize: 10, lockTimeoutMs: 5 * 60_000, ...options };
  }

  start(): void {
    this.#stopped = false;
    const tick = async () => {
      this.#running = this.drain().catch((error) => this.#logger.error({ err: error }, 'job runner tick failed'));
      await this.#running;
      if (!this.#stopped) this.#timer = setTimeout(tick, this.#options.pollMs);
    };
    void tick();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
  }

  /** Runs ready jobs until none is left; returns how many ran. Tests call this directly. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const ran = await this.runOnce();
      total += ran;
      if (ran === 0) return total;
    }
  }

  async runOnce(): Promise<number> {
    await fireDueSchedules(this.#db, this.#clock);
    await this.#releaseLostJobs();
    const jobs = await this.#claim();
    for (const job of jobs) await this.#run(job);
    return jobs.length;
  }

  async #releaseLostJobs(): Promise<void> {
    const cutoff = new Date(this.#clock.now().getTime() - this.#options.lockTimeoutMs);
    await this.#db
      .updateTable('jobs')
      .set({ status: 'pending', locked_at: null, locked_by: null })
      .where('status', '=', 'running')
      .where('locked_at', '<', cutoff)
      .execute();
  }

  async #claim() {
    const now = this.#clock.now();
    return (
      this.#db
        .updateTable('jobs')
        .set({ status: 'running', locked_at: now, locked_by: this.#options.workerId, attempts: sql`attempts + 1` })
        .where('id', 'in', (qb) =>
          qb
            .selectFrom('jobs')
            .select('id')
            .where('status', '=', 'pending')
            .where('run_at', '<=', now)
            .orderBy('run_at')
            .orderBy('id')
            .limit(this.#options.batchSize)
            .forUpdate()
            .skipLocked(),
        )
        .returning(['id', 'queue', 'payload', 'attempts', 'max_attempts', 'run_at'])
        .execute()
        // RETURNING has no order of its own: run the claimed jobs oldest first, as they were queued.
        .then((jobs) => jobs.sort((a, b) => a.run_at.getTime() - b.run_at.getTime() || a.id - b.id))
    );
  }

  async #run(job: { id: number; queue: string; payload: unknown; attempts: number; max_attempts: number }): Promise<void> {
    const handler = this.#handlers[job.queue];
    try {
      if (!handler) throw new Error(`no handler for queue ${job.queue}`);
      await handler.run(job.payload, { id: job.id, attempts: job.attempts });
      await this.#db
        .updateTable('jobs')
        .set({
          status: 'done',
          finished_at: this.#clock.now(),
          locked_at: null,
          last_error: null,
          ...(handler.redactOnDone ? { payload: '{"redacted":true}' } : {}),
        })
        .where('id', '=', job.id)
        .execute();
    } catch (error) {
      const dead = job.attempts >= job.max_attempts;
      const message = error instanceof Error ? error.message : String(error);
      this.#logger.warn({ jobId: job.id, queue: job.queue, attempts: job.attempts, dead, error: message }, 'job failed');
      await this.#db
        .updateTable('jobs')
        .set({
          status: dead ? 'dead' : 'pending',
          run_at: new Date(this.#clock.now().getTime() + retryDelayMs(job.attempts)),
          locked_at: null,
          locked_by: null,
          last_error: message.slice(0, 2000),
          finished_at: dead ? this.#clock.now() : null,
          // A job given up on keeps no secrets either (an email's live link, for one).
          ...(dead && handler?.redactOnDone ? { payload: '{"redacted":true}' } : {}),
        })
        .where('id', '=', job.id)
        .execute();
    }
  }
}
