/**
 * Surveillance periods: ISO weeks, months and days, in Accord's canonical syntax and in DHIS2's.
 *
 * Core has no clock, so all calendar arithmetic is done on integers: a date becomes a day number
 * (days since 1970-01-01) with Howard Hinnant's days-from-civil / civil-from-days algorithms
 * (https://howardhinnant.github.io/date_algorithms.html), which are exact for the proleptic Gregorian calendar.
 */

declare const isoDateBrand: unique symbol;
/** A valid calendar date written YYYY-MM-DD, in the supported years 1900–2999. */
export type IsoDate = string & { readonly [isoDateBrand]: true };

export const PERIOD_TYPES = ['week', 'month', 'day'] as const;
export type PeriodType = (typeof PERIOD_TYPES)[number];

/** A reporting period, stored as its type and first day (the Monday of an ISO week, the 1st of a month, or the day). */
export interface Period {
  readonly type: PeriodType;
  readonly start: IsoDate;
}

/** An ISO 8601 week: `year` is the ISO week-numbering year, which differs from the calendar year around New Year. */
export interface IsoWeek {
  readonly year: number;
  readonly week: number;
}

/** ISO 8601 day of the week: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export type PeriodParseResult = { readonly ok: true; readonly period: Period } | { readonly ok: false; readonly reason: string };

export const MIN_SUPPORTED_YEAR = 1900;
export const MAX_SUPPORTED_YEAR = 2999;

export class PeriodError extends Error {
  override readonly name = 'PeriodError';
}

const ACCORD_FORMS = 'use an ISO week (2024-W05), a month (2024-03) or a day (2024-03-15)';
const DHIS2_FORMS = 'use a DHIS2 week (2024W5), month (202403) or day (20240315)';
const DATE_FORM = 'use YYYY-MM-DD, e.g. 2024-03-15';
const UNSUPPORTED_TAIL = 'send weekly, monthly or daily data';
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;
const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

const DASH = 45;
const UPPER_W = 87;

// ---------------------------------------------------------------------------------------------------------------
// Integer calendar arithmetic

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  // 31 for Jan, Mar, May, Jul, Aug, Oct, Dec: odd months up to July, even months from August (m >> 3 flips the parity there).
  return 30 + ((month + (month >> 3)) & 1);
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  // Counting years from March puts the leap day last, so every month before it has a fixed offset.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The calendar year of a day number (the year part of Hinnant's civil_from_days). */
function yearOfDayNumber(dayNumber: number): number {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  return yearOfEra + era * 400 + (monthFromMarch >= 10 ? 1 : 0);
}

function twoDigitString(n: number): string {
  return n < 10 ? '0' + n : '' + n;
}

/** Formats a day number as YYYY-MM-DD (Hinnant's civil_from_days); callers keep it within the supported years. */
function formatDayNumber(dayNumber: number): IsoDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return (year + '-' + twoDigitString(month) + '-' + twoDigitString(day)) as IsoDate;
}

function weekdayOfDayNumber(dayNumber: number): IsoWeekday {
  // 1970-01-01, day number 0, was a Thursday; the double modulo keeps dates before 1970 non-negative.
  return (((((dayNumber + 3) % 7) + 7) % 7) + 1) as IsoWeekday;
}

/** Day number of the Monday of ISO week 1: the week that holds 4 January, hence the year's first Thursday. */
function mondayOfWeekOne(isoYear: number): number {
  const january4 = daysFromCivil(isoYear, 1, 4);
  return january4 - weekdayOfDayNumber(january4) + 1;
}

function weeksInIsoYearUnchecked(isoYear: number): number {
  return (mondayOfWeekOne(isoYear + 1) - mondayOfWeekOne(isoYear)) / 7;
}

const MIN_DAY_NUMBER = daysFromCivil(MIN_SUPPORTED_YEAR, 1, 1);
const MAX_DAY_NUMBER = daysFromCivil(MAX_SUPPORTED_YEAR, 12, 31);

