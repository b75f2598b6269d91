import type { ComplaintCategory } from './support.schemas.ts';

// Service levels of complaints: how long a supplier has to answer and to settle each category,
// and how a complaint stands against them. Pure: the server's clock and lists, and the app's
// badges, read the same rules.

export interface SlaHours {
  firstResponseHours: number;
  resolutionHours: number;
}

/** What a supplier that set nothing for a category gives itself. */
export const DEFAULT_SLA: Record<ComplaintCategory, SlaHours> = {
  quality: { firstResponseHours: 24, resolutionHours: 120 },
  quantity_short: { firstResponseHours: 24, resolutionHours: 72 },
  late_delivery: { firstResponseHours: 24, resolutionHours: 72 },
  wrong_item: { firstResponseHours: 24, resolutionHours: 96 },
  damaged: { firstResponseHours: 24, resolutionHours: 96 },
  billing: { firstResponseHours: 48, resolutionHours: 120 },
  other: { firstResponseHours: 48, resolutionHours: 168 },
};

export const SLA_STATES = ['on_time', 'due_soon', 'breached'] as const;
export type SlaState = (typeof SLA_STATES)[number];
export const SLA_STATE_LABELS: Record<SlaState, string> = { on_time: 'On time', due_soon: 'Due soon', breached: 'Breached' };

/** A deadline within this share of its window (or 4 hours, whichever is less) is "due soon". */
const DUE_SOON_SHARE = 0.25;
const DUE_SOON_MAX_MS = 4 * 3_600_000;

export interface SlaClock {
  createdAt: Date;
  firstResponseDueAt: Date;
  resolutionDueAt: Date;
  firstRespondedAt: Date | null;
  /** Set while resolved or rejected: a closed complaint's state is what it was when it closed. */
  closedAt: Date | null;
}

function stateOf(start: Date, due: Date, doneAt: Date | null, now: Date): SlaState {
  const at = doneAt ?? now;
  if (at.getTime() > due.getTime()) return 'breached';
  if (doneAt) return 'on_time';
  const soon = Math.min((due.getTime() - start.getTime()) * DUE_SOON_SHARE, DUE_SOON_MAX_MS);
  return due.getTime() - now.getTime() <= soon ? 'due_soon' : 'on_time';
}

/** The worse of the two deadlines: the first response, then the resolution. */
export function slaState(clock: SlaClock, now: Date): SlaState {
  const response = stateOf(clock.createdAt, clock.firstResponseDueAt, clock.firstRespondedAt ?? clock.closedAt, now);
  const resolution = stateOf(clock.createdAt, clock.resolutionDueAt, clock.closedAt, now);
  const rank: Record<SlaState, number> = { on_time: 0, due_soon: 1, breached: 2 };
  return rank[response] >= rank[resolution] ? response : resolution;
}

/** The deadlines of a complaint filed at `filedAt` under `hours`. */
export function slaDeadlines(filedAt: Date, hours: SlaHours): { firstResponseDueAt: Date; resolutionDueAt: Date } {
  return {
    firstResponseDueAt: new Date(filedAt.getTime() + hours.firstResponseHours * 3_600_000),
    resolutionDueAt: new Date(filedAt.getTime() + hours.resolutionHours * 3_600_000),
  };
}
