import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { parseCsvRecords } from '../text/csv.js';

/**
 * Reading the R golden files of data/golden in the detection tests, and comparing a method's
 * answers with them as the golden README says: relative difference ≤ tolerance on expected and
 * upperbound, undefined exactly where R's is, alarms identical.
 */
export const GOLDEN_DIR = fileURLToPath(new URL('../../../../data/golden/', import.meta.url));

export interface GoldenCase {
  case: string;
  method: string;
  input: string;
  reference_output: string;
  from: string;
  to: string;
  params: string;
  tolerance: string;
}

export function readGoldenCsv(relative: string): Record<string, string>[] {
  return parseCsvRecords(readFileSync(GOLDEN_DIR + relative, 'utf8'));
}

/** The cases of the listed case files (those that exist) whose method is one of `methods`. */
export function readGoldenCases(files: readonly string[], methods: readonly string[]): GoldenCase[] {
  return files
    .filter((file) => existsSync(GOLDEN_DIR + file))
    .flatMap((file) => readGoldenCsv(file))
    .filter((c) => methods.includes(c.method ?? '')) as unknown as GoldenCase[];
}

/** |a − r| / max(|r|, 1): the tolerance measure of data/golden/README.md. */
export function relativeError(accord: number, r: number): number {
  return Math.abs(accord - r) / Math.max(Math.abs(r), 1);
}

export interface GoldenInput {
  /** The Monday dates of the shared weekly axis, in order. */
  periods: string[];
  series: Map<string, { counts: (number | null)[]; population: (number | null)[] | null }>;
  /** The case's `--param` pairs. */
  params: Record<string, string>;
  /** The case's --from and --to as indices of `periods`. */
  range: { from: number; to: number };
}

export function goldenInput(gc: GoldenCase): GoldenInput {
  const input = readGoldenCsv(gc.input);
  const periods = [...new Set(input.map((r) => r.period ?? ''))].sort();
  const series: GoldenInput['series'] = new Map();
  for (const row of input) {
    const entry = series.get(row.series ?? '') ?? {
      counts: Array.from<number | null>({ length: periods.length }).fill(null),
      population: row.population === undefined ? null : Array.from<number | null>({ length: periods.length }).fill(null),
    };
    const at = periods.indexOf(row.period ?? '');
    entry.counts[at] = row.count === '' ? null : Number(row.count);
    if (entry.population && row.population !== undefined) entry.population[at] = row.population === '' ? null : Number(row.population);
    series.set(row.series ?? '', entry);
  }
  const params = Object.fromEntries(
    gc.params
      .split(' ')
      .filter(Boolean)
      .map((p) => p.split('=') as [string, string]),
  );
  return { periods, series, params, range: { from: periods.indexOf(gc.from), to: periods.indexOf(gc.to) } };
}

interface Week {
  index: number;
  expected: number | null;
  upperbound: number | null;
  alarm: 0 | 1 | null;
}

/**
 * Runs `evaluate` on every series of the case and checks every row of R's output; returns the
 * largest relative difference (already checked against the case's tolerance).
 */
export function expectGoldenMatch(gc: GoldenCase, evaluate: (name: string, input: GoldenInput) => readonly Week[]): number {
  const input = goldenInput(gc);
  const actual = new Map<string, Week>();
  for (const name of input.series.keys()) {
    for (const row of evaluate(name, input)) actual.set(`${name} ${input.periods[row.index] ?? ''}`, row);
  }
  const reference = readGoldenCsv(gc.reference_output);
  expect(actual.size).toBe(reference.length);
  let maxError = 0;
  for (const ref of reference) {
    const row = actual.get(`${ref.series ?? ''} ${ref.period ?? ''}`);
    expect(row, `${ref.series} ${ref.period}`).toBeDefined();
    for (const field of ['expected', 'upperbound'] as const) {
      const r = ref[field] ?? '';
      const value = row?.[field] ?? null;
      if (r === '') expect(value, `${field} ${ref.series} ${ref.period}`).toBeNull();
      else {
        expect(value, `${field} ${ref.series} ${ref.period}`).not.toBeNull();
        maxError = Math.max(maxError, relativeError(value ?? Number.NaN, Number(r)));
      }
    }
    expect(row?.alarm, `alarm ${ref.series} ${ref.period}`).toBe(ref.alarm === '' ? null : Number(ref.alarm));
  }
  expect(maxError).toBeLessThanOrEqual(Number(gc.tolerance));
  return maxError;
}