/** Decimal digit at `index`, or -1 (charCodeAt past the end gives NaN, which fails both comparisons). */
function digitAt(text: string, index: number): number {
  const d = text.charCodeAt(index) - 48;
  return d >= 0 && d <= 9 ? d : -1;
}

function twoDigitsAt(text: string, index: number): number {
  const tens = digitAt(text, index);
  const units = digitAt(text, index + 1);
  return tens < 0 || units < 0 ? -1 : tens * 10 + units;
}

/** The year written in the first four characters, or -1 when they are not four digits. */
function yearAt0(text: string): number {
  const high = twoDigitsAt(text, 0);
  const low = twoDigitsAt(text, 2);
  return high < 0 || low < 0 ? -1 : high * 100 + low;
}

/** Day number of a branded date; the brand guarantees the YYYY-MM-DD shape, so the digits are read unchecked. */
function dayNumberOf(date: IsoDate): number {
  return daysFromCivil(yearAt0(date), twoDigitsAt(date, 5), twoDigitsAt(date, 8));
}

function isSupportedYear(year: number): boolean {
  return year >= MIN_SUPPORTED_YEAR && year <= MAX_SUPPORTED_YEAR;
}

function yearOutOfRange(text: string, year: number): string {
  return `"${text}": the year ${year} is outside the supported range ${MIN_SUPPORTED_YEAR}–${MAX_SUPPORTED_YEAR}`;
}

/** Why year-month-day is not a calendar date (quoting `text` as the user wrote it), or null when it is one. */
function calendarDateProblem(text: string, year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12) return `"${text}" is not a valid date: months run from 01 to 12`;
  if (day < 1) return `"${text}" is not a valid date: days are numbered from 01`;
  const length = daysInMonth(year, month);
  if (day > length) return `"${text}" is not a valid date: ${MONTH_NAMES[month - 1] ?? ''} ${year} has ${length} days`;
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Dates

/** Why `text` is not an IsoDate, or null when it is one. */
function isoDateProblem(text: string): string | null {
  if (text === '') return `the date is empty: ${DATE_FORM}`;
  const year = yearAt0(text);
  const month = twoDigitsAt(text, 5);
  const day = twoDigitsAt(text, 8);
  if (text.length !== 10 || year < 0 || month < 0 || day < 0 || text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH) {
    return `"${text}" is not a date: ${DATE_FORM}`;
  }
  if (!isSupportedYear(year)) return yearOutOfRange(text, year);
  return calendarDateProblem(text, year, month, day);
}

export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && isoDateProblem(value) === null;
}

export function parseIsoDate(text: string): IsoDate {
  const problem = isoDateProblem(text);
  if (problem !== null) throw new PeriodError(problem);
  return text as IsoDate;
}

function dateFromDayNumber(dayNumber: number, describe: () => string): IsoDate {
  if (dayNumber < MIN_DAY_NUMBER || dayNumber > MAX_DAY_NUMBER) {
    throw new PeriodError(`${describe()} leaves the supported years ${MIN_SUPPORTED_YEAR}–${MAX_SUPPORTED_YEAR}`);
  }
  return formatDayNumber(dayNumber);
}

/** The date `days` days after `date` (before it when negative). */
export function addDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isSafeInteger(days)) throw new PeriodError(`addDays needs a whole number of days, not ${days}`);
  return dateFromDayNumber(dayNumberOf(date) + days, () => `adding ${days} days to ${date}`);
}

/** Days from `from` to `to`: positive when `to` is later, e.g. daysBetween('2024-03-01', '2024-03-08') = 7. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumberOf(to) - dayNumberOf(from);
}

export function dayOfWeek(date: IsoDate): IsoWeekday {
  return weekdayOfDayNumber(dayNumberOf(date));
}

// ---------------------------------------------------------------------------------------------------------------
// ISO weeks

function checkIsoYear(year: number): void {
  if (!Number.isInteger(year) || !isSupportedYear(year)) {
    throw new PeriodError(`${year} is not a supported year: years run from ${MIN_SUPPORTED_YEAR} to ${MAX_SUPPORTED_YEAR}`);
  }
}

/** 52 or 53: a year has 53 ISO weeks when it starts on a Thursday, or is a leap year starting on a Wednesday. */
export function weeksInIsoYear(year: number): 52 | 53 {
  checkIsoYear(year);
  return weeksInIsoYearUnchecked(year) === 53 ? 53 : 52;
}

