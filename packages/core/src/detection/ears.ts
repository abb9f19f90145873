/**
 * EARS C1, C2 and C3 (Hutwagner et al. 2003), reproducing R's `surveillance::earsC` 1.20.3 for one series.
 *
 * The semantics follow that function's source (`body(surveillance::earsC)`), with t the week evaluated:
 * - C1 builds its threshold from the `baseline` weeks t−baseline … t−1, C2 from t−baseline−2 … t−3 (two guard weeks);
 *   upperbound = mean + z · max(sd, minSigma), z = qnorm(1 − alpha), sd with the n − 1 denominator.
 * - C3 uses R's formula verbatim, quirk included: with C2(s) = (count(s) − mean(s)) / max(sd(s), minSigma) over the
 *   C2 baseline of week s, upperbound(t) = max(0, count(t) + max(sd(t), minSigma) · (z − max(0, C2(t−2) − 1)
 *   − max(0, C2(t−1) − 1))). It therefore depends on the week's own count and can lie below the baseline mean.
 * - alarm = count > upperbound. A missing count (null) makes every R value computed from it NA: the mean and sd of a
 *   baseline containing it, a C2 value, and the alarm of its own week. R's NaN (0/0 on a flat baseline with
 *   minSigma = 0, or 0 · ∞) becomes null too, with a reason.
 * - R stops when the first week of the range lacks history; here such weeks are null with reason
 *   'insufficient-history' instead, and every other week gets exactly R's value (each week's result depends only on
 *   the counts, not on the range).
 * - Defaults are R's: method C1, baseline 7, minSigma 0, alpha 0.001 for C1/C2 and 0.025 for C3, range from the
 *   first week with enough history (baseline, baseline + 2, baseline + 4 weeks before it) to the last week.
 */
import { closestWithin } from '../text/closest.js';
import { normalQuantile } from './normal.js';

export class EarsError extends Error {
  override readonly name = 'EarsError';
}

export const EARS_METHODS = ['C1', 'C2', 'C3'] as const;
export type EarsMethod = (typeof EARS_METHODS)[number];

/** R's control list of `earsC`, by R's names. Indices of `range` are 0-based positions in the counts, inclusive. */
export interface EarsControl {
  /** 'C1' (default), 'C2' or 'C3'. */
  readonly method?: EarsMethod;
  /** Significance level; default 0.001 for C1/C2, 0.025 for C3. Must lie strictly between 0 and 1. */
  readonly alpha?: number;
  /** Number of baseline weeks (integer ≥ 3, default 7). */
  readonly baseline?: number;
  /** Lower bound of the standard deviation (≥ 0, default 0); guards against flat baselines. */
  readonly minSigma?: number;
  /** Weeks to evaluate; by default from the first week with enough history to the last week. */
  readonly range?: { readonly from?: number; readonly to?: number };
}

export const EARS_CONTROL_NAMES = ['method', 'alpha', 'baseline', 'minSigma', 'range'] as const;

/** Why a value of an evaluated week is null. */
export type EarsUndefinedReason =
  /** Fewer weeks before this one than the method needs (R would stop with "The vector of observed is too short!"). */
  | 'insufficient-history'
  /** A count the result depends on is missing (R's NA). */
  | 'missing-data'
  /** R's arithmetic gives NaN, e.g. 0/0 in C3 on a flat baseline with minSigma = 0. */
  | 'not-a-number';

export interface EarsWeek {
  /** 0-based position of the week in the counts. */
  readonly index: number;
  readonly count: number | null;
  /** Mean of the baseline weeks the threshold is built from (C1: t−baseline…t−1; C2 and C3: t−baseline−2…t−3). */
  readonly expected: number | null;
  /** R's upperbound slot. */
  readonly upperbound: number | null;
  /** 1 when count > upperbound, else 0; null when either is undefined. */
  readonly alarm: 0 | 1 | null;
  /** Set when any of expected, upperbound or alarm is null. */
  readonly reason: EarsUndefinedReason | null;
}

/** The control with R's defaults filled in and the range resolved against the series length. */
export interface ResolvedEarsControl {
  readonly method: EarsMethod;
  readonly alpha: number;
  readonly baseline: number;
  readonly minSigma: number;
  readonly range: { readonly from: number; readonly to: number };
}

