import { parsePeriod, periodEnd, tryParsePeriod } from '@accord/core';

const DAY_MS = 86_400_000;

/** A reporting period as the chart needs it: its first day and the day after its last, in UTC milliseconds. */
export interface PeriodSpan {
  period: string;
  type: 'week' | 'month' | 'day';
  /** First day, YYYY-MM-DD. */
  start: string;
  /** Last day (inclusive), YYYY-MM-DD. */
  end: string;
  startMs: number;
  endMs: number;
}

export function isoDateMs(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

/** The span of a canonical period (2024-W05, 2024-03, 2024-03-15); null for text that is not one. */
export function periodSpan(period: string): PeriodSpan | null {
  if (!tryParsePeriod(period).ok) return null;
  const parsed = parsePeriod(period);
  const end = periodEnd(parsed);
  return { period, type: parsed.type, start: parsed.start, end, startMs: isoDateMs(parsed.start), endMs: isoDateMs(end) + DAY_MS };
}

/** 1, 2 or 5 times a power of ten, at least `value`. */
export function niceStep(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const fraction = value / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/** Value-axis ticks from 0 to at least `max`, about `count` of them, on round numbers (whole ones for counts). */
export function valueTicks(max: number, count = 5, whole = false): number[] {
  if (!(max > 0)) return [0, 1];
  const step = Math.max(whole ? 1 : 0, niceStep(max / (count - 1)));
  const top = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  // Rounding keeps 0.1 + 0.2 style sums from printing as 0.30000000000000004.
  for (let v = 0; v <= top + step / 2; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

const MONTH_STEPS = [1, 2, 3, 6, 12, 24, 60];

/** Time-axis ticks on the first of a month (or of a year for long series), at most `maxTicks` of them. */
export function timeTicks(fromMs: number, toMs: number, maxTicks = 7): { ms: number; yearOnly: boolean }[] {
  if (!(toMs > fromMs)) return [];
  const from = new Date(fromMs);
  const months = (new Date(toMs).getUTCFullYear() - from.getUTCFullYear()) * 12 + new Date(toMs).getUTCMonth() - from.getUTCMonth() + 1;
  const step = MONTH_STEPS.find((s) => months / s <= maxTicks) ?? 120;
  const ticks: { ms: number; yearOnly: boolean }[] = [];
  // Start at the first month boundary on or after `from` that is a multiple of the step (January for years).
  let year = from.getUTCFullYear();
  let month = from.getUTCMonth();
  if (Date.UTC(year, month, 1) < fromMs) month += 1;
  month = Math.ceil(month / Math.min(step, 12)) * Math.min(step, 12);
  for (;;) {
    year += Math.floor(month / 12);
    month %= 12;
    const ms = Date.UTC(year, month, 1);
    if (ms > toMs) break;
    if (step < 12 || year % (step / 12) === 0) ticks.push({ ms, yearOnly: step >= 12 });
    month += step >= 12 ? 12 : step;
  }
  return ticks;
}

/** Sequential colours, light to dark (ColorBrewer YlOrRd), readable with the common colour-vision deficiencies. */
export const SCALE_COLOURS = ['#fed976', '#feb24c', '#fd8d3c', '#f03b20', '#bd0026'] as const;
/** A reported zero: a colour of its own, so "nothing reported" and "no cases" never look alike. */
export const ZERO_COLOUR = '#fff8e1';
export const NO_DATA_COLOUR = '#c5ccd3';

export interface ColourClass {
  /** Smallest value of the class (inclusive). */
  from: number;
  /** Start of the next class (exclusive); null for the last. */
  to: number | null;
  colour: string;
}

/**
 * Classes for a choropleth of non-negative values: zero apart, then up to five classes whose bounds are round
 * numbers near the quintiles of the distinct positive values, so a few very large countries do not wash out the rest.
 */
export function colourClasses(values: readonly number[]): ColourClass[] {
  // Quantiles of the distinct values: with many countries at 1 or 2, quantiles of all values would leave one class.
  const positive = [...new Set(values.filter((v) => v > 0))].sort((a, b) => a - b);
  if (positive.length === 0) return [];
  // Counts get whole-number bounds (1, 2, 3, 5, 10…), so no class reads "2 to 2.5".
  const whole = positive.every(Number.isInteger);
  const bounds: number[] = [positive[0]!];
  for (let i = 1; i < SCALE_COLOURS.length; i += 1) {
    const q = positive[Math.floor((positive.length * i) / SCALE_COLOURS.length)]!;
    const nice = roundBound(q, whole);
    if (nice > bounds[bounds.length - 1]! && nice <= positive[positive.length - 1]!) bounds.push(nice);
  }
  // Spread the colours over the classes there are, keeping the darkest for the largest values.
  const offset = SCALE_COLOURS.length - bounds.length;
  return bounds.map((from, i) => ({ from, to: bounds[i + 1] ?? null, colour: SCALE_COLOURS[offset + i]! }));
}

/** A round number (1, 2, 2.5 or 5 times a power of ten; 1, 2, 3 or 5 for whole numbers) not above `value`. */
function roundBound(value: number, whole: boolean): number {
  const power = 10 ** Math.floor(Math.log10(value));
  const fraction = value / power;
  const middle = whole ? 3 : 2.5;
  const nice = fraction >= 5 ? 5 : fraction >= middle ? middle : fraction >= 2 ? 2 : 1;
  return Number((nice * power).toPrecision(12));
}

export function colourFor(value: number, classes: readonly ColourClass[]): string {
  if (value <= 0 || classes.length === 0) return ZERO_COLOUR;
  for (let i = classes.length - 1; i >= 0; i -= 1) if (value >= classes[i]!.from) return classes[i]!.colour;
  return classes[0]!.colour;
}
