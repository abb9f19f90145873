/**
 * The improved Farrington method (Noufaily et al. 2013) as R's `surveillance::farringtonFlexible` 1.20.3 computes it,
 * for one weekly series on an `sts` with epochAsDate = TRUE (the reference weeks are picked by calendar date).
 *
 * For each week t of the range (source: `body(surveillance::farringtonFlexible)` and its helpers):
 * - Reference weeks: the dates 1…b years before t (same month and day; 29 February becomes 1 March), each moved to
 *   the nearest day with t's weekday. Windows of ±w weeks around them form the baseline; with noPeriods > 1 the weeks
 *   between windows are cut into noPeriods − 1 seasonal blocks (R's `blocks`). The pastWeeksNotIncluded weeks before
 *   t (default w) and t itself are left out; missing counts are dropped.
 * - A quasi-Poisson GLM (log link) with intercept, linear time trend (trend = TRUE) and the block factor is fitted;
 *   if reweight, Anscombe residuals above weightsThreshold are down-weighted and the model refitted. φ = max(dispersion, 1).
 *   The trend is kept only when b ≥ 3, its p-value < pThresholdTrend and the trend prediction does not exceed the
 *   largest baseline count; otherwise the model is refitted without it.
 * - thresholdMethod "delta" (Farrington 1996): upperbound from the power-transformed normal approximation
 *   (powertrans); "nbPlugin": the 1 − alpha quantile of a negative binomial with mean exp(η̂) and variance φ·mean
 *   (Poisson when φ = 1); "muan": the same with mean exp(η̂ + z·se(η̂)).
 * - expected: the fitted mean (delta) or exp(η̂) (nbPlugin, muan). alarm: R's score rule (y − fit)/(upper − fit) > 1
 *   and y ≠ 0 (for delta that is y > upperbound).
 * - limit54 = (cases, period): fewer than `cases` counts in the `period` weeks ending at t → expected and upperbound
 *   undefined, alarm 0 (a missing count in those weeks makes them undefined too, alarm 0, as in R).
 * - Where R would stop (reference weeks before the first week, too many blocks for the gap), the week is undefined
 *   with reason 'insufficient-history'. Where R's GLM does not converge (with nor without trend), upperbound and
 *   alarm are undefined and expected is 0, exactly R's control$expected there.
 */
import { rParamText } from './r-param-text.js';
import { closestWithin } from '../text/closest.js';
import { addDays, daysBetween, dayOfWeek, parseIsoDate, type IsoDate } from '../time/periods.js';
import { negativeBinomialQuantile, poissonQuantile, studentTCdf } from './discrete-quantiles.js';
import { coefficientSe, fitGroupedPoissonGlm, predictLink, type GlmFit } from './glm.js';
import { normalQuantile } from './normal.js';

export class FarringtonError extends Error {
  override readonly name = 'FarringtonError';
}

export const POWER_TRANSFORMS = ['2/3', '1/2', 'none'] as const;
export type PowerTransform = (typeof POWER_TRANSFORMS)[number];
export const THRESHOLD_METHODS = ['delta', 'nbPlugin', 'muan'] as const;
export type ThresholdMethod = (typeof THRESHOLD_METHODS)[number];
const FIT_FUN = 'algo.farrington.fitGLM.flexible';

/** R's control list of `farringtonFlexible`, by R's names. `range` holds 0-based week indices, inclusive. */
export interface FarringtonControl {
  readonly range?: { readonly from?: number; readonly to?: number };
  /** Years of history (integer ≥ 1, default 5). */
  readonly b?: number;
  /** Half-width of the reference windows in weeks (integer ≥ 0, default 3). */
  readonly w?: number;
  readonly reweight?: boolean;
  readonly weightsThreshold?: number;
  readonly verbose?: boolean;
  readonly glmWarnings?: boolean;
  readonly alpha?: number;
  readonly trend?: boolean;
  readonly pThresholdTrend?: number;
  /** [cases, period]: default [5, 4]. */
  readonly limit54?: readonly [number, number];
  readonly powertrans?: PowerTransform;
  readonly fitFun?: typeof FIT_FUN;
  readonly populationOffset?: boolean;
  readonly noPeriods?: number;
  /** Default (null or absent): w. */
  readonly pastWeeksNotIncluded?: number | null;
  readonly thresholdMethod?: ThresholdMethod;
}

