import { daysBetween, isIsoDate, type IsoDate } from '../time/periods.js';

/**
 * The 7-1-7 timeliness target: ≤ 7 days from emergence to detection, ≤ 1 day from detection to notification of a
 * public-health authority responsible for action, ≤ 7 days from notification to completion of the early response.
 * Pure: the caller supplies the dates and `today`. Specification: shared/domain/risk-and-grading.md §3.
 */

/** The seven early response actions of the 7-1-7 toolkit, in its order. */
export const EARLY_RESPONSE_ACTIONS = [
  'investigate',
  'analyse_and_assess',
  'lab_confirmation',
  'case_management_ipc',
  'community_countermeasures',
  'risk_communication',
  'coordination',
] as const;
export type EarlyResponseAction = (typeof EARLY_RESPONSE_ACTIONS)[number];

export const TIMELINESS_INTERVALS = ['detect', 'notify', 'respond'] as const;
export type TimelinessInterval = (typeof TIMELINESS_INTERVALS)[number];

export type TimelinessTargets = Readonly<Record<TimelinessInterval, number>>;

export const DEFAULT_717_TARGETS: TimelinessTargets = { detect: 7, notify: 1, respond: 7 };

export type IntervalStatus = 'met' | 'missed' | 'pending';

export interface ResponseActionEntry {
  readonly code: EarlyResponseAction;
  /** Not-applicable actions (e.g. no community countermeasures for a low-risk event) are ignored entirely. */
  readonly applicable: boolean;
  readonly dateCompleted: string | null;
}

export interface TimelinessInput {
  readonly dateEmergence: string | null;
  readonly dateDetection: string | null;
  readonly dateNotification: string | null;
  /**
   * An action left out counts as applicable and not yet done: completion cannot be claimed by forgetting an action,
   * only by marking it not applicable.
   */
  readonly responseActions: readonly ResponseActionEntry[];
}

export interface TimelinessOptions {
  readonly today: string;
  readonly targets?: Partial<TimelinessTargets>;
}

export interface IntervalResult {
  /** Whole calendar days from start to end (same day = 0); null while the interval is open. */
  readonly days: number | null;
  readonly status: IntervalStatus;
}

export interface TimelinessResult {
  readonly dateEarlyResponseInitiation: IsoDate | null;
  readonly dateEarlyResponseCompletion: IsoDate | null;
  readonly detect: IntervalResult;
  readonly notify: IntervalResult;
  readonly respond: IntervalResult;
  /** True when all three targets are met, false as soon as one is missed, null while the outcome is still open. */
  readonly all717: boolean | null;
}

export class TimelinessError extends Error {
  override readonly name = 'TimelinessError';
}

function checkDate(field: string, value: string | null): IsoDate | null {
  if (value === null) return null;
  if (!isIsoDate(value)) throw new TimelinessError(`${field}: '${value}' is not a valid date (use YYYY-MM-DD, e.g. 2025-03-15)`);
  return value;
}

function resolveTargets(targets: Partial<TimelinessTargets> | undefined): TimelinessTargets {
  const resolved = { ...DEFAULT_717_TARGETS, ...targets };
  for (const interval of TIMELINESS_INTERVALS) {
    const target = resolved[interval];
    if (!Number.isSafeInteger(target) || target < 0) {
      throw new TimelinessError(`targets.${interval}: ${target} is not a whole number of days ≥ 0`);
    }
  }
  return resolved;
}

interface Endpoint {
  readonly label: string;
  readonly date: IsoDate | null;
}

function assessInterval(start: Endpoint, end: Endpoint, target: number, today: IsoDate): IntervalResult {
  if (start.date === null) {
    if (end.date !== null) throw new TimelinessError(`${end.label} ${end.date} is recorded but ${start.label} is missing`);
    // Without a start there is no clock running yet, so nothing can be missed.
    return { days: null, status: 'pending' };
  }
  if (end.date === null) {
    // An open interval is already missed once the target has passed: waiting for the end date cannot rescue it.
    return { days: null, status: daysBetween(start.date, today) <= target ? 'pending' : 'missed' };
  }
  const days = daysBetween(start.date, end.date);
  if (days < 0) throw new TimelinessError(`${end.label} ${end.date} is before ${start.label} ${start.date}`);
  return { days, status: days <= target ? 'met' : 'missed' };
}

interface ResponseDates {
  readonly initiation: IsoDate | null;
  readonly completion: IsoDate | null;
}

