import { type EventStatus } from '../ihr/event-status.js';
import { type RiskLevel } from '../ihr/risk.js';
import { type CapCertainty, type CapMsgType, type CapSeverity, type CapUrgency } from './cap.js';

/**
 * From Accord's event record to CAP's three qualifiers. CAP was designed for hazards like storms,
 * where "severity", "certainty" and "urgency" have everyday meanings; a public-health event carries a
 * WHO rapid risk assessment and a verification status instead, so each mapping says why it is drawn
 * where it is. Receivers filter and sort on these values: wrong ones cause missed or needless alarms.
 */

/**
 * CAP severity from the WHO rapid risk assessment's overall risk level. The four levels line up one to
 * one: low → Minor ("minimal to no known threat"), moderate → Moderate ("possible threat"),
 * high → Severe ("significant threat"), very high → Extreme ("extraordinary threat"). No assessment
 * yet (null) is Unknown rather than a guess, so receivers do not rank an unassessed event as minor.
 */
export function capSeverityForRisk(riskLevel: RiskLevel | null): CapSeverity {
  if (riskLevel === null) return 'Unknown';
  const severity: Record<RiskLevel, CapSeverity> = { low: 'Minor', moderate: 'Moderate', high: 'Severe', very_high: 'Extreme' };
  return severity[riskLevel];
}

/**
 * CAP certainty from where the event is in verification. Under verification → Possible: a signal
 * that may or may not be real, which is exactly what verification settles. Verified and monitoring →
 * Observed: the event has been confirmed to be happening. Discarded → Unlikely: verification found
 * it not to be an event (CAP's "not expected to occur"). Closed → Observed: it did happen; that it
 * is over is said by urgency Past, not by doubting it.
 */
export function capCertaintyForStatus(eventStatus: EventStatus): CapCertainty {
  const certainty: Record<EventStatus, CapCertainty> = {
    under_verification: 'Possible',
    verified: 'Observed',
    monitoring: 'Observed',
    discarded: 'Unlikely',
    closed: 'Observed',
  };
  return certainty[eventStatus];
}

/**
 * CAP urgency. Closed or discarded → Past: no action is needed any more. Otherwise Immediate when the
 * risk is very high (a very high risk calls for action now), else Expected (act soon). We do not use
 * Future: an open public-health event always calls for preparing or monitoring now, and an
 * unassessed event (risk null) is treated like any other open one rather than as Unknown, because the
 * status alone tells receivers the event is live.
 */
export function capUrgencyForStatus(eventStatus: EventStatus, riskLevel: RiskLevel | null): CapUrgency {
  if (eventStatus === 'closed' || eventStatus === 'discarded') return 'Past';
  return riskLevel === 'very_high' ? 'Immediate' : 'Expected';
}

/**
 * The message type of an alert about an event. A discarded event cancels what was said about it
 * (Cancel: receivers withdraw it); any other change to an event already alerted on is an Update of
 * that alert; the first alert is an Alert. A discarded event never alerted on needs no alert at all
 * (null): a Cancel must reference something to cancel.
 */
export function capMsgTypeForEvent(eventStatus: EventStatus, alertedBefore: boolean): CapMsgType | null {
  if (eventStatus === 'discarded') return alertedBefore ? 'Cancel' : null;
  return alertedBefore ? 'Update' : 'Alert';
}