export const FARRINGTON_CONTROL_NAMES = [
  'range',
  'b',
  'w',
  'reweight',
  'weightsThreshold',
  'verbose',
  'glmWarnings',
  'alpha',
  'trend',
  'pThresholdTrend',
  'limit54',
  'powertrans',
  'fitFun',
  'populationOffset',
  'noPeriods',
  'pastWeeksNotIncluded',
  'thresholdMethod',
] as const;

export interface ResolvedFarringtonControl {
  readonly range: { readonly from: number; readonly to: number };
  readonly b: number;
  readonly w: number;
  readonly reweight: boolean;
  readonly weightsThreshold: number;
  readonly alpha: number;
  readonly trend: boolean;
  readonly pThresholdTrend: number;
  readonly limit54: readonly [number, number];
  readonly powertrans: PowerTransform;
  readonly populationOffset: boolean;
  readonly noPeriods: number;
  readonly pastWeeksNotIncluded: number;
  readonly thresholdMethod: ThresholdMethod;
}

/** The series: counts (null = missing week), the date of week 0 (week i is 7·i days later), optional population. */
export interface FarringtonSeries {
  readonly counts: readonly (number | null)[];
  readonly start: IsoDate | string;
  readonly population?: readonly (number | null)[] | null;
}

export type FarringtonUndefinedReason =
  /** Reference weeks before the first week, or R would stop on this week (e.g. "Number of factors too big!"). */
  | 'insufficient-history'
  /** limit54: too few cases in the last weeks (R: no upperbound, no expected, alarm 0). */
  | 'too-few-cases'
  /** A count of the limit54 window (or the week itself) is missing. */
  | 'missing-data'
  /** The GLM converged neither with nor without trend (R: NA upperbound and alarm, expected 0). */
  | 'no-convergence'
  /** R's arithmetic gives NaN or an infinite mean (e.g. no residual degrees of freedom). */
  | 'not-a-number';

export interface FarringtonWeek {
  readonly index: number;
  readonly count: number | null;
  readonly expected: number | null;
  readonly upperbound: number | null;
  readonly alarm: 0 | 1 | null;
  readonly reason: FarringtonUndefinedReason | null;
  /** φ of the final model (null when no model). */
  readonly phi: number | null;
  /** Whether the final model kept the time trend. */
  readonly trend: boolean;
}

function describeValid(): string {
  return (
    'valid parameters: b (integer >= 1, default 5), w (integer >= 0, default 3), reweight (TRUE), weightsThreshold (2.58), ' +
    'verbose (FALSE), glmWarnings (TRUE), alpha (0 < alpha < 1, default 0.05), trend (TRUE), pThresholdTrend (0.05), ' +
    'limit54 (cases,period: 5,4), powertrans (2/3, 1/2 or none), fitFun (algo.farrington.fitGLM.flexible), ' +
    'populationOffset (FALSE), noPeriods (integer >= 1, default 1), pastWeeksNotIncluded (integer >= 0, default w), ' +
    'thresholdMethod (delta, nbPlugin or muan), range ({ from, to })'
  );
}

function unknownName(name: string): FarringtonError {
  const hint = closestWithin(name, FARRINGTON_CONTROL_NAMES, 2);
  return new FarringtonError(
    `unknown farringtonFlexible parameter "${name}"${hint ? ` (did you mean "${hint}"?)` : ''}; ${describeValid()}`,
  );
}

function checkInteger(name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new FarringtonError(`${name} must be an integer >= ${min}, not ${String(value)}; ${describeValid()}`);
  }
  return value;
}