function responseDates(actions: readonly ResponseActionEntry[]): ResponseDates {
  const byCode = new Map<EarlyResponseAction, ResponseActionEntry>();
  for (const [index, action] of actions.entries()) {
    if (!(EARLY_RESPONSE_ACTIONS as readonly string[]).includes(action.code)) {
      throw new TimelinessError(`responseActions[${index}].code: '${action.code}' is not an early response action`);
    }
    if (byCode.has(action.code)) throw new TimelinessError(`responseActions[${index}].code: '${action.code}' is listed twice`);
    byCode.set(action.code, action);
  }
  const dates: IsoDate[] = [];
  let allDone = true;
  let anyApplicable = false;
  for (const code of EARLY_RESPONSE_ACTIONS) {
    const action = byCode.get(code);
    // Validated even when not applicable, so a typo is caught before someone flips the action back to applicable.
    const date = checkDate(`responseActions.${code}.dateCompleted`, action?.dateCompleted ?? null);
    if (action !== undefined && !action.applicable) continue;
    anyApplicable = true;
    if (date === null) allDone = false;
    else dates.push(date);
  }
  if (!anyApplicable) {
    // Otherwise the response could never complete (or would complete vacuously): at least the investigation applies.
    throw new TimelinessError('responseActions: every early response action is marked not applicable; at least one must apply');
  }
  // ISO dates sort chronologically as strings.
  const sorted = dates.sort();
  return { initiation: sorted[0] ?? null, completion: allDone ? (sorted.at(-1) ?? null) : null };
}

function combineAll(statuses: readonly IntervalStatus[]): boolean | null {
  if (statuses.includes('missed')) return false;
  if (statuses.includes('pending')) return null;
  return true;
}

/** The 7-1-7 intervals and statuses of one event (§3.2). Throws TimelinessError on bad or inconsistent dates. */
export function computeTimeliness(record: TimelinessInput, options: TimelinessOptions): TimelinessResult {
  const today = checkDate('today', options.today);
  if (today === null) throw new TimelinessError('today: a date is required');
  const targets = resolveTargets(options.targets);
  const emergence: Endpoint = { label: 'emergence', date: checkDate('dateEmergence', record.dateEmergence) };
  const detection: Endpoint = { label: 'detection', date: checkDate('dateDetection', record.dateDetection) };
  const notification: Endpoint = { label: 'notification', date: checkDate('dateNotification', record.dateNotification) };
  const { initiation, completion } = responseDates(record.responseActions);
  const response: Endpoint = { label: 'early response completion', date: completion };

  const detect = assessInterval(emergence, detection, targets.detect, today);
  const notify = assessInterval(detection, notification, targets.notify, today);
  const respond = assessInterval(notification, response, targets.respond, today);
  return {
    dateEarlyResponseInitiation: initiation,
    dateEarlyResponseCompletion: completion,
    detect,
    notify,
    respond,
    all717: combineAll([detect.status, notify.status, respond.status]),
  };
}

export interface ProportionMet {
  readonly met: number;
  /** Events whose status is decided (met or missed); pending events are left out of the denominator. */
  readonly assessed: number;
  /** met / assessed, or null when nothing is assessed yet. */
  readonly proportion: number | null;
}

export interface IntervalAggregate extends ProportionMet {
  /**
   * Median days over closed intervals only. Secondary to the proportion: open missed intervals have no day count, so
   * the median leans optimistic, which is one reason the toolkit prefers proportions.
   */
  readonly medianDays: number | null;
}

export interface TimelinessAggregate {
  readonly events: number;
  readonly detect: IntervalAggregate;
  readonly notify: IntervalAggregate;
  readonly respond: IntervalAggregate;
  readonly all717: ProportionMet;
}

function proportionMet(met: number, assessed: number): ProportionMet {
  return { met, assessed, proportion: assessed === 0 ? null : met / assessed };
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  // noUncheckedIndexedAccess: the indices are in range because the array is non-empty.
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function aggregateInterval(results: readonly TimelinessResult[], interval: TimelinessInterval): IntervalAggregate {
  const intervals = results.map((r) => r[interval]);
  const met = intervals.filter((i) => i.status === 'met').length;
  const assessed = intervals.filter((i) => i.status !== 'pending').length;
  const days = intervals.flatMap((i) => (i.days === null ? [] : [i.days]));
  return { ...proportionMet(met, assessed), medianDays: median(days) };
}

/** Proportions of events meeting each target and all three (§3.2 aggregates), with medians as secondary figures. */
export function aggregateTimeliness(results: readonly TimelinessResult[]): TimelinessAggregate {
  const decided = results.filter((r) => r.all717 !== null);
  return {
    events: results.length,
    detect: aggregateInterval(results, 'detect'),
    notify: aggregateInterval(results, 'notify'),
    respond: aggregateInterval(results, 'respond'),
    all717: proportionMet(decided.filter((r) => r.all717 === true).length, decided.length),
  };
}

/** The interval that held an event up: the first of detect, notify, respond that missed its target. */
export function timelinessBottleneck(result: TimelinessResult): TimelinessInterval | null {
  return TIMELINESS_INTERVALS.find((interval) => result[interval].status === 'missed') ?? null;
}

/**
 * Where a group of events is held up most: the interval with the lowest proportion met (earlier
 * intervals first on ties, because a late detection delays everything after it). Null when every
 * assessed interval met its target.
 */
export function aggregateBottleneck(aggregate: TimelinessAggregate): TimelinessInterval | null {
  let worst: TimelinessInterval | null = null;
  for (const interval of TIMELINESS_INTERVALS) {
    const proportion = aggregate[interval].proportion;
    if (proportion === null || proportion === 1) continue;
    if (worst === null || proportion < aggregate[worst].proportion!) worst = interval;
  }
  return worst;
}