/**
 * The ISO week holding `date`. Its year is the ISO week-numbering year: 2008-12-29 is in 2009-W01 and 2027-01-01 in 2026-W53.
 * The last days of 2999 fall in 3000-W01, a week outside the supported years (periodFromDateAndType refuses it).
 */
export function isoWeekOf(date: IsoDate): IsoWeek {
  const dayNumber = dayNumberOf(date);
  // The Thursday of a week decides its year, as week 1 is the week with the year's first Thursday.
  const thursday = dayNumber - weekdayOfDayNumber(dayNumber) + 4;
  const year = yearOfDayNumber(thursday);
  return { year, week: Math.floor((thursday - daysFromCivil(year, 1, 1)) / 7) + 1 };
}

export function mondayOfIsoWeek(year: number, week: number): IsoDate {
  checkIsoYear(year);
  const weeks = weeksInIsoYearUnchecked(year);
  if (!Number.isInteger(week) || week < 1 || week > weeks) {
    throw new PeriodError(`${year} has ${weeks} ISO weeks, numbered 1 to ${weeks}: there is no week ${week}`);
  }
  return formatDayNumber(mondayOfWeekOne(year) + 7 * (week - 1));
}

/** The week period of ISO week `week` of `year` (already in the supported years), or why there is no such week. */
function weekPeriodOrProblem(text: string, year: number, week: number): Period | string {
  if (week === 0) return `"${text}" is not a valid ISO week: weeks are numbered from 1`;
  // Every year has weeks 1 to 52, so only week 53 and above need the year's length.
  if (week > 52) {
    const weeks = weeksInIsoYearUnchecked(year);
    if (week > weeks) return `"${text}" is not a valid ISO week: ${year} has ${weeks} weeks`;
  }
  return { type: 'week', start: formatDayNumber(mondayOfWeekOne(year) + 7 * (week - 1)) };
}

// ---------------------------------------------------------------------------------------------------------------
// Accord's canonical syntax: 2024-W05, 2024-03, 2024-03-15

function parseAccordPeriod(text: string): Period | string {
  const length = text.length;
  const year = yearAt0(text);
  if (length >= 7 && length <= 10 && isSupportedYear(year) && text.charCodeAt(4) === DASH) {
    if (text.charCodeAt(5) === UPPER_W) {
      if (length === 8) {
        const week = twoDigitsAt(text, 6);
        if (week >= 0) return weekPeriodOrProblem(text, year, week);
      } else if (length === 7 && digitAt(text, 6) >= 0) {
        return `"${text}" is not a valid ISO week: the week needs two digits (${year}-W0${text.charAt(6)})`;
      }
    } else {
      const month = twoDigitsAt(text, 5);
      if (month >= 0 && length === 7) {
        if (month < 1 || month > 12) return `"${text}" is not a valid month: months run from 01 to 12`;
        return { type: 'month', start: (text + '-01') as IsoDate };
      }
      const day = twoDigitsAt(text, 8);
      if (month >= 0 && day >= 0 && length === 10 && text.charCodeAt(7) === DASH) {
        return calendarDateProblem(text, year, month, day) ?? { type: 'day', start: text as IsoDate };
      }
    }
  }
  return explainAccordPeriod(text);
}

function leadingDigitCount(text: string): number {
  let count = 0;
  while (digitAt(text, count) >= 0) count++;
  return count;
}