function checkBoolean(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new FarringtonError(`${name} must be TRUE or FALSE, not ${String(value)}; ${describeValid()}`);
  return value;
}

function checkNumber(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new FarringtonError(`${name} must be a finite number, not ${String(value)}; ${describeValid()}`);
  }
  return value;
}

/** Checks `control` and fills in R's defaults (`formals(farringtonFlexible)$control`). */
export function resolveFarringtonControl(control: FarringtonControl, length: number): ResolvedFarringtonControl {
  for (const name of Object.keys(control)) {
    if (!(FARRINGTON_CONTROL_NAMES as readonly string[]).includes(name)) throw unknownName(name);
  }
  const b = checkInteger('b', control.b ?? 5, 1);
  const w = checkInteger('w', control.w ?? 3, 0);
  const reweight = checkBoolean('reweight', control.reweight ?? true);
  const weightsThreshold = checkNumber('weightsThreshold', control.weightsThreshold ?? 2.58);
  checkBoolean('verbose', control.verbose ?? false);
  checkBoolean('glmWarnings', control.glmWarnings ?? true);
  const alpha = control.alpha ?? 0.05;
  if (typeof alpha !== 'number' || !(alpha > 0 && alpha < 1)) {
    throw new FarringtonError(`alpha must be a number strictly between 0 and 1, not ${String(alpha)}; ${describeValid()}`);
  }
  const trend = checkBoolean('trend', control.trend ?? true);
  const pThresholdTrend = checkNumber('pThresholdTrend', control.pThresholdTrend ?? 0.05);
  const limit54 = control.limit54 ?? ([5, 4] as const);
  if (!Array.isArray(limit54) || limit54.length !== 2) {
    throw new FarringtonError(`limit54 must be two numbers (cases, period), not ${String(limit54)}; ${describeValid()}`);
  }
  const [cases, period] = limit54 as readonly [number, number];
  if (
    typeof cases !== 'number' ||
    !(cases >= 0) ||
    !Number.isFinite(cases) ||
    typeof period !== 'number' ||
    !Number.isInteger(period) ||
    period <= 0
  ) {
    // R: "The limit54 arguments are out of bounds: cases >= 0 and period > 0."
    throw new FarringtonError(`limit54 arguments are out of bounds: cases >= 0 and period an integer > 0, not ${String(limit54)}`);
  }
  const powertrans = control.powertrans ?? '2/3';
  if (!(POWER_TRANSFORMS as readonly string[]).includes(powertrans)) {
    throw new FarringtonError(`powertrans must be one of ${POWER_TRANSFORMS.join(', ')}, not "${String(powertrans)}"`);
  }
  const fitFun = control.fitFun ?? FIT_FUN;
  if (fitFun !== FIT_FUN) throw new FarringtonError(`fitFun must be "${FIT_FUN}", not "${String(fitFun)}"`);
  const populationOffset = checkBoolean('populationOffset', control.populationOffset ?? false);
  const noPeriods = checkInteger('noPeriods', control.noPeriods ?? 1, 1);
  const pastWeeksNotIncluded = checkInteger('pastWeeksNotIncluded', control.pastWeeksNotIncluded ?? w, 0);
  const thresholdMethod = control.thresholdMethod ?? 'delta';
  if (!(THRESHOLD_METHODS as readonly string[]).includes(thresholdMethod)) {
    throw new FarringtonError(`thresholdMethod must be one of ${THRESHOLD_METHODS.join(', ')}, not "${String(thresholdMethod)}"`);
  }
  const range = control.range ?? {};
  for (const name of Object.keys(range)) {
    if (name !== 'from' && name !== 'to')
      throw new FarringtonError(`unknown range field "${name}"; range takes from and to (0-based week indices)`);
  }
  for (const name of ['from', 'to'] as const) {
    const value = range[name];
    if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value >= length)) {
      throw new FarringtonError(`range.${name} must be an integer week index from 0 to ${length - 1}, not ${String(value)}`);
    }
  }
  if (range.from !== undefined && range.to !== undefined && range.from > range.to) {
    throw new FarringtonError(`range.from (${range.from}) is after range.to (${range.to})`);
  }
  // R's default range: (freq·b + w + 1):nrow, 1-based, with freq = 52.
  const from = range.from ?? 52 * b + w;
  const to = range.to ?? length - 1;
  return {
    range: { from, to },
    b,
    w,
    reweight,
    weightsThreshold,
    alpha,
    trend,
    pThresholdTrend,
    limit54: [cases, period],
    powertrans,
    populationOffset,
    noPeriods,
    pastWeeksNotIncluded,
    thresholdMethod,
  };
}

