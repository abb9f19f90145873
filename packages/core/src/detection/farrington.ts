/**
 * The original Farrington et al. (1996) outbreak detection algorithm as R's `surveillance::farrington`
 * (`algo.farrington`, surveillance 1.20.3) computes it, for one weekly series on an `sts` with epochAsDate = TRUE
 * (R then picks the reference weeks by calendar date, `surveillance:::refvalIdxByDate`).
 *
 * For each week t of the range (sources: `surveillance::algo.farrington` and its helpers):
 * - Reference weeks: the dates 1…b years before t (same month and day; 29 February becomes 1 March), each window of
 *   ±w weeks around them moved to the nearest day with t's weekday; dates outside the series are dropped (R warns).
 * - `algo.farrington.fitGLM.fast`: a quasi-Poisson GLM (log link) of the reference counts on the week index (1-based,
 *   R's wtime) with intercept and, if trend, the linear trend; without convergence the trend is dropped. φ =
 *   max(dispersion, 1). With reweight, Anscombe residuals s > 1 get weights γ·s⁻² (others γ, mean weight 1) and the
 *   model is refitted, φ recomputed.
 * - The trend is kept only when b ≥ 3, its p-value (t test, summary.glm) < 0.05 and the prediction at t does not
 *   exceed the largest reference count; otherwise the model is refitted without it.
 * - `algo.farrington.threshold`: μ₀ = predicted mean at t, τ = φ + se(μ₀)²/μ₀ (se from predict.glm with dispersion
 *   φ), and the upper limit of the two-sided (1 − alpha) interval of the power-transformed normal approximation
 *   (powertrans 2/3, 1/2 or none): (μ₀^e + z₁₋α/₂·se)^(1/e).
 * - limit54 = (cases, period): fewer than `cases` counts in the `period` weeks ending at t → R's upperbound is 0 and no
 *   alarm. Otherwise upperbound = the upper limit and alarm = (y − μ₀)/(U − μ₀) > 1, i.e. y > U.
 * - expected: R stores no control$expected for this method; it is R's control$pd[, 2], the median of the
 *   approximation, (μ₀^e)^(1/e) — the predicted mean μ₀ to rounding. It is defined also where limit54 applies.
 * - Missing counts among the reference weeks, in the limit54 window or at t, and weeks where R would stop (no
 *   reference week in the series, limit54 window before the first week), give undefined values with a reason.
 */
import { rParamText } from './r-param-text.js';
import { closestWithin } from '../text/closest.js';
import { addDays, daysBetween, dayOfWeek, parseIsoDate, type IsoDate } from '../time/periods.js';
import { studentTCdf } from './discrete-quantiles.js';
import { coefficientSe, fitGroupedPoissonGlm, predictLink, type GlmFit } from './glm.js';
import { normalQuantile } from './normal.js';

export class Farrington1996Error extends Error {
  override readonly name = 'Farrington1996Error';
}

export const FARRINGTON_1996_POWER_TRANSFORMS = ['2/3', '1/2', 'none'] as const;
export type Farrington1996PowerTransform = (typeof FARRINGTON_1996_POWER_TRANSFORMS)[number];
/** R's fitFun choices that fit the same model (populationOffset is not supported). */
export const FARRINGTON_1996_FIT_FUNS = ['algo.farrington.fitGLM.fast', 'algo.farrington.fitGLM'] as const;

/** R's control list of `farrington`, by R's names. `range` holds 0-based week indices, inclusive. */
export interface Farrington1996Control {
  readonly range?: { readonly from?: number; readonly to?: number };
  /** Years of history (integer ≥ 1, default 5). */
  readonly b?: number;
  /** Half-width of the reference windows in weeks (integer ≥ 0, default 3). */
  readonly w?: number;
  readonly reweight?: boolean;
  readonly verbose?: boolean;
  readonly plot?: boolean;
  readonly alpha?: number;
  readonly trend?: boolean;
  /** [cases, period]: default [5, 4]. */
  readonly limit54?: readonly [number, number];
  readonly powertrans?: Farrington1996PowerTransform;
  readonly fitFun?: (typeof FARRINGTON_1996_FIT_FUNS)[number];
}

