import type { IsoDate } from '../time/periods.js';
import { cusum, parseCusumParams } from './cusum.js';
import { farrington1996, parseFarrington1996Params } from './farrington.js';
import { NOUFAILY_DEFAULTS, farringtonFlexible, parseFarringtonParams, type FarringtonControl } from './farrington-flexible.js';
import { earsC, parseEarsParams, type EarsMethod } from './ears.js';

/**
 * The detection methods of `accord detect`, by the names of the CLI contract, behind one call:
 * each method takes one series on the shared weekly axis, the range to evaluate and R's control
 * parameters by R's names (as text, from `--param name=value`).
 */
export const DETECTION_METHODS = ['ears-c1', 'ears-c2', 'ears-c3', 'farrington', 'farrington-flexible', 'noufaily', 'cusum'] as const;
export type DetectionMethod = (typeof DETECTION_METHODS)[number];

export function isDetectionMethod(value: string): value is DetectionMethod {
  return (DETECTION_METHODS as readonly string[]).includes(value);
}

/** One evaluated week: null where the method's result is undefined (too little history, R's NaN…). */
export interface DetectionRow {
  index: number;
  expected: number | null;
  upperbound: number | null;
  alarm: 0 | 1 | null;
}

export interface DetectionRange {
  /** First and last week index to evaluate; null = from the first week with enough history / to the last week. */
  from: number | null;
  to: number | null;
  population: readonly (number | null)[] | null;
  /** Monday of week 0: R picks the Farrington reference weeks by calendar date. */
  start: IsoDate;
}

type Runner = (counts: readonly (number | null)[], range: DetectionRange, params: Readonly<Record<string, string>>) => DetectionRow[];

/** EARS as `surveillance::earsC`: the range defaults to the first week with enough history. */
const ears =
  (method: EarsMethod): Runner =>
  (counts, range, params) =>
    earsC(counts, {
      method,
      ...parseEarsParams(params),
      range: { ...(range.from !== null ? { from: range.from } : {}), ...(range.to !== null ? { to: range.to } : {}) },
    }).map((week) => ({ index: week.index, expected: week.expected, upperbound: week.upperbound, alarm: week.alarm }));

/**
 * CUSUM as `surveillance::cusum`. R has no default range; here it starts at week 1 (the first with a
 * week before it). The population is unused, as in R.
 */
const cusumRunner: Runner = (counts, range, params) =>
  cusum(counts, {
    ...parseCusumParams(params),
    range: { ...(range.from !== null ? { from: range.from } : {}), ...(range.to !== null ? { to: range.to } : {}) },
  }).map((week) => ({ index: week.index, expected: week.expected, upperbound: week.upperbound, alarm: week.alarm }));

/** farringtonFlexible as `surveillance::farringtonFlexible`; `defaults` are overridden by explicit parameters. */
const farrington =
  (defaults: FarringtonControl): Runner =>
  (counts, range, params) =>
    farringtonFlexible(
      { counts, start: range.start, population: range.population },
      {
        ...defaults,
        ...parseFarringtonParams(params),
        range: { ...(range.from !== null ? { from: range.from } : {}), ...(range.to !== null ? { to: range.to } : {}) },
      },
    ).map((week) => ({ index: week.index, expected: week.expected, upperbound: week.upperbound, alarm: week.alarm }));

/**
 * farrington as `surveillance::farrington` (Farrington et al. 1996, algo.farrington); reference weeks by calendar
 * date from `range.start`. The population is unused, as in R's default fitFun.
 */
const farrington1996Runner: Runner = (counts, range, params) =>
  farrington1996(
    { counts, start: range.start },
    {
      ...parseFarrington1996Params(params),
      range: { ...(range.from !== null ? { from: range.from } : {}), ...(range.to !== null ? { to: range.to } : {}) },
    },
  ).map((week) => ({ index: week.index, expected: week.expected, upperbound: week.upperbound, alarm: week.alarm }));

const RUNNERS: Partial<Record<DetectionMethod, Runner>> = {
  farrington: farrington1996Runner,
  'farrington-flexible': farrington({}),
  noufaily: farrington(NOUFAILY_DEFAULTS),
  cusum: cusumRunner,
  'ears-c1': ears('C1'),
  'ears-c2': ears('C2'),
  'ears-c3': ears('C3'),
};

/** Runs `method` on one series; throws an Error whose message names a bad parameter and the valid ones. */
export function runDetection(
  method: DetectionMethod,
  counts: readonly (number | null)[],
  range: DetectionRange,
  params: Readonly<Record<string, string>>,
): DetectionRow[] {
  const runner = RUNNERS[method];
  if (!runner) {
    const available = DETECTION_METHODS.filter((m) => RUNNERS[m] !== undefined);
    throw new Error(`method ${method} is not available yet; available now: ${available.join(', ') || 'none'}`);
  }
  return runner(counts, range, params);
}