/** Thrown inside the week loop where R itself would stop; the week becomes 'insufficient-history'. */
class RStop extends Error {}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** seq(date, by = "-years years") of R: same month and day; 29 February of a non-leap year becomes 1 March. */
function yearsBefore(date: IsoDate, years: number): IsoDate {
  const year = Number(date.slice(0, 4)) - years;
  const monthDay = date.slice(5);
  const text = `${String(year).padStart(4, '0')}-${monthDay === '02-29' && !isLeapYear(year) ? '03-01' : monthDay}`;
  return parseIsoDate(text);
}

/** algo.farrington.referencetimepoints for weekly data: each date moved to the nearest day with `date`'s weekday. */
function referenceDates(date: IsoDate, b: number): IsoDate[] {
  const target = dayOfWeek(date) % 7;
  const out: IsoDate[] = [];
  for (let j = 0; j <= b; j++) {
    const ref = yearsBefore(date, j);
    const d = (dayOfWeek(ref) % 7) - target;
    // A = ref − d is |d| days away, the other candidate 7 − |d|: R takes the nearer (never a tie, 7 being odd).
    out.push(addDays(ref, Math.abs(d) >= 4 ? -d + (d > 0 ? 7 : -7) : -d));
  }
  return out;
}

/** R's `v[a:b] <- value` on a 1-based vector: a:b runs downward when b < a, index 0 is ignored; a negative index stops. */
function assignRange(v: (number | null)[], a: number, b: number, value: number | null): void {
  if (a < 0 || b < 0) throw new RStop('negative subscript');
  const step = b >= a ? 1 : -1;
  for (let i = a; ; i += step) {
    if (i >= 1) {
      // R extends the vector when assigning past its end; the baseline never reaches past week t, so just grow.
      while (v.length < i) v.push(null);
      v[i - 1] = value;
    }
    if (i === b) break;
  }
}

/** surveillance:::blocks with epochAsDate: factor of each week (1-based refs), null = not in the baseline. */
function blocks(length: number, referenceWeeks: readonly number[], now: number, b: number, w: number, p: number): (number | null)[] {
  const v: (number | null)[] = new Array<number | null>(length).fill(null);
  assignRange(v, now - w, now, p);
  for (let i = 1; i <= b; i++) {
    const refWeek = referenceWeeks[i] as number;
    const previous = referenceWeeks[i - 1] as number;
    assignRange(v, refWeek - w, refWeek + w, p);
    if (p !== 1) {
      const period = previous - 2 * w - 1 - refWeek;
      if (period < p - (2 * w + 1)) throw new RStop('Number of factors too big!');
      const m = p - 1;
      const lengthOfBlocks = Math.floor(period / m);
      const rest = ((period % m) + m) % m;
      const lengths = [0];
      for (let j = 1; j <= m; j++) lengths.push(lengthOfBlocks + (j <= rest ? 1 : 0));
      const cumsum: number[] = [];
      let s = 0;
      for (const l of lengths) cumsum.push((s += l));
      for (let j = 1; j <= m; j++) {
        assignRange(v, refWeek + w + 1 + (cumsum[j - 1] as number), refWeek + w + 1 + (cumsum[j] as number) - 1, j);
      }
    }
  }
  return v.slice(0, length);
}

