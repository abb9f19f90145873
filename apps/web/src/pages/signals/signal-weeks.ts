import { formatPeriod, weekPeriodFromMonday } from '@accord/core';
import type { DetectionWeekDto } from '@accord/contracts';

/** The ISO week of a Monday as the explorer writes periods (2024-W10); the text itself if it is not a Monday. */
export function isoWeekLabel(monday: string): string {
  try {
    return formatPeriod(weekPeriodFromMonday(monday));
  } catch {
    return monday;
  }
}

/** How a week of the series reads on the chart: an alarm, a quiet evaluated week, or a week without a result. */
export type WeekKind = 'alarm' | 'quiet' | 'no-result' | 'no-count';

export function weekKind(week: DetectionWeekDto): WeekKind {
  if (week.observed === null || week.note === 'no_count') return 'no-count';
  if (week.alarm === true) return 'alarm';
  if (week.alarm === false) return 'quiet';
  return 'no-result';
}

/**
 * Continuous runs of the non-null values of a series, as [index, value] pairs, so a line is broken where a week
 * has no value rather than drawn across the gap.
 */
export function segments(values: readonly (number | null)[]): [number, number][][] {
  const runs: [number, number][][] = [];
  let run: [number, number][] = [];
  values.forEach((value, i) => {
    if (value === null || !Number.isFinite(value)) {
      if (run.length > 0) runs.push(run);
      run = [];
    } else {
      run.push([i, value]);
    }
  });
  if (run.length > 0) runs.push(run);
  return runs;
}

/**
 * The top of the value axis: the observed and expected values always fit; a threshold far above them (a method's
 * bound on a short or flat history) is allowed to run off the top rather than flatten the bars.
 */
export function valueAxisMax(weeks: readonly DetectionWeekDto[]): number {
  const finite = (values: (number | null)[]) => values.filter((v): v is number => v !== null && Number.isFinite(v));
  const data = Math.max(0, ...finite(weeks.map((w) => w.observed)), ...finite(weeks.map((w) => w.expected)));
  const bound = Math.max(0, ...finite(weeks.map((w) => w.upperbound)));
  return Math.max(data, Math.min(bound, Math.max(data, 1) * 2), 1);
}
