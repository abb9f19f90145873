import { annex2AssessmentRequired, type Annex2Group } from './annex2.js';

/**
 * The life of an event: under verification, then verified or discarded; a verified event is monitored
 * and finally closed. Reopening goes back to monitoring. Pure: the caller states what the event has
 * (e.g. whether an Annex 2 assessment exists) and gets the reasons a change is refused.
 */

export const EVENT_STATUSES = ['under_verification', 'verified', 'discarded', 'monitoring', 'closed'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

const NEXT: Readonly<Record<EventStatus, readonly EventStatus[]>> = {
  under_verification: ['verified', 'discarded'],
  verified: ['monitoring', 'closed'],
  // A discarded event comes back for verification when new information arrives.
  discarded: ['under_verification'],
  monitoring: ['closed'],
  closed: ['monitoring'],
};

export function allowedNextStatuses(status: EventStatus): readonly EventStatus[] {
  return NEXT[status];
}

export interface StatusChange {
  from: EventStatus;
  to: string;
  /** The Annex 2 group of the event's hazard (null: unknown hazard). */
  group: Annex2Group | null;
  /** Whether the event has at least one Annex 2 assessment. */
  hasAnnex2Assessment: boolean;
  /** Why: required to discard, close or reopen. */
  reason: string;
}

/** Why the change may not be made; empty when it may. */
export function statusChangeProblems(change: StatusChange): string[] {
  if (!(EVENT_STATUSES as readonly string[]).includes(change.to)) {
    return [`status must be one of ${EVENT_STATUSES.join(', ')}, not "${change.to}"`];
  }
  const to = change.to as EventStatus;
  const problems: string[] = [];
  if (!NEXT[change.from].includes(to)) {
    problems.push(`an event ${change.from.replace('_', ' ')} can become ${NEXT[change.from].join(' or ')}, not ${to}`);
  }
  if ((to === 'discarded' || to === 'closed' || (change.from === 'closed' && to === 'monitoring')) && change.reason.trim() === '') {
    problems.push(`a reason is required to ${change.from === 'closed' ? 'reopen' : to === 'closed' ? 'close' : 'discard'} an event`);
  }
  // Annex 2: diseases that always go through the algorithm may not be closed without an assessment.
  if (to === 'closed' && change.group !== null && annex2AssessmentRequired(change.group) && !change.hasAnnex2Assessment) {
    problems.push('this disease must always be assessed with the IHR Annex 2 instrument: record an assessment before closing the event');
  }
  return problems;
}

/** How an event came to be known: a signal of the detection engine, or event-based surveillance. */
export const EVENT_SOURCE_KINDS = ['signal', 'media', 'rumour', 'partner_report', 'official_report', 'other'] as const;
export type EventSourceKind = (typeof EVENT_SOURCE_KINDS)[number];

/** The kinds of entry in an event's timeline; each is also what subscribers are told about. */
export const EVENT_UPDATE_KINDS = [
  'created',
  'edited',
  'status_changed',
  'published',
  'signals_linked',
  'counts_reported',
  'situation_update',
  'verification_requested',
  'verification_reminded',
  'verification_escalated',
  'verification_answered',
  'annex2_assessed',
  'notification_sent',
  'risk_assessed',
  'graded',
  'response_action',
] as const;
export type EventUpdateKind = (typeof EVENT_UPDATE_KINDS)[number];