interface GlmData {
  response: number[];
  wtime: number[];
  population: number[];
  seasgroups: number[];
  /** 0-based week index of the first row kept (R's dataGLM$vectorOfDates[1]). */
  firstIndex: number;
  /** response^(2/3), for the Anscombe residuals (filled by the first fit that needs it). */
  y23?: number[];
}

interface Model {
  fit: GlmFit;
  phi: number;
  /**
   * The dispersion summary.glm and predict.glm see afterwards: R's fitFun overwrites model$weights with the prior
   * weights omega when reweighting, so it is Σ omega·r² / df.residual over the working residuals r, not φ.
   */
  dispersion: number;
  hasTrend: boolean;
  levels: number[];
}

function designRow(wtime: number, group: number, hasTrend: boolean, levels: readonly number[]): number[] {
  const row = [1];
  if (hasTrend) row.push(wtime);
  // Treatment contrasts: one dummy per level after the first (levels in increasing order, as R's factor()).
  for (let l = 1; l < levels.length; l++) row.push(group === levels[l] ? 1 : 0);
  return row;
}

/** surveillance:::algo.farrington.fitGLM.flexible; null when R returns NULL (no convergence). */
function fitFlexible(data: GlmData, timeTrend: boolean, c: ResolvedFarringtonControl): Model | null {
  const factorsBool = c.noPeriods !== 1;
  // glm drops unused factor levels (drop.unused.levels = TRUE), so levels are those of the rows kept.
  const levels = factorsBool ? [...new Set(data.seasgroups)].sort((a, b) => a - b) : [];
  const offset = c.populationOffset ? data.population.map((p) => Math.log(p)) : undefined;
  // Level of each row as an index into levels (0 = the reference level): the design is intercept, trend, dummies.
  const group = new Int32Array(data.response.length);
  if (factorsBool) for (let i = 0; i < group.length; i++) group[i] = levels.indexOf(data.seasgroups[i] as number);
  const fitWith = (hasTrend: boolean, weights?: readonly number[]): GlmFit =>
    fitGroupedPoissonGlm({
      y: data.response,
      trend: hasTrend ? data.wtime : null,
      group,
      levels: factorsBool ? levels.length : 1,
      family: 'quasipoisson',
      ...(offset ? { offset } : {}),
      ...(weights ? { weights } : {}),
    });
  let hasTrend = timeTrend;
  let fit = fitWith(hasTrend);
  if (!fit.converged) {
    if (timeTrend) {
      hasTrend = false;
      fit = fitWith(false);
    }
    if (!fit.converged) return null;
  }
  let phi = Math.max(fit.dispersion, 1);
  if (c.reweight) {
    // anscombe.residuals, then algo.farrington.assign.weights. y^(2/3) depends on the week's data alone: computed once.
    const y23 = (data.y23 ??= data.response.map((y) => y ** (2 / 3)));
    const { fitted, hat } = fit;
    const s = new Array<number>(y23.length);
    for (let i = 0; i < s.length; i++) {
      const mu = fitted[i] as number;
      const a = 1.5 * ((y23[i] as number) * mu ** (-1 / 6) - Math.sqrt(mu));
      s[i] = a / Math.sqrt(phi * (1 - (hat[i] as number)));
    }
    let denominator = 0;
    for (const si of s) denominator += si > c.weightsThreshold ? si ** -2 : 1;
    const gamma = s.length / denominator;
    const omega = s.map((si) => (si > c.weightsThreshold ? gamma * si ** -2 : gamma));
    fit = fitWith(hasTrend, omega);
    phi = Math.max(fit.dispersion, 1);
    let sum = 0;
    const residuals = fit.workingResiduals;
    for (let i = 0; i < residuals.length; i++) {
      const r = residuals[i] as number;
      sum += (omega[i] as number) * r * r;
    }
    const dispersion = fit.dfResidual > 0 ? sum / fit.dfResidual : Number.NaN;
    return { fit, phi, dispersion, hasTrend, levels };
  }
  return { fit, phi, dispersion: fit.dispersion, hasTrend, levels };
}