const DEFAULT_BASELINE = 7;

/** Weeks of history the method needs before the week evaluated (R's maxLag). */
export function earsHistoryNeeded(method: EarsMethod, baseline: number): number {
  return method === 'C1' ? baseline : method === 'C2' ? baseline + 2 : baseline + 4;
}

function describeValid(): string {
  return 'valid parameters: method (C1, C2 or C3), alpha (0 < alpha < 1), baseline (integer >= 3), minSigma (>= 0), range ({ from, to })';
}

function unknownName(name: string): EarsError {
  const hint = closestWithin(name, EARS_CONTROL_NAMES, 2);
  return new EarsError(`unknown EARS parameter "${name}"${hint ? ` (did you mean "${hint}"?)` : ''}; ${describeValid()}`);
}

/** Checks `control` (as `earsC` would, and stricter about types) and fills in R's defaults. */
export function resolveEarsControl(control: EarsControl, length: number): ResolvedEarsControl {
  for (const name of Object.keys(control)) {
    if (!(EARS_CONTROL_NAMES as readonly string[]).includes(name)) throw unknownName(name);
  }
  const method = control.method ?? 'C1';
  if (!(EARS_METHODS as readonly string[]).includes(method)) {
    throw new EarsError(`EARS method must be one of ${EARS_METHODS.join(', ')}, not "${String(method)}"; ${describeValid()}`);
  }
  const baseline = control.baseline ?? DEFAULT_BASELINE;
  if (typeof baseline !== 'number' || !Number.isInteger(baseline) || baseline < 3) {
    throw new EarsError(
      `baseline must be an integer >= 3 (R: "Minimum baseline to use is 3."), not ${String(baseline)}; ${describeValid()}`,
    );
  }
  const minSigma = control.minSigma ?? 0;
  if (typeof minSigma !== 'number' || !Number.isFinite(minSigma) || minSigma < 0) {
    throw new EarsError(`minSigma must be a finite number >= 0, not ${String(minSigma)}; ${describeValid()}`);
  }
  // R's default alpha depends on the method: 0.025 for C3, 0.001 for C1 and C2.
  const alpha = control.alpha ?? (method === 'C3' ? 0.025 : 0.001);
  if (typeof alpha !== 'number' || !(alpha > 0 && alpha < 1)) {
    throw new EarsError(`alpha must be a number strictly between 0 and 1, not ${String(alpha)}; ${describeValid()}`);
  }
  const range = control.range ?? {};
  for (const name of Object.keys(range)) {
    if (name !== 'from' && name !== 'to')
      throw new EarsError(`unknown range field "${name}"; range takes from and to (0-based week indices)`);
  }
  for (const name of ['from', 'to'] as const) {
    const value = range[name];
    if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value >= length)) {
      throw new EarsError(`range.${name} must be an integer week index from 0 to ${length - 1}, not ${String(value)}`);
    }
  }
  if (range.from !== undefined && range.to !== undefined && range.from > range.to) {
    throw new EarsError(`range.from (${range.from}) is after range.to (${range.to})`);
  }
  // R's default range starts at the first week with full history; a series shorter than that gives no weeks.
  const from = range.from ?? earsHistoryNeeded(method, baseline);
  const to = range.to ?? length - 1;
  return { method, alpha, baseline, minSigma, range: { from, to } };
}

/**
 * Mean as R's mean.default computes it: the sum divided by n, then corrected by the mean of the residuals.
 * null when any value is missing (R's NA without na.rm).
 */
function rMean(values: readonly (number | null)[]): number | null {
  let sum = 0;
  for (const v of values) {
    if (v === null) return null;
    sum += v;
  }
  const n = values.length;
  let mean = sum / n;
  if (Number.isFinite(mean)) {
    let residual = 0;
    for (const v of values) residual += (v as number) - mean;
    mean += residual / n;
  }
  return mean;
}

/** Standard deviation as R's sd/var compute it: two passes around the (corrected) mean, n − 1 denominator. */
function rSd(values: readonly (number | null)[], mean: number): number {
  let squares = 0;
  for (const v of values) {
    const d = (v as number) - mean;
    squares += d * d;
  }
  return Math.sqrt(squares / (values.length - 1));
}

interface BaselineStats {
  mean: number;
  /** max(sd, minSigma), R's pmax(apply(refVals, 1, sd), minSigma). */
  sigma: number;
}

