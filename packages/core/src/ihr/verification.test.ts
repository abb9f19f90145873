import { describe, expect, it } from 'vitest';
import { verificationDeadlineProblems, verificationDeadlines, verificationState } from './verification.js';

describe('verification requests (IHR Article 10)', () => {
  it('are due 24 hours after they are sent, with a reminder 6 hours before', () => {
    expect(verificationDeadlines('2026-03-01T10:00:00Z')).toEqual({
      dueAt: '2026-03-02T10:00:00.000Z',
      remindAt: '2026-03-02T04:00:00.000Z',
    });
  });

  it('remind a short deadline at its midpoint', () => {
    expect(verificationDeadlines('2026-03-01T10:00:00Z', '2026-03-01T14:00:00Z').remindAt).toBe('2026-03-01T12:00:00.000Z');
  });

  it('refuse a deadline in the past or beyond 24 hours', () => {
    expect(verificationDeadlineProblems('2026-03-01T10:00:00Z', '2026-03-01T09:00:00Z')[0]).toMatch(/not in the future/);
    expect(verificationDeadlineProblems('2026-03-01T10:00:00Z', '2026-03-02T10:00:01Z')[0]).toMatch(/at most 24 hours/);
    expect(verificationDeadlineProblems('2026-03-01T10:00:00Z', '2026-03-02T10:00:00Z')).toEqual([]);
  });

  it('move from awaiting to reminder due to overdue, and record a late answer as late', () => {
    const request = { ...verificationDeadlines('2026-03-01T10:00:00Z'), answeredAt: null };
    expect(verificationState(request, '2026-03-01T20:00:00Z')).toBe('awaiting');
    expect(verificationState(request, '2026-03-02T04:00:00Z')).toBe('reminder_due');
    expect(verificationState(request, '2026-03-02T10:00:00Z')).toBe('reminder_due');
    expect(verificationState(request, '2026-03-02T10:00:01Z')).toBe('overdue');
    expect(verificationState({ ...request, answeredAt: '2026-03-02T09:59:00Z' }, '2026-03-05T00:00:00Z')).toBe('answered');
    expect(verificationState({ ...request, answeredAt: '2026-03-02T11:00:00Z' }, '2026-03-05T00:00:00Z')).toBe('answered_late');
  });
});
