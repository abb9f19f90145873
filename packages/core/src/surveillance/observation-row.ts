import type { CountryCode } from '../reference/countries.js';
import { periodStartsAfter, tryParsePeriod, formatPeriod, type IsoDate, type PeriodType } from '../time/periods.js';
import { closestWithin } from '../text/closest.js';

/** The canonical import columns, in their documented order. */
export const OBSERVATION_COLUMNS = ['location', 'disease', 'metric', 'period', 'value'] as const;
export type ObservationColumn = (typeof OBSERVATION_COLUMNS)[number];

/** Largest accepted value: beyond it a float can no longer hold every whole number exactly. */
export const MAX_OBSERVATION_VALUE = Number.MAX_SAFE_INTEGER;

/** One-letter storage code of each period type. */
export const PERIOD_TYPE_CODES: Record<PeriodType, 'W' | 'M' | 'D'> = { week: 'W', month: 'M', day: 'D' };

/** What the row checker needs to know about codes; the server fills it from the database once per import. */
export interface ObservationCodes {
  locations: ReadonlyMap<string, { id: number; country: string }>;
  diseases: ReadonlyMap<string, number>;
  metrics: ReadonlyMap<string, { id: number; wholeNumbers: boolean }>;
}

export interface ObservationRowContext {
  codes: ObservationCodes;
  /** Today's date where the importer is: periods that start after it are refused. */
  today: IsoDate;
  /** Whether the importer acts for this country. */
  mayActFor: (country: CountryCode) => boolean;
}

export interface CheckedObservation {
  locationId: number;
  diseaseId: number;
  metricId: number;
  periodType: 'W' | 'M' | 'D';
  periodStart: IsoDate;
  value: number;
}

export type ObservationRowCheck =
  { ok: true; observation: CheckedObservation } | { ok: false; column: ObservationColumn | null; value: string; reason: string };

const bad = (column: ObservationColumn | null, value: string, reason: string): ObservationRowCheck => ({
  ok: false,
  column,
  value,
  reason,
});

function unknownCode(kind: string, code: string, known: Iterable<string>, hint: string): string {
  const suggestion = closestWithin(code, known, 2);
  return suggestion ? `unknown ${kind} code "${code}" (did you mean "${suggestion}"?)` : `unknown ${kind} code "${code}"; ${hint}`;
}

/** Non-negative decimal: digits, optionally a dot and more digits. No signs, exponents or thousands separators. */
function parseValue(text: string): number | string {
  if (text === '') return 'the value is empty; write 0 for a true zero';
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) dots++;
    else if (c < 48 || c > 57) {
      if (i === 0 && c === 45 && text.length > 1) return `negative value "${text}": counts and measures cannot be below zero`;
      return `"${text}" is not a number; write digits, with a dot for decimals (e.g. 12 or 3.5)`;
    }
  }
  if (dots > 1 || text.charCodeAt(0) === 46 || text.charCodeAt(text.length - 1) === 46) {
    return `"${text}" is not a number; write digits, with a dot for decimals (e.g. 12 or 3.5)`;
  }
  const value = Number(text);
  if (value > MAX_OBSERVATION_VALUE) return `value "${text}" is too large (at most ${MAX_OBSERVATION_VALUE})`;
  return value;
}

/**
 * Checks one canonical row (`location,disease,metric,period,value`) and translates its codes.
 * Pure and allocation-light: it runs once per row of imports of millions of rows.
 */
export function checkObservationRow(
  fields: readonly string[],
  columns: Readonly<Record<ObservationColumn, number>>,
  context: ObservationRowContext,
): ObservationRowCheck {
  if (fields.length !== OBSERVATION_COLUMNS.length) {
    return bad(
      null,
      fields.join(','),
      `expected ${OBSERVATION_COLUMNS.length} fields (${OBSERVATION_COLUMNS.join(',')}), found ${fields.length}`,
    );
  }
  const rawLocation = (fields[columns.location] ?? '').trim();
  const location = context.codes.locations.get(rawLocation) ?? context.codes.locations.get(rawLocation.toUpperCase());
  if (!location) {
    if (rawLocation === '') return bad('location', rawLocation, 'the location is empty; write a location code such as KEN');
    return bad(
      'location',
      rawLocation,
      unknownCode(
        'location',
        rawLocation,
        context.codes.locations.keys(),
        'use a country ISO3 code (e.g. KEN) or a sub-national code defined by an administrator',
      ),
    );
  }
  if (!context.mayActFor(location.country as CountryCode)) {
    return bad('location', rawLocation, `you may not import data for ${location.country}: it is outside your country scope`);
  }
  const rawDisease = (fields[columns.disease] ?? '').trim();
  const diseaseId = context.codes.diseases.get(rawDisease) ?? context.codes.diseases.get(rawDisease.toLowerCase());
  if (diseaseId === undefined) {
    return bad(
      'disease',
      rawDisease,
      unknownCode('disease', rawDisease, context.codes.diseases.keys(), 'see the list of diseases (GET /api/diseases)'),
    );
  }
  const rawMetric = (fields[columns.metric] ?? '').trim();
  const metric = context.codes.metrics.get(rawMetric) ?? context.codes.metrics.get(rawMetric.toLowerCase());
  if (!metric) {
    return bad(
      'metric',
      rawMetric,
      unknownCode('metric', rawMetric, context.codes.metrics.keys(), 'see the list of metrics (GET /api/metrics)'),
    );
  }
  const rawPeriod = (fields[columns.period] ?? '').trim();
  const period = tryParsePeriod(rawPeriod);
  if (!period.ok) return bad('period', rawPeriod, period.reason);
  if (periodStartsAfter(period.period, context.today)) {
    return bad(
      'period',
      rawPeriod,
      `period ${formatPeriod(period.period)} starts after today (${context.today}): data cannot be reported for the future`,
    );
  }
  const rawValue = (fields[columns.value] ?? '').trim();
  const value = parseValue(rawValue);
  if (typeof value === 'string') return bad('value', rawValue, value);
  if (metric.wholeNumbers && !Number.isInteger(value)) {
    return bad('value', rawValue, `"${rawValue}" is not a whole number; ${rawMetric} are counted in whole numbers`);
  }
  return {
    ok: true,
    observation: {
      locationId: location.id,
      diseaseId,
      metricId: metric.id,
      periodType: PERIOD_TYPE_CODES[period.period.type],
      periodStart: period.period.start,
      value,
    },
  };
}