export const FARRINGTON_1996_CONTROL_NAMES = [
  'range',
  'b',
  'w',
  'reweight',
  'verbose',
  'plot',
  'alpha',
  'trend',
  'limit54',
  'powertrans',
  'fitFun',
] as const;

export interface ResolvedFarrington1996Control {
  readonly range: { readonly from: number; readonly to: number };
  readonly b: number;
  readonly w: number;
  readonly reweight: boolean;
  readonly alpha: number;
  readonly trend: boolean;
  readonly limit54: readonly [number, number];
  readonly powertrans: Farrington1996PowerTransform;
}

export interface Farrington1996Series {
  /** Weekly counts, null = missing. */
  readonly counts: readonly (number | null)[];
  /** Date of week 0; week i is 7·i days later. */
  readonly start: IsoDate | string;
}

export type Farrington1996UndefinedReason =
  /** No reference week within the series, or R would stop on this week (limit54 window before the first week). */
  | 'insufficient-history'
  /** A reference count, a count of the limit54 window or the week's own count is missing. */
  | 'missing-data'
  /** R's arithmetic gives NaN or R stops (e.g. no residual degrees of freedom: NaN dispersion). */
  | 'not-a-number';

export interface Farrington1996Week {
  readonly index: number;
  readonly count: number | null;
  readonly expected: number | null;
  readonly upperbound: number | null;
  readonly alarm: 0 | 1 | null;
  readonly reason: Farrington1996UndefinedReason | null;
  /** φ of the final model (null when no model). */
  readonly phi: number | null;
  /** Whether the final model kept the time trend (R's trend slot). */
  readonly trend: boolean;
}

const VALID =
  'valid parameters: b (integer >= 1, default 5), w (integer >= 0, default 3), reweight (TRUE), verbose (FALSE), plot (FALSE), ' +
  'alpha (0 < alpha < 1, default 0.05), trend (TRUE), limit54 (cases,period: 5,4), powertrans (2/3, 1/2 or none), ' +
  'fitFun (algo.farrington.fitGLM.fast or algo.farrington.fitGLM)';

function unknownName(name: string, names: readonly string[], valid: string): Farrington1996Error {
  const hint = closestWithin(name, names, 2);
  return new Farrington1996Error(`unknown farrington parameter "${name}"${hint ? ` (did you mean "${hint}"?)` : ''}; ${valid}`);
}

function checkInteger(name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new Farrington1996Error(`${name} must be an integer >= ${min}, not ${String(value)}; ${VALID}`);
  }
  return value;
}

function checkBoolean(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new Farrington1996Error(`${name} must be TRUE or FALSE, not ${String(value)}; ${VALID}`);
  return value;
}