/** Why `text` is not a period in Accord's syntax, once the fast path has failed on it. */
function explainAccordPeriod(text: string): string {
  if (text === '') return `the period is empty: ${ACCORD_FORMS}`;
  if (text.trim() !== text) return `"${text}" is not a period: remove the spaces around it`;
  if (/^\d{4}$/.test(text)) return `yearly periods (${text}) are not supported; ${UNSUPPORTED_TAIL}`;
  if (/^\d{4}-?Q\d$/.test(text)) return `quarterly periods (${text}) are not supported; ${UNSUPPORTED_TAIL}`;
  const digits = leadingDigitCount(text);
  const separator = text.charAt(digits);
  if (digits === 4 && separator === '-' && /^\d{4}-(W\d{1,2}|\d\d|\d\d-\d\d)$/.test(text)) return yearOutOfRange(text, yearAt0(text));
  if (digits > 0 && digits < 4 && separator === '-') return `"${text}" is not a period: the year needs four digits; ${ACCORD_FORMS}`;
  if (digits === 4 && (separator === '/' || separator === '.' || separator === ' ')) {
    return `"${text}" is not a period: separate the year, month and day with hyphens (-); ${ACCORD_FORMS}`;
  }
  if (/^\d{4}W\d{1,2}$|^\d{6}$|^\d{8}$/.test(text))
    return `"${text}" is not a period in Accord syntax (it looks like DHIS2 syntax); ${ACCORD_FORMS}`;
  return `"${text}" is not a period: ${ACCORD_FORMS}`;
}

/** Parses Accord's canonical syntax without throwing: meant for one call per CSV row. */
export function tryParsePeriod(text: string): PeriodParseResult {
  const parsed = parseAccordPeriod(text);
  return typeof parsed === 'string' ? { ok: false, reason: parsed } : { ok: true, period: parsed };
}

/** Parses Accord's canonical syntax: `2024-W05` (ISO week), `2024-03` (month) or `2024-03-15` (day). */
export function parsePeriod(text: string): Period {
  const parsed = parseAccordPeriod(text);
  if (typeof parsed === 'string') throw new PeriodError(parsed);
  return parsed;
}

export function formatPeriod(period: Period): string {
  if (period.type === 'day') return period.start;
  if (period.type === 'month') return period.start.slice(0, 7);
  const { year, week } = isoWeekOf(period.start);
  return year + '-W' + twoDigitString(week);
}

// ---------------------------------------------------------------------------------------------------------------
// DHIS2 syntax: 2024W5 (or 2024W05), 202403, 20240315

function parseDhis2PeriodOrProblem(text: string): Period | string {
  const length = text.length;
  const year = yearAt0(text);
  if (isSupportedYear(year)) {
    if (text.charCodeAt(4) === UPPER_W) {
      const week = length === 6 ? digitAt(text, 5) : length === 7 ? twoDigitsAt(text, 5) : -1;
      if (week >= 0) return weekPeriodOrProblem(text, year, week);
    } else if (length === 6) {
      const month = twoDigitsAt(text, 4);
      if (month >= 0) {
        if (month < 1 || month > 12) return `"${text}" is not a valid month: months run from 01 to 12`;
        return { type: 'month', start: (year + '-' + text.slice(4, 6) + '-01') as IsoDate };
      }
    } else if (length === 8) {
      const month = twoDigitsAt(text, 4);
      const day = twoDigitsAt(text, 6);
      if (month >= 0 && day >= 0) {
        const problem = calendarDateProblem(text, year, month, day);
        if (problem !== null) return problem;
        return { type: 'day', start: (year + '-' + text.slice(4, 6) + '-' + text.slice(6, 8)) as IsoDate };
      }
    }
  }
  return explainDhis2Period(text);
}

