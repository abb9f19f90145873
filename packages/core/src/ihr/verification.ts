import { addHours, instantToMs, lateness, type IsoInstant } from '../time/instants.js';

/**
 * WHO's request to a State Party to verify an event (IHR Article 10): the National Focal Point
 * acknowledges and answers within 24 hours. A reminder goes out when a quarter of the time is
 * left, and the request is escalated within WHO once the deadline passes unanswered.
 */

export const VERIFICATION_REPLY_HOURS = 24;
/** Hours before the deadline at which the focal point is reminded. */
export const VERIFICATION_REMINDER_LEAD_HOURS = 6;

export const VERIFICATION_ANSWERS = ['confirmed', 'not_confirmed', 'under_investigation'] as const;
export type VerificationAnswer = (typeof VERIFICATION_ANSWERS)[number];

export type VerificationState = 'awaiting' | 'reminder_due' | 'overdue' | 'answered' | 'answered_late';

/** The reply deadline of a request sent at `sentAt` (default 24 h), and when to remind. */
export function verificationDeadlines(sentAt: string, dueAt?: string): { dueAt: IsoInstant; remindAt: IsoInstant } {
  const due = dueAt === undefined ? addHours(sentAt, VERIFICATION_REPLY_HOURS) : addHours(dueAt, 0);
  const remind = addHours(due, -VERIFICATION_REMINDER_LEAD_HOURS);
  // A short deadline is reminded at its midpoint rather than before it was sent.
  const midpoint = addHours(sentAt, (instantToMs(due) - instantToMs(sentAt)) / 2 / 3_600_000);
  return { dueAt: due, remindAt: instantToMs(remind) > instantToMs(sentAt) ? remind : midpoint };
}

/** Why a requested deadline may not be used; empty when it may. */
export function verificationDeadlineProblems(sentAt: string, dueAt: string): string[] {
  const due = instantToMs(dueAt);
  const sent = instantToMs(sentAt);
  if (due <= sent) return [`the reply deadline ${dueAt} is not in the future (now ${sentAt})`];
  if (due - sent > VERIFICATION_REPLY_HOURS * 3_600_000)
    return [`the reply deadline may be at most ${VERIFICATION_REPLY_HOURS} hours away (IHR Article 10)`];
  return [];
}

export function verificationState(request: { dueAt: string; remindAt: string; answeredAt: string | null }, now: string): VerificationState {
  if (request.answeredAt !== null) return lateness(request.dueAt, request.answeredAt).late ? 'answered_late' : 'answered';
  if (instantToMs(now) > instantToMs(request.dueAt)) return 'overdue';
  if (instantToMs(now) >= instantToMs(request.remindAt)) return 'reminder_due';
  return 'awaiting';
}