/** Checks `control` and fills in R's defaults (`formals(algo.farrington)$control`). */
export function resolveFarrington1996Control(control: Farrington1996Control, length: number): ResolvedFarrington1996Control {
  for (const name of Object.keys(control)) {
    if (!(FARRINGTON_1996_CONTROL_NAMES as readonly string[]).includes(name)) {
      throw unknownName(name, FARRINGTON_1996_CONTROL_NAMES, `${VALID}, range ({ from, to })`);
    }
  }
  const b = checkInteger('b', control.b ?? 5, 1);
  const w = checkInteger('w', control.w ?? 3, 0);
  const reweight = checkBoolean('reweight', control.reweight ?? true);
  checkBoolean('verbose', control.verbose ?? false);
  checkBoolean('plot', control.plot ?? false);
  const alpha = control.alpha ?? 0.05;
  if (typeof alpha !== 'number' || !(alpha > 0 && alpha < 1)) {
    throw new Farrington1996Error(`alpha must be a number strictly between 0 and 1, not ${String(alpha)}; ${VALID}`);
  }
  const trend = checkBoolean('trend', control.trend ?? true);
  const limit54 = control.limit54 ?? ([5, 4] as const);
  if (!Array.isArray(limit54) || limit54.length !== 2) {
    throw new Farrington1996Error(`limit54 must be two numbers (cases, period), not ${String(limit54)}; ${VALID}`);
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
    throw new Farrington1996Error(`limit54 arguments are out of bounds: cases >= 0 and period an integer > 0, not ${String(limit54)}`);
  }
  const powertrans = control.powertrans ?? '2/3';
  if (!(FARRINGTON_1996_POWER_TRANSFORMS as readonly string[]).includes(powertrans)) {
    throw new Farrington1996Error(`powertrans must be one of ${FARRINGTON_1996_POWER_TRANSFORMS.join(', ')}, not "${String(powertrans)}"`);
  }
  const fitFun = control.fitFun ?? FARRINGTON_1996_FIT_FUNS[0];
  if (!(FARRINGTON_1996_FIT_FUNS as readonly string[]).includes(fitFun)) {
    throw new Farrington1996Error(`fitFun must be one of ${FARRINGTON_1996_FIT_FUNS.join(', ')}, not "${String(fitFun)}"`);
  }
  const range = control.range ?? {};
  for (const name of Object.keys(range)) {
    if (name !== 'from' && name !== 'to') {
      throw new Farrington1996Error(`unknown range field "${name}"; range takes from and to (0-based week indices)`);
    }
  }
  for (const name of ['from', 'to'] as const) {
    const value = range[name];
    if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value >= length)) {
      throw new Farrington1996Error(`range.${name} must be an integer week index from 0 to ${length - 1}, not ${String(value)}`);
    }
  }
  // R's default range: (freq·b − w):length(observed), 1-based, with freq = 52.
  const from = range.from ?? Math.max(0, 52 * b - w - 1);
  const to = range.to ?? length - 1;
  if (from > to) throw new Farrington1996Error(`range.from (${from}) is after range.to (${to})`);
  return { range: { from, to }, b, w, reweight, alpha, trend, limit54: [cases, period], powertrans };
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** seq(date, by = "-years years") of R: same month and day; 29 February of a non-leap year becomes 1 March. */
function yearsBefore(date: IsoDate, years: number): IsoDate {
  const year = Number(date.slice(0, 4)) - years;
  const monthDay = date.slice(5);
  return parseIsoDate(`${String(year).padStart(4, '0')}-${monthDay === '02-29' && !isLeapYear(year) ? '03-01' : monthDay}`);
}

/**
 * surveillance:::refvalIdxByDate for weekly data: 0-based week indices of the reference windows (year 1 … b, each
 * window ascending), null where the date is not a week of the series.
 */
function referenceWeeks(start: IsoDate, n: number, t0: IsoDate, b: number, w: number): (number | null)[] {
  const target = dayOfWeek(t0) % 7;
  const out: (number | null)[] = [];
  for (let j = 1; j <= b; j++) {
    const refPoint = yearsBefore(t0, j);
    const wd = dayOfWeek(refPoint) % 7;
    const forward = (((target - wd) % 7) + 7) % 7;
    const backward = (((wd - target) % 7) + 7) % 7;
    const shift = forward < backward ? forward : -backward;
    for (let i = -w; i <= w; i++) {
      const days = daysBetween(start, addDays(refPoint, 7 * i + shift));
      const index = days / 7;
      out.push(Number.isInteger(index) && index >= 0 && index < n ? index : null);
    }
  }
  return out;
}

interface Model {
  fit: GlmFit;
  phi: number;
  hasTrend: boolean;
}

/**
 * surveillance:::algo.farrington.fitGLM.fast (wtime: 1-based week indices); null where R stops (an NaN Anscombe
 * residual, e.g. φ = NaN without residual degrees of freedom, fails R's weight assignment).
 */