/** DHIS2 period types Accord does not take, by the pattern of what follows the four-digit year. */
const UNSUPPORTED_DHIS2_TYPES: readonly { readonly after: RegExp; readonly name: string; readonly tail: string }[] = [
  { after: /^$/, name: 'yearly', tail: UNSUPPORTED_TAIL },
  { after: /^Q\d$/, name: 'quarterly', tail: UNSUPPORTED_TAIL },
  { after: /^NovQ\d$/, name: 'quarterly (November start)', tail: UNSUPPORTED_TAIL },
  { after: /^S\d$/, name: 'six-monthly', tail: UNSUPPORTED_TAIL },
  { after: /^AprilS\d$/, name: 'six-monthly (April start)', tail: UNSUPPORTED_TAIL },
  { after: /^NovS\d$/, name: 'six-monthly (November start)', tail: UNSUPPORTED_TAIL },
  { after: /^\d\dB$/, name: 'bi-monthly', tail: UNSUPPORTED_TAIL },
  { after: /^BiW\d{1,2}$/, name: 'bi-weekly', tail: UNSUPPORTED_TAIL },
  // Weeks starting on another day than Monday do not line up with ISO weeks, so they cannot be converted.
  { after: /^WedW\d{1,2}$/, name: 'Wednesday-start weekly', tail: 'send ISO weekly (Monday-start), monthly or daily data' },
  { after: /^ThuW\d{1,2}$/, name: 'Thursday-start weekly', tail: 'send ISO weekly (Monday-start), monthly or daily data' },
  { after: /^SatW\d{1,2}$/, name: 'Saturday-start weekly', tail: 'send ISO weekly (Monday-start), monthly or daily data' },
  { after: /^SunW\d{1,2}$/, name: 'Sunday-start weekly', tail: 'send ISO weekly (Monday-start), monthly or daily data' },
  { after: /^(April|July|Oct|Nov)$/, name: 'financial-year', tail: UNSUPPORTED_TAIL },
];

/** Why `text` is not a supported DHIS2 period, once the fast path has failed on it. */
function explainDhis2Period(text: string): string {
  if (text === '') return `the period is empty: ${DHIS2_FORMS}`;
  if (text.trim() !== text) return `"${text}" is not a period: remove the spaces around it`;
  const digits = leadingDigitCount(text);
  if (digits >= 4) {
    const after = text.slice(4);
    for (const type of UNSUPPORTED_DHIS2_TYPES) {
      if (type.after.test(after)) return `${type.name} periods (${text}) are not supported; ${type.tail}`;
    }
    if (/^(W\d{1,2}|\d{4}|\d{2})$/.test(after)) return yearOutOfRange(text, yearAt0(text));
    if (/^W\d{3,}$/.test(after)) return `"${text}" is not a valid ISO week: weeks are numbered 1 to 53`;
    if (text.charAt(4) === '-') return `"${text}" is not a period in DHIS2 syntax (DHIS2 periods have no hyphens); ${DHIS2_FORMS}`;
  } else if (digits > 0 && /^[W\d]/.test(text.slice(digits))) {
    return `"${text}" is not a period: the year needs four digits; ${DHIS2_FORMS}`;
  }
  return `"${text}" is not a DHIS2 period: ${DHIS2_FORMS}`;
}

/** Parses DHIS2 syntax without throwing: meant for one call per imported row. */
export function tryParseDhis2Period(text: string): PeriodParseResult {
  const parsed = parseDhis2PeriodOrProblem(text);
  return typeof parsed === 'string' ? { ok: false, reason: parsed } : { ok: true, period: parsed };
}

/** Parses DHIS2 syntax: `2024W5` or `2024W05` (ISO week, Monday start), `202403` (month), `20240315` (day). */
export function parseDhis2Period(text: string): Period {
  const parsed = parseDhis2PeriodOrProblem(text);
  if (typeof parsed === 'string') throw new PeriodError(parsed);
  return parsed;
}

/** Formats as DHIS2 does: weeks without zero padding (`2024W5`), months `202403`, days `20240315`. */
export function formatDhis2Period(period: Period): string {
  const start = period.start;
  if (period.type === 'day') return start.slice(0, 4) + start.slice(5, 7) + start.slice(8, 10);
  if (period.type === 'month') return start.slice(0, 4) + start.slice(5, 7);
  const { year, week } = isoWeekOf(start);
  return year + 'W' + week;
}

// ---------------------------------------------------------------------------------------------------------------
// Period helpers

function weekPeriodFromMondayNumber(monday: number, describe: () => string): Period {
  // The Thursday decides the ISO year: the last days of 2999 belong to 3000-W01.
  const isoYear = yearOfDayNumber(monday + 3);
  if (!isSupportedYear(isoYear)) {
    throw new PeriodError(
      `${describe()} is in an ISO week of ${isoYear}, outside the supported years ${MIN_SUPPORTED_YEAR}–${MAX_SUPPORTED_YEAR}`,
    );
  }
  return { type: 'week', start: formatDayNumber(monday) };
}