/**
 * Runs EARS C1, C2 or C3 on one weekly series (null = missing week) and returns one row per week of the range.
 * Throws EarsError for an unknown parameter or a bad value; never returns NaN.
 */
export function earsC(counts: readonly (number | null)[], control: EarsControl = {}): EarsWeek[] {
  for (const [i, c] of counts.entries()) {
    if (c !== null && (typeof c !== 'number' || !Number.isFinite(c))) {
      throw new EarsError(`count at index ${i} must be a finite number or null (missing), not ${String(c)}`);
    }
  }
  const { method, alpha, baseline, minSigma, range } = resolveEarsControl(control, counts.length);
  // R computes qnorm(1 - alpha), not qnorm(alpha, lower.tail = FALSE): keep the same rounding.
  const z = normalQuantile(1 - alpha);
  const needed = earsHistoryNeeded(method, baseline);
  // C1 reads the weeks just before t; C2 and C3 skip two guard weeks.
  const lag = method === 'C1' ? 1 : 3;

  const stats = (t: number): BaselineStats | null => {
    const window = counts.slice(t - lag - baseline + 1, t - lag + 1);
    const mean = rMean(window);
    if (mean === null) return null;
    return { mean, sigma: Math.max(rSd(window, mean), minSigma) };
  };
  // C2 statistic of week s; R's C3 threshold uses it at t−2 and t−1. null = NA; NaN (0/0) stays NaN, as in R.
  const c2 = (s: number): number | null => {
    const count = counts[s] ?? null;
    const st = stats(s);
    if (count === null || st === null) return null;
    return (count - st.mean) / st.sigma;
  };

  const rows: EarsWeek[] = [];
  for (let t = range.from; t <= range.to; t++) {
    const count = counts[t] ?? null;
    if (t < needed) {
      rows.push({ index: t, count, expected: null, upperbound: null, alarm: null, reason: 'insufficient-history' });
      continue;
    }
    const st = stats(t);
    let upperbound: number | null = null;
    let reason: EarsUndefinedReason | null = null;
    if (st === null) {
      reason = 'missing-data';
    } else if (method === 'C3') {
      const lag2 = c2(t - 2);
      const lag1 = c2(t - 1);
      if (count === null || lag2 === null || lag1 === null) {
        reason = 'missing-data';
      } else {
        const part2 = Math.max(0, lag2 - 1);
        const part1 = Math.max(0, lag1 - 1);
        upperbound = Math.max(0, count + st.sigma * (z - (part2 + part1)));
      }
    } else {
      upperbound = st.mean + z * st.sigma;
    }
    if (upperbound !== null && Number.isNaN(upperbound)) {
      upperbound = null;
      reason = 'not-a-number';
    }
    let alarm: 0 | 1 | null = null;
    if (upperbound !== null) {
      if (count === null) reason = 'missing-data';
      else alarm = count > upperbound ? 1 : 0;
    }
    rows.push({ index: t, count, expected: st?.mean ?? null, upperbound, alarm, reason });
  }
  return rows;
}

/**
 * Reads R's control parameters given as text (`--param name=value`), for callers such as the CLI. `method` is not
 * among them (the caller picks C1/C2/C3 from its own method name); `range` neither (it comes from --from/--to).
 */
export function parseEarsParams(params: Readonly<Record<string, string>>): Pick<EarsControl, 'alpha' | 'baseline' | 'minSigma'> {
  const numeric = ['alpha', 'baseline', 'minSigma'] as const;
  const out: { alpha?: number; baseline?: number; minSigma?: number } = {};
  for (const [name, text] of Object.entries(params)) {
    const key = numeric.find((n) => n === name);
    if (key === undefined) {
      const hint = closestWithin(name, numeric, 2);
      throw new EarsError(
        `unknown EARS parameter "${name}"${hint ? ` (did you mean "${hint}"?)` : ''}; valid parameters: alpha (0 < alpha < 1), baseline (integer >= 3), minSigma (>= 0)`,
      );
    }
    const value = text.trim() === '' ? Number.NaN : Number(text);
    if (!Number.isFinite(value)) throw new EarsError(`EARS parameter ${name} must be a number, not "${text}"`);
    out[key] = value;
  }
  return out;
}