interface Prediction {
  /** On the link scale. */
  eta: number;
  se: number;
}

function predict(model: Model, data: GlmData, k: number, populationNow: number, c: ResolvedFarringtonControl): Prediction | null {
  // predict.glm with seasgroups = factor(noPeriods): a level the fit did not see is an error in R.
  if (c.noPeriods !== 1 && !model.levels.includes(c.noPeriods)) return null;
  const wtime = k - data.firstIndex;
  const row = designRow(wtime, c.noPeriods, model.hasTrend, model.levels);
  const p = predictLink(model.fit, row, c.populationOffset ? Math.log(populationNow) : 0, model.dispersion);
  return { eta: p.fit, se: p.seFit };
}

const EPS = 2.220446049250313e-16;

interface Threshold {
  upper: number;
  score: number;
}

/** algo.farrington.threshold.farrington (delta method) with the response-scale prediction. */
function thresholdDelta(mu0: number, seFit: number, phi: number, powertrans: PowerTransform, alpha: number, y: number): Threshold {
  const tau = phi + seFit ** 2 / mu0;
  let se: number;
  let exponent: number;
  if (powertrans === 'none') {
    se = Math.sqrt(mu0 * tau);
    exponent = 1;
  } else if (powertrans === '1/2') {
    se = Math.sqrt(0.25 * tau);
    exponent = 1 / 2;
  } else {
    se = Math.sqrt((4 / 9) * mu0 ** (1 / 3) * tau);
    exponent = 2 / 3;
  }
  const z = normalQuantile(1 - alpha);
  const a = (mu0 ** exponent - z * se) ** (1 / exponent);
  const b = (mu0 ** exponent + z * se) ** (1 / exponent);
  // sort(na.last = FALSE): NaN first, otherwise ascending; the upper limit is the second.
  const upper = Number.isNaN(a) || Number.isNaN(b) ? (Number.isNaN(a) ? b : a) : Math.max(a, b);
  return { upper, score: (y - mu0) / (upper - mu0) };
}

/** algo.farrington.threshold.noufaily (nbPlugin and muan) with the link-scale prediction. */
function thresholdNoufaily(eta0: number, se: number, phi: number, method: ThresholdMethod, alpha: number, y: number): Threshold {
  const mu = method === 'nbPlugin' ? Math.exp(eta0) : Math.exp(eta0 + normalQuantile(1 - alpha) * se);
  if (mu === Number.POSITIVE_INFINITY) return { upper: Number.NaN, score: Number.NaN };
  const upper = phi > 1 ? negativeBinomialQuantile(1 - alpha, mu / (phi - 1), 1 / phi) : poissonQuantile(1 - alpha, mu);
  return { upper, score: (y - eta0) / (upper - eta0) };
}

/**
 * Runs farringtonFlexible on one weekly series and returns one row per week of the range. Throws FarringtonError for
 * an unknown parameter or a bad value; never returns NaN.
 */