/** The period of type `type` that contains `date`. */
export function periodFromDateAndType(date: IsoDate, type: PeriodType): Period {
  if (type === 'day') return { type, start: date };
  if (type === 'month') return { type, start: (date.slice(0, 8) + '01') as IsoDate };
  const dayNumber = dayNumberOf(date);
  return weekPeriodFromMondayNumber(dayNumber - weekdayOfDayNumber(dayNumber) + 1, () => date);
}

/**
 * The week period identified by its Monday as YYYY-MM-DD, the form the early-warning CLI uses.
 * Refuses any other day, naming the Monday of that week, so that a typo cannot silently shift a week.
 */
export function weekPeriodFromMonday(text: string): Period {
  const date = parseIsoDate(text);
  const dayNumber = dayNumberOf(date);
  const weekday = weekdayOfDayNumber(dayNumber);
  if (weekday !== 1) {
    const monday = dayNumber - weekday + 1;
    const mondayText = monday >= MIN_DAY_NUMBER ? ` (that week's Monday is ${formatDayNumber(monday)})` : '';
    throw new PeriodError(
      `"${text}" is a ${WEEKDAY_NAMES[weekday - 1] ?? ''}, not a Monday: weekly periods are identified by their Monday${mondayText}`,
    );
  }
  return weekPeriodFromMondayNumber(dayNumber, () => `"${text}"`);
}

/** Checks a stored (type, start) pair: the type is known and the start is the first day of such a period. */
export function toPeriod(type: string, start: string): Period {
  if (!(PERIOD_TYPES as readonly string[]).includes(type)) {
    throw new PeriodError(`"${type}" is not a period type: use ${PERIOD_TYPES.join(', ')}`);
  }
  const period = periodFromDateAndType(parseIsoDate(start), type as PeriodType);
  if (period.start !== start) {
    const first = type === 'week' ? 'on a Monday' : 'on the first day of the month';
    throw new PeriodError(`a ${type}ly period starts ${first}, not on ${start} (that ${type} starts on ${period.start})`);
  }
  return period;
}

/** The last day of the period, inclusive. */
export function periodEnd(period: Period): IsoDate {
  const start = period.start;
  if (period.type === 'day') return start;
  if (period.type === 'week') return formatDayNumber(dayNumberOf(start) + 6);
  return (start.slice(0, 8) + daysInMonth(yearAt0(start), twoDigitsAt(start, 5))) as IsoDate;
}

/** The period of the same type that follows `period`. */
export function nextPeriod(period: Period): Period {
  const start = period.start;
  const describe = (): string => `the period after ${formatPeriod(period)}`;
  if (period.type === 'week') return weekPeriodFromMondayNumber(dayNumberOf(start) + 7, describe);
  if (period.type === 'day') return { type: 'day', start: dateFromDayNumber(dayNumberOf(start) + 1, describe) };
  const year = yearAt0(start);
  const month = twoDigitsAt(start, 5);
  if (month < 12) return { type: 'month', start: (year + '-' + twoDigitString(month + 1) + '-01') as IsoDate };
  return { type: 'month', start: dateFromDayNumber(daysFromCivil(year + 1, 1, 1), describe) };
}

/** Orders by type (in PERIOD_TYPES order: week, month, day), then by start date. */
export function comparePeriods(a: Period, b: Period): number {
  if (a.type !== b.type) return PERIOD_TYPES.indexOf(a.type) - PERIOD_TYPES.indexOf(b.type);
  return a.start < b.start ? -1 : a.start > b.start ? 1 : 0;
}

/**
 * True when the period starts after `today`, i.e. lies wholly in the future. The current week or month has
 * started, so it is not in the future: its data may be reported as it comes in.
 */
export function periodStartsAfter(period: Period, today: IsoDate): boolean {
  // Fixed-width YYYY-MM-DD strings order the same as the dates they name.
  return period.start > today;
}
