import { COMPLAINT_STATUSES, complaintActions, complaintStep, DEFAULT_SLA, slaDeadlines, slaState } from '@tradeloom/shared';
import { describe, expect, it } from 'vitest';

// The pure rules both the server and the app read: the complaint machine and the SLA clock.

const now = new Date('2026-12-01T10:00:00.000Z');
const open = { now, closedAt: null };
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

describe('the complaint machine', () => {
  it('gives every status, side and action one answer', () => {
    const table = COMPLAINT_STATUSES.map((status) => [
      status,
      ...(['buyer', 'supplier'] as const).map((side) =>
        complaintActions(status, side, { now, closedAt: status === 'resolved' || status === 'rejected' ? daysAgo(1) : null }).join(' '),
      ),
    ]);
    expect(table).toEqual([
      ['open', 'escalate note', 'assign escalate resolve reject note'],
      ['in_review', 'escalate note', 'assign escalate resolve reject note'],
      ['resolved', 'reopen note', 'note'],
      ['rejected', 'reopen note', 'note'],
    ]);
  });

  it('moves open to in review on assignment, closes on resolve and reject, reopens into review', () => {
    expect(complaintStep('open', 'assign', 'supplier', open)).toEqual({ ok: true, status: 'in_review' });
    expect(complaintStep('in_review', 'resolve', 'supplier', open)).toEqual({ ok: true, status: 'resolved' });
    expect(complaintStep('open', 'reject', 'supplier', open)).toEqual({ ok: true, status: 'rejected' });
    expect(complaintStep('resolved', 'reopen', 'buyer', { now, closedAt: daysAgo(14) })).toEqual({ ok: true, status: 'in_review' });
  });

  it('refuses the wrong side before anything else, and illegal steps with their reason', () => {
    for (const action of ['assign', 'resolve', 'reject'] as const) {
      expect(complaintStep('open', action, 'buyer', open)).toEqual({ ok: false, reason: 'WRONG_SIDE' });
    }
    expect(complaintStep('resolved', 'reopen', 'supplier', { now, closedAt: daysAgo(1) })).toEqual({ ok: false, reason: 'WRONG_SIDE' });
    expect(complaintStep('resolved', 'assign', 'supplier', open)).toEqual({ ok: false, reason: 'ILLEGAL_TRANSITION' });
    expect(complaintStep('open', 'reopen', 'buyer', open)).toEqual({ ok: false, reason: 'ILLEGAL_TRANSITION' });
    expect(complaintStep('rejected', 'reopen', 'buyer', { now, closedAt: new Date(daysAgo(14).getTime() - 1) })).toEqual({
      ok: false,
      reason: 'REOPEN_WINDOW_PASSED',
    });
  });

  it('escalates an open complaint once', () => {
    expect(complaintStep('in_review', 'escalate', 'buyer', open)).toEqual({ ok: true, status: 'in_review' });
    expect(complaintStep('in_review', 'escalate', 'buyer', { ...open, escalated: true })).toEqual({
      ok: false,
      reason: 'ILLEGAL_TRANSITION',
    });
    expect(complaintActions('open', 'supplier', { ...open, escalated: true })).toEqual(['assign', 'resolve', 'reject', 'note']);
  });
});

describe('the SLA clock', () => {
  const filedAt = new Date('2026-12-01T00:00:00.000Z');
  const clock = { createdAt: filedAt, ...slaDeadlines(filedAt, DEFAULT_SLA.billing), firstRespondedAt: null, closedAt: null };
  const at = (hours: number) => new Date(filedAt.getTime() + hours * 3_600_000);

  it('sets the deadlines from the hours', () => {
    expect([clock.firstResponseDueAt.toISOString(), clock.resolutionDueAt.toISOString()]).toEqual([
      '2026-12-03T00:00:00.000Z',
      '2026-12-06T00:00:00.000Z',
    ]);
  });

  it('is due soon within 4 hours of a deadline, breached past it, and keeps a deadline met in time', () => {
    expect(slaState(clock, at(43.99))).toBe('on_time');
    expect(slaState(clock, at(44))).toBe('due_soon');
    expect(slaState(clock, at(48.01))).toBe('breached');
    const answered = { ...clock, firstRespondedAt: at(2) };
    expect(slaState(answered, at(60))).toBe('on_time');
    expect(slaState(answered, at(116))).toBe('due_soon');
    expect(slaState({ ...answered, closedAt: at(100) }, at(500))).toBe('on_time');
    expect(slaState({ ...answered, closedAt: at(121) }, at(500))).toBe('breached');
  });
});