export function farringtonFlexible(series: FarringtonSeries, control: FarringtonControl = {}): FarringtonWeek[] {
  const { counts } = series;
  const start = parseIsoDate(series.start);
  for (const [i, value] of counts.entries()) {
    if (value !== null && (typeof value !== 'number' || !Number.isFinite(value) || value < 0)) {
      throw new FarringtonError(`count at index ${i} must be a finite number >= 0 or null (missing), not ${String(value)}`);
    }
  }
  const c = resolveFarringtonControl(control, counts.length);
  const population = series.population ?? null;
  if (population !== null) {
    if (population.length !== counts.length) throw new FarringtonError('population must have one value per week');
  }
  if (c.populationOffset && population === null) {
    throw new FarringtonError('populationOffset = TRUE needs a population for every week');
  }
  const n = counts.length;
  const rows: FarringtonWeek[] = [];
  const undefinedWeek = (
    k: number,
    reason: FarringtonUndefinedReason,
    alarm: 0 | null = null,
    expected: number | null = null,
  ): FarringtonWeek => ({
    index: k,
    count: counts[k] ?? null,
    expected,
    upperbound: null,
    alarm,
    reason,
    phi: null,
    trend: false,
  });
  for (let k = c.range.from; k <= c.range.to; k++) {
    const result = evaluateWeek(k);
    rows.push(result);
  }
  return rows;

  function evaluateWeek(k: number): FarringtonWeek {
    const date = addDays(start, 7 * k);
    // Reference weeks (0-based), most recent first; R stops when one is not among the dates.
    const refs = referenceDates(date, c.b).map((d) => daysBetween(start, d) / 7);
    if (refs.some((r) => r < 0 || r >= n)) return undefinedWeek(k, 'insufficient-history');
    let factors: (number | null)[];
    const ids: (number | null)[] = [];
    try {
      factors = blocks(
        n,
        refs.map((r) => r + 1),
        k + 1,
        c.b,
        c.w,
        c.noPeriods,
      );
      ids.push(...factors);
      assignRange(ids, k + 1 - c.pastWeeksNotIncluded, k + 1, null);
    } catch (error) {
      if (error instanceof RStop) return undefinedWeek(k, 'insufficient-history');
      throw error;
    }
    const blockIndexes: number[] = [];
    for (let i = 0; i < n; i++) if (ids[i] !== null && ids[i] !== undefined) blockIndexes.push(i);
    const first = blockIndexes[0];
    if (first === undefined) return undefinedWeek(k, 'insufficient-history');
    const data: GlmData = { response: [], wtime: [], population: [], seasgroups: [], firstIndex: -1 };
    for (const i of blockIndexes) {
      const y = counts[i] ?? null;
      if (y === null) continue;
      if (data.firstIndex < 0) data.firstIndex = i;
      data.response.push(y);
      // wtime = (date − first block date) / 7, the first block week counted before missing weeks are dropped.
      data.wtime.push(i - first);
      data.population.push(population?.[i] ?? 1);
      data.seasgroups.push(factors[i] as number);
    }
    if (data.response.length === 0) return undefinedWeek(k, 'insufficient-history');
    if (c.populationOffset && data.population.some((p) => !(p > 0))) return undefinedWeek(k, 'missing-data');
    const populationNow = population?.[k] ?? 1;

    // algo.farrington.glm
    let model = fitFlexible(data, c.trend, c);
    if (model === null) return undefinedWeek(k, 'no-convergence', null, 0);
    let doTrend = false;
    if (model.hasTrend) {
      const pred = predict(model, data, k, populationNow, c);
      if (pred === null) return undefinedWeek(k, 'insufficient-history');
      const coef = model.fit.coefficients[1] ?? null;
      const se = coefficientSe(model.fit, 1, model.dispersion);
      const atLeastThreeYears = c.b >= 3;
      if (atLeastThreeYears) {
        if (coef === null || se === null) return undefinedWeek(k, 'not-a-number');
        const pValue = 2 * studentTCdf(-Math.abs(coef / se), model.fit.dfResidual);
        // R's `b >= 3 && significant && ...` with an NA p-value stops in `if (doTrend == FALSE)`.
        if (Number.isNaN(pValue)) return undefinedWeek(k, 'not-a-number');
        const significant = pValue < c.pThresholdTrend;
        const noExtrapolation = Math.max(Math.exp(pred.eta), EPS) <= Math.max(...data.response);
        doTrend = significant && noExtrapolation;
      }
      if (!doTrend) {
        model = fitFlexible(data, false, c);
        if (model === null) return undefinedWeek(k, 'no-convergence', null, 0);
      }
    }
    const pred = predict(model, data, k, populationNow, c);
    if (pred === null) return undefinedWeek(k, 'insufficient-history');
    const y = counts[k] ?? null;
    const delta = c.thresholdMethod === 'delta';
    // A missing count makes R's threshold NA/NaN but does not change the upper limit; use 0 for the score only.
    const yForScore = y ?? Number.NaN;
    const threshold = delta
      ? thresholdDelta(
          Math.max(Math.exp(pred.eta), EPS),
          pred.se * Math.max(Math.exp(pred.eta), EPS),
          model.phi,
          c.powertrans,
          c.alpha,
          yForScore,
        )
      : thresholdNoufaily(pred.eta, pred.se, model.phi, c.thresholdMethod, c.alpha, yForScore);
    // limit54: sum of the `period` weeks ending at k (NA when one is missing).
    const [cases, period] = c.limit54;
    let sum: number | null = 0;
    for (let i = Math.max(0, k - period + 1); i <= k; i++) {
      const v = counts[i] ?? null;
      if (v === null) {
        sum = null;
        break;
      }
      sum += v;
    }
    const phi = Number.isNaN(model.phi) ? null : model.phi;
    // Written out rather than spread from a common base: one object per evaluated week, in the hot path.
    if (sum === null)
      return { index: k, count: y, expected: null, upperbound: null, alarm: 0, reason: 'missing-data', phi, trend: doTrend };
    if (sum < cases)
      return { index: k, count: y, expected: null, upperbound: null, alarm: 0, reason: 'too-few-cases', phi, trend: doTrend };
    if (!Number.isFinite(threshold.upper)) {
      return { index: k, count: y, expected: null, upperbound: null, alarm: 0, reason: 'not-a-number', phi, trend: doTrend };
    }
    const expected = delta ? Math.max(Math.exp(pred.eta), EPS) : Math.exp(pred.eta);
    const alarm = y !== null && threshold.score > 1 && y !== 0 ? 1 : 0;
    return { index: k, count: y, expected, upperbound: threshold.upper, alarm, reason: null, phi, trend: doTrend };
  }
}