function fitFast(response: readonly number[], wtime: readonly number[], timeTrend: boolean, reweight: boolean): Model | null {
  // Design [1, t] or [1]: one level, so the closed-form fit of glm.ts applies (the QR fit where it would not be exact).
  const group = new Int32Array(response.length);
  const fitWith = (trend: boolean, weights?: readonly number[]): GlmFit =>
    fitGroupedPoissonGlm({
      y: response,
      trend: trend ? wtime : null,
      group,
      levels: 1,
      family: 'quasipoisson',
      ...(weights ? { weights } : {}),
    });
  let hasTrend = timeTrend;
  let fit = fitWith(hasTrend);
  if (!fit.converged && timeTrend) {
    // R: "Warning: No convergence with timeTrend -- trying without." (the result is used even if not converged).
    hasTrend = false;
    fit = fitWith(false);
  }
  let phi = Math.max(fit.dispersion, 1);
  if (reweight) {
    // anscombe.residuals, then algo.farrington.assign.weights (weightsThreshold 1).
    const s = fit.y.map((y, i) => {
      const mu = fit.fitted[i] as number;
      const a = 1.5 * (y ** (2 / 3) * mu ** (-1 / 6) - Math.sqrt(mu));
      return a / Math.sqrt(phi * (1 - (fit.hat[i] as number)));
    });
    if (s.some((si) => Number.isNaN(si))) return null;
    let denominator = 0;
    for (const si of s) denominator += si > 1 ? si ** -2 : 1;
    const gamma = s.length / denominator;
    const omega = s.map((si) => (si > 1 ? gamma * si ** -2 : gamma));
    fit = fitWith(hasTrend, omega);
    phi = Math.max(fit.dispersion, 1);
  }
  return { fit, phi, hasTrend };
}

const EPS = 2.220446049250313e-16;

/** R's predict.glm(type = "response", se.fit = TRUE, dispersion): mean and its standard error at week k (1-based). */
function predictResponse(model: Model, k1: number, dispersion: number): { mu: number; se: number } {
  const p = predictLink(model.fit, model.hasTrend ? [1, k1] : [1], 0, dispersion);
  const mu = Math.max(Math.exp(p.fit), EPS);
  return { mu, se: p.seFit * mu };
}

/** surveillance:::algo.farrington.threshold: the upper limit and R's pd[, 2] (the median). */
function threshold(mu0: number, seFit: number, phi: number, powertrans: Farrington1996PowerTransform, alpha: number) {
  const tau = phi + seFit ** 2 / mu0;
  let se: number;
  let exponent: number;
  if (powertrans === 'none') {
    se = Math.sqrt(mu0 * tau);
    exponent = 1;
  } else if (powertrans === '1/2') {
    se = Math.sqrt((1 / 4) * tau);
    exponent = 1 / 2;
  } else {
    se = Math.sqrt((4 / 9) * mu0 ** (1 / 3) * tau);
    exponent = 2 / 3;
  }
  const z = normalQuantile(1 - alpha / 2);
  const centre = mu0 ** exponent;
  const a = (centre - z * se) ** (1 / exponent);
  const b = (centre + z * se) ** (1 / exponent);
  // sort(na.last = FALSE): NaN first, otherwise ascending; the upper limit is the second.
  const upper = Number.isNaN(a) || Number.isNaN(b) ? (Number.isNaN(a) ? b : a) : Math.max(a, b);
  // qnorm(0.5, mean, sd) is the mean exactly (for finite sd).
  const median = Number.isFinite(se) ? centre ** (1 / exponent) : Number.NaN;
  return { upper, median };
}

/**
 * Runs farrington (Farrington et al. 1996) on one weekly series and returns one row per week of the range. Throws
 * Farrington1996Error for an unknown parameter or a bad value; never returns NaN.
 */