const paramText = rParamText('farringtonFlexible', (message) => new FarringtonError(message));

/**
 * Reads R's control parameters given as text (`--param name=value`): numbers, logicals (TRUE/FALSE), limit54 as
 * "5,4" or "c(5,4)", pastWeeksNotIncluded possibly "NULL". `range` is not among them (it comes from --from/--to).
 */
export function parseFarringtonParams(params: Readonly<Record<string, string>>): Omit<FarringtonControl, 'range'> {
  const out: Record<string, unknown> = {};
  for (const [name, text] of Object.entries(params)) {
    switch (name) {
      case 'b':
      case 'w':
      case 'weightsThreshold':
      case 'alpha':
      case 'pThresholdTrend':
      case 'noPeriods':
        out[name] = paramText.number(name, text);
        break;
      case 'pastWeeksNotIncluded':
        out[name] = text.trim() === 'NULL' ? null : paramText.number(name, text);
        break;
      case 'reweight':
      case 'verbose':
      case 'glmWarnings':
      case 'trend':
      case 'populationOffset':
        out[name] = paramText.logical(name, text);
        break;
      case 'limit54':
        out[name] = paramText.pair(name, text);
        break;
      case 'powertrans':
      case 'fitFun':
      case 'thresholdMethod':
        out[name] = paramText.string(text);
        break;
      default: {
        const names = FARRINGTON_CONTROL_NAMES.filter((n) => n !== 'range');
        const hint = closestWithin(name, names, 2);
        throw new FarringtonError(
          `unknown farringtonFlexible parameter "${name}"${hint ? ` (did you mean "${hint}"?)` : ''}; ${describeValid().replace(', range ({ from, to })', '')}`,
        );
      }
    }
  }
  return out as Omit<FarringtonControl, 'range'>;
}

/** Noufaily et al. (2013): farringtonFlexible with these defaults (explicit parameters override them). */
export const NOUFAILY_DEFAULTS = {
  noPeriods: 10,
  pastWeeksNotIncluded: 26,
  weightsThreshold: 2.58,
  thresholdMethod: 'nbPlugin',
} as const satisfies FarringtonControl;