export function farrington1996(series: Farrington1996Series, control: Farrington1996Control = {}): Farrington1996Week[] {
  const { counts } = series;
  const start = parseIsoDate(series.start);
  for (const [i, value] of counts.entries()) {
    if (value !== null && (typeof value !== 'number' || !Number.isFinite(value) || value < 0)) {
      throw new Farrington1996Error(`count at index ${i} must be a finite number >= 0 or null (missing), not ${String(value)}`);
    }
  }
  const c = resolveFarrington1996Control(control, counts.length);
  const n = counts.length;
  const rows: Farrington1996Week[] = [];
  for (let k = c.range.from; k <= c.range.to; k++) rows.push(evaluateWeek(k));
  return rows;

  function undefinedWeek(k: number, reason: Farrington1996UndefinedReason, expected: number | null = null): Farrington1996Week {
    return { index: k, count: counts[k] ?? null, expected, upperbound: null, alarm: null, reason, phi: null, trend: false };
  }

  function evaluateWeek(k: number): Farrington1996Week {
    const refs = referenceWeeks(start, n, addDays(start, 7 * k), c.b, c.w).filter((r): r is number => r !== null);
    if (refs.length === 0) return undefinedWeek(k, 'insufficient-history');
    const response: number[] = [];
    for (const r of refs) {
      const y = counts[r] ?? null;
      if (y === null) return undefinedWeek(k, 'missing-data');
      response.push(y);
    }
    const wtime = refs.map((r) => r + 1);
    const k1 = k + 1;
    let model = fitFast(response, wtime, c.trend, c.reweight);
    if (model === null) return undefinedWeek(k, 'not-a-number');
    let doTrend = c.trend;
    if (model.hasTrend) {
      const coef = model.fit.coefficients[1] ?? null;
      const se = coefficientSe(model.fit, 1);
      // summary.glm drops an aliased coefficient: R's coefficients["wtime", 4] then fails.
      if (coef === null || se === null) return undefinedWeek(k, 'not-a-number');
      const pValue = 2 * studentTCdf(-Math.abs(coef / se), model.fit.dfResidual);
      const mu0Hat = predictResponse(model, k1, model.fit.dispersion).mu;
      const noExtrapolation = mu0Hat <= Math.max(...response);
      // R's `atLeastThreeYears && significant && noExtrapolation` with an NA p-value (e.g. an exact fit, se = 0) is
      // FALSE when another operand is FALSE, else NA, and `if (!NA)` stops.
      if (c.b >= 3 && Number.isNaN(pValue) && noExtrapolation) return undefinedWeek(k, 'not-a-number');
      const keep = c.b >= 3 && pValue < 0.05 && noExtrapolation;
      if (!keep) {
        doTrend = false;
        model = fitFast(response, wtime, false, c.reweight);
        if (model === null) return undefinedWeek(k, 'not-a-number');
      }
    } else {
      doTrend = false;
    }
    const pred = predictResponse(model, k1, model.phi);
    const { upper, median } = threshold(pred.mu, pred.se, model.phi, c.powertrans, c.alpha);
    const expected = Number.isFinite(median) ? median : null;
    const [cases, period] = c.limit54;
    // R: sum(observed[(k − period + 1):k]) with 1-based k; a negative start is an error, index 0 is ignored.
    if (k1 - period + 1 < 0) return undefinedWeek(k, 'insufficient-history', expected);
    let sum = 0;
    for (let i = Math.max(0, k - period + 1); i <= k; i++) {
      const v = counts[i] ?? null;
      if (v === null) return undefinedWeek(k, 'missing-data', expected);
      sum += v;
    }
    const base = { index: k, count: counts[k] ?? null, expected, phi: model.phi, trend: doTrend };
    if (sum < cases) return { ...base, upperbound: 0, alarm: 0, reason: null };
    if (!Number.isFinite(upper)) return { ...base, upperbound: null, alarm: null, reason: 'not-a-number' };
    const y = counts[k] as number;
    const score = (y - pred.mu) / (upper - pred.mu);
    if (Number.isNaN(score)) return { ...base, upperbound: upper, alarm: null, reason: 'not-a-number' };
    return { ...base, upperbound: upper, alarm: score > 1 ? 1 : 0, reason: null };
  }
}

const paramText = rParamText('farrington', (message) => new Farrington1996Error(message));

/**
 * Reads R's control parameters of `farrington` given as text (`--param name=value`): numbers, logicals (TRUE/FALSE),
 * limit54 as "5,4" or "c(5,4)". `range` is not among them (it comes from --from/--to).
 */
export function parseFarrington1996Params(params: Readonly<Record<string, string>>): Omit<Farrington1996Control, 'range'> {
  const out: Record<string, unknown> = {};
  for (const [name, text] of Object.entries(params)) {
    switch (name) {
      case 'b':
      case 'w':
      case 'alpha':
        out[name] = paramText.number(name, text);
        break;
      case 'reweight':
      case 'verbose':
      case 'plot':
      case 'trend':
        out[name] = paramText.logical(name, text);
        break;
      case 'limit54':
        out[name] = paramText.pair(name, text);
        break;
      case 'powertrans':
      case 'fitFun':
        out[name] = paramText.string(text);
        break;
      default:
        throw unknownName(
          name,
          FARRINGTON_1996_CONTROL_NAMES.filter((n) => n !== 'range'),
          VALID,
        );
    }
  }
  return out as Omit<Farrington1996Control, 'range'>;
}
