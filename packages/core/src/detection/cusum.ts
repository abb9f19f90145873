/**
 * CUSUM for Poisson counts (Rossi et al. 1999), reproducing R's `surveillance::cusum` 1.20.3 for one series.
 *
 * The semantics follow `surveillance::algo.cusum` (which `cusum(sts, control)` runs on each series through
 * `wrap.algo`), with t the weeks of the range in order:
 * - m, the in-control mean: by default the mean of every week before the range (R: mean(observed[1:(range[1] − 1)]);
 *   when the range starts at the first week R's 1:0 selects that week itself, so m = its own count); or given.
 * - each count is standardized by `trans` (standard: (x − m)/√m; rossi, anscombe, anscombe2nd, pearsonNegBin,
 *   anscombeNegBin, none: R's formulas), then S(t) = max(0, S(t−1) + z(t) − k) with S before the range = 0;
 *   alarm(t) = S(t) ≥ h. Note that R alarms on the CUSUM, not on count > upperbound.
 * - upperbound(t) is the count that would just have reached h given S(t−1) (standard: ceiling(√m·(h + k − S(t−1)) + m));
 *   for none and anscombeNegBin R reports h − S(t) instead. R replaces an undefined (NA/NaN) or negative upperbound
 *   by 0; Accord keeps R's 0 and names why in `reason`.
 * - a missing count (R's NA), or R's NaN (e.g. 0/0 when m = 0 and the count is 0), makes S undefined from that week
 *   on, so every later alarm is undefined (null), as in R.
 * - R has no default range (it stops); Accord evaluates from the second week (the first with a week before it) to the
 *   last.
 * `expected` is m: the baseline expectation the CUSUM measures departures from (R's control$m).
 */
import { closestWithin } from '../text/closest.js';

export class CusumError extends Error {
  override readonly name = 'CusumError';
}

export const CUSUM_TRANSFORMATIONS = ['standard', 'rossi', 'anscombe', 'anscombe2nd', 'pearsonNegBin', 'anscombeNegBin', 'none'] as const;
export type CusumTransformation = (typeof CUSUM_TRANSFORMATIONS)[number];

/** R's control list of `cusum`, by R's names. Indices of `range` are 0-based positions in the counts, inclusive. */
export interface CusumControl {
  /** Weeks to evaluate; by default from week 1 (the first with a week before it) to the last week. */
  readonly range?: { readonly from?: number; readonly to?: number };
  /** Reference value subtracted from each standardized count (default 1.04). */
  readonly k?: number;
  /** Decision interval: alarm when the CUSUM reaches h (default 2.26). */
  readonly h?: number;
  /**
   * In-control mean: by default the mean of the weeks before the range; a number, or one number per week of the
   * range. R's "glm" (a seasonal Poisson GLM) is not supported yet.
   */
  readonly m?: number | readonly number[] | 'glm';
  /** Standardization of the counts (default 'standard'). */
  readonly trans?: CusumTransformation;
  /** Overdispersion of the negative binomial transformations pearsonNegBin and anscombeNegBin (default 0.1). */
  readonly alpha?: number;
}

export const CUSUM_CONTROL_NAMES = ['range', 'k', 'h', 'm', 'trans', 'alpha'] as const;

/** Why a value of an evaluated week is undefined (null), or why R's upperbound is its replacement 0. */
export type CusumUndefinedReason =
  /** A count the value depends on is missing (R's NA): in the weeks before the range (m), this week or an earlier one. */
  | 'missing-data'
  /** R's arithmetic gives NaN, e.g. 0/0 when m = 0 and the count is 0, or a negative square root. */
  | 'not-a-number';

export interface CusumWeek {
  /** 0-based position of the week in the counts. */
  readonly index: number;
  readonly count: number | null;
  /** The in-control mean m of this week (R's control$m); null when a week it is the mean of is missing. */
  readonly expected: number | null;
  /** R's upperbound slot: 0 where R's arithmetic is undefined (then `reason` says why) or negative. */
  readonly upperbound: number;
  /** 1 when the CUSUM reaches h, else 0 (R's alarm); null when the CUSUM is undefined. */
  readonly alarm: 0 | 1 | null;
  /** R's cusum value S(t); null when undefined. +Infinity when a positive count meets m = 0. */
  readonly cusum: number | null;
  /** Set when expected, alarm or cusum is null, or when R replaced an undefined upperbound by 0. */
  readonly reason: CusumUndefinedReason | null;
}

/** The control with R's defaults filled in and the range resolved against the series length. */
export interface ResolvedCusumControl {
  readonly range: { readonly from: number; readonly to: number };
  readonly k: number;
  readonly h: number;
  /** null = the mean of the weeks before the range. */
  readonly m: number | readonly number[] | null;
  readonly trans: CusumTransformation;
  readonly alpha: number;
}

function describeValid(): string {
  return `valid parameters: k (number, default 1.04), h (number, default 2.26), m (number; default the mean of the weeks before the range), trans (${CUSUM_TRANSFORMATIONS.join(', ')}; default standard), alpha (>= 0, default 0.1), range ({ from, to })`;
}

function unknownName(name: string, candidates: readonly string[]): CusumError {
  const hint = closestWithin(name, candidates, 2);
  return new CusumError(`unknown CUSUM parameter "${name}"${hint ? ` (did you mean "${hint}"?)` : ''}; ${describeValid()}`);
}

function notSupportedGlm(): CusumError {
  return new CusumError(
    'm=glm is not supported yet (R fits a seasonal Poisson GLM to the weeks before the range); give m as a number or omit it',
  );
}

function checkFinite(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new CusumError(`${name} must be a finite number, not ${String(value)}; ${describeValid()}`);
  }
  return value;
}

/** Checks `control` (R checks nothing; this is stricter about types) and fills in R's defaults. */
export function resolveCusumControl(control: CusumControl, length: number): ResolvedCusumControl {
  for (const name of Object.keys(control)) {
    if (!(CUSUM_CONTROL_NAMES as readonly string[]).includes(name)) throw unknownName(name, CUSUM_CONTROL_NAMES);
  }
  const k = checkFinite('k', control.k ?? 1.04);
  const h = checkFinite('h', control.h ?? 2.26);
  // R's signature says alpha = NULL, but the body then sets 0.1.
  const alpha = checkFinite('alpha', control.alpha ?? 0.1);
  if (alpha < 0) throw new CusumError(`alpha must be >= 0, not ${alpha}; ${describeValid()}`);
  const trans = control.trans ?? 'standard';
  if (!(CUSUM_TRANSFORMATIONS as readonly string[]).includes(trans)) {
    throw new CusumError(
      `trans must be one of ${CUSUM_TRANSFORMATIONS.join(', ')}, not "${String(trans)}" (R: "invalid 'trans'formation")`,
    );
  }

  const range = control.range ?? {};
  for (const name of Object.keys(range)) {
    if (name !== 'from' && name !== 'to') {
      throw new CusumError(`unknown range field "${name}"; range takes from and to (0-based week indices)`);
    }
  }
  for (const name of ['from', 'to'] as const) {
    const value = range[name];
    if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value >= length)) {
      throw new CusumError(`range.${name} must be an integer week index from 0 to ${length - 1}, not ${String(value)}`);
    }
  }
  if (range.from !== undefined && range.to !== undefined && range.from > range.to) {
    throw new CusumError(`range.from (${range.from}) is after range.to (${range.to})`);
  }
  // R requires a range; the earliest start that gives m a week before the range is week 1.
  const from = range.from ?? 1;
  const to = range.to ?? length - 1;

  let m: number | readonly number[] | null = null;
  if (control.m === 'glm') throw notSupportedGlm();
  if (typeof control.m === 'number') m = checkFinite('m', control.m);
  else if (Array.isArray(control.m)) {
    const values = control.m as readonly unknown[];
    const weeks = Math.max(0, to - from + 1);
    if (values.length !== weeks) {
      throw new CusumError(`m must be one number or one number per week of the range (${weeks}), not ${values.length} numbers`);
    }
    values.forEach((v, i) => checkFinite(`m[${i}]`, v));
    m = values as readonly number[];
  } else if (control.m !== undefined) {
    throw new CusumError(`m must be a number or an array of numbers, not ${String(control.m)}; ${describeValid()}`);
  }
  if (Array.isArray(m) && trans === 'anscombeNegBin') {
    // R's hypgeom2F1special takes one value: a vector m fails there ("the condition has length > 1").
    throw new CusumError('trans anscombeNegBin needs one m for all weeks (R fails on a vector m)');
  }
  return { range: { from, to }, k, h, m, trans, alpha };
}

/**
 * R's mean of the weeks before the range; NaN when one is missing (R's NA). R sums in long double and corrects by
 * the mean residual; for counts (integers, exact sums) that is the correctly rounded quotient, which sum / n gives.
 */
function referenceMean(counts: readonly (number | null)[], from: number): number {
  // R's observed[1:(timePoint - 1)] with timePoint = 1 is observed[c(1, 0)], the first week alone.
  const reference = from === 0 ? counts.slice(0, 1) : counts.slice(0, from);
  let sum = 0;
  for (const c of reference) {
    if (c === null) return Number.NaN;
    sum += c;
  }
  return sum / reference.length;
}

// R's x^y for the fractional powers (R_pow → C pow); √ is written as Math.sqrt, which C's pow(x, 0.5) equals.
const pow = (x: number, y: number): number => (x === 1 || y === 0 ? 1 : x ** y);

/**
 * The table behind R's hypgeom2F1special: the Gauss hypergeometric function 2F1(1/3, 2/3; 5/3; z) on R's grid
 * z = 0, −0.01, …, −10, −11, …, −100. R ships 10-digit values; computing them here differs by at most 2.5e-10
 * (relative), far inside the golden tolerance, and saves 1,091 magic numbers.
 */
let hypergeometricTable: { z: number[]; value: number[] } | null = null;

function hypergeometric(z: number): number {
  // Pfaff: 2F1(2/3, 1/3; 5/3; z) = (1 − z)^(−1/3) · 2F1(1, 1/3; 5/3; w), w = z/(z − 1) in [0, 1): a convergent series.
  const w = z / (z - 1);
  let term = 1;
  let sum = 1;
  for (let n = 0; n < 100_000 && Math.abs(term) > 1e-17 * sum; n++) {
    term *= ((n + 1 / 3) / (n + 5 / 3)) * w;
    sum += term;
  }
  return pow(1 - z, -1 / 3) * sum;
}

function table(): { z: number[]; value: number[] } {
  if (hypergeometricTable === null) {
    const z = [...Array.from({ length: 1001 }, (_, i) => -(i / 100)), ...Array.from({ length: 90 }, (_, i) => -(i + 11))];
    hypergeometricTable = { z, value: z.map(hypergeometric) };
  }
  return hypergeometricTable;
}

/** R's hypgeom2F1special: the nearest grid value above −10, linear interpolation below, NA below −100. */
function hypgeom2F1special(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const { z, value } = table();
  // which.min(abs(z − x)): the first index of the smallest distance.
  let idx = 0;
  let best = Math.abs((z[0] ?? 0) - x);
  for (let i = 1; i < z.length; i++) {
    const d = Math.abs((z[i] ?? 0) - x);
    if (d < best) {
      best = d;
      idx = i;
    }
  }
  if (x >= -10) return value[idx] ?? Number.NaN;
  const [low, up] = x - (z[idx] ?? 0) < 0 ? [idx + 1, idx] : [idx, idx - 1];
  const vLow = value[low];
  const vUp = value[up];
  const zLow = z[low];
  if (vLow === undefined || vUp === undefined || zLow === undefined) return Number.NaN;
  return vLow + (vUp - vLow) * (x - zLow);
}

/** R's anscombeNB: Anscombe residual of a negative binomial count y with mean mu and overdispersion alpha. */
function anscombeNB(y: number, mu: number, alpha: number): number {
  const hypgeomMu = 1.5 * pow(mu, 2 / 3) * hypgeom2F1special(-alpha * mu);
  const up = 1.5 * pow(y, 2 / 3) * hypgeom2F1special(-alpha * y) - hypgeomMu;
  const down = pow(mu + alpha * (mu * mu), 1 / 6);
  return up / down;
}

/** The standardized count of R's switch(control$trans, …); NaN for a missing count. */
function standardize(trans: CusumTransformation, x: number, m: number, alpha: number): number {
  switch (trans) {
    case 'rossi':
      return (x - 3 * m + 2 * Math.sqrt(x * m)) / (2 * Math.sqrt(m));
    case 'standard':
      return (x - m) / Math.sqrt(m);
    case 'anscombe':
      return (1.5 * (pow(x, 2 / 3) - pow(m, 2 / 3))) / pow(m, 1 / 6);
    case 'anscombe2nd':
      return (pow(x, 2 / 3) - (pow(m, 2 / 3) - pow(m, -1 / 3) / 9)) / ((2 / 3) * pow(m, 1 / 6));
    case 'pearsonNegBin':
      return (x - m) / Math.sqrt(m + alpha * (m * m));
    case 'anscombeNegBin':
      return anscombeNB(x, m, alpha);
    case 'none':
      return x;
  }
}

/** R's upperbound formula before its NA → 0 and negative → 0 replacements; s1 = S(t − 1), s = S(t). */
function rawUpperbound(trans: CusumTransformation, m: number, k: number, h: number, alpha: number, s1: number, s: number): number {
  switch (trans) {
    case 'rossi': {
      const root = Math.sqrt(m);
      const m32 = pow(m, 3 / 2);
      return 2 * h * root + 2 * k * root - 2 * s1 * root + 5 * m - 2 * Math.sqrt(4 * (m * m) + 2 * m32 * h + 2 * m32 * k - 2 * m32 * s1);
    }
    case 'standard':
      return Math.ceil(Math.sqrt(m) * (h + k - s1) + m);
    case 'anscombe': {
      const base = (2 / 3) * pow(m, 1 / 6) * (h + k - s1) + pow(m, 2 / 3);
      return base < 0 ? 0 : pow(base, 3 / 2);
    }
    case 'anscombe2nd': {
      // R's threshold uses m^(1/3)/9 where its standardization uses m^(−1/3)/9; kept as R has it.
      const base = (2 / 3) * pow(m, 1 / 6) * (h + k - s1) + (pow(m, 2 / 3) - pow(m, 1 / 3) / 9);
      return base < 0 ? 0 : pow(base, 3 / 2);
    }
    case 'pearsonNegBin':
      return Math.sqrt(m + alpha * (m * m)) * (h + k - s1) + m;
    case 'anscombeNegBin':
    case 'none':
      return h - s;
  }
}

/**
 * Runs CUSUM on one weekly series (null = missing week) and returns one row per week of the range, with R's values.
 * Throws CusumError for an unknown parameter, a bad value or m = 'glm'; never returns NaN.
 */
export function cusum(counts: readonly (number | null)[], control: CusumControl = {}): CusumWeek[] {
  for (const [i, c] of counts.entries()) {
    if (c !== null && (typeof c !== 'number' || !Number.isFinite(c))) {
      throw new CusumError(`count at index ${i} must be a finite number or null (missing), not ${String(c)}`);
    }
  }
  const { range, k, h, m, trans, alpha } = resolveCusumControl(control, counts.length);
  if (range.from > range.to) return [];
  const referenceM = m === null ? referenceMean(counts, range.from) : null;
  const mAt = (i: number): number => (referenceM !== null ? referenceM : typeof m === 'number' ? m : (m?.[i] ?? Number.NaN));
  // Whether NaN in m or S comes from a missing count (R's NA) rather than arithmetic (R's NaN).
  const mMissing = referenceM !== null && Number.isNaN(referenceM);

  const rows: CusumWeek[] = [];
  let previous = 0;
  let sMissing = false;
  for (let t = range.from; t <= range.to; t++) {
    const i = t - range.from;
    const count = counts[t] ?? null;
    const mt = mAt(i);
    const z = count === null ? Number.NaN : standardize(trans, count, mt, alpha);
    if (count === null || (Number.isNaN(z) && mMissing)) sMissing = true;
    // R: cusum[t + 1] <- max(0, cusum[t] + (standObs[t] - k)); max with NaN is NaN in R and JavaScript alike.
    const s = Math.max(0, previous + (z - k));
    const raw = rawUpperbound(trans, mt, k, h, alpha, previous, s);
    let reason: CusumUndefinedReason | null = null;
    let upperbound = raw;
    if (Number.isNaN(raw)) {
      upperbound = 0;
      reason = mMissing || sMissing ? 'missing-data' : 'not-a-number';
    } else if (raw < 0) upperbound = 0;
    else if (raw === Number.POSITIVE_INFINITY) {
      // Not reachable with finite counts and m; kept undefined-free for callers: R would report Inf.
      upperbound = 0;
      reason = 'not-a-number';
    }
    const alarm: 0 | 1 | null = Number.isNaN(s) ? null : s >= h ? 1 : 0;
    if (alarm === null) reason ??= sMissing ? 'missing-data' : 'not-a-number';
    const expected = Number.isNaN(mt) ? null : mt;
    if (expected === null) reason ??= 'missing-data';
    rows.push({ index: t, count, expected, upperbound, alarm, cusum: Number.isNaN(s) ? null : s, reason });
    previous = s;
  }
  return rows;
}

const TEXT_PARAMS = ['k', 'h', 'm', 'trans', 'alpha'] as const;

/**
 * Reads R's control parameters given as text (`--param name=value`), for callers such as the CLI; `range` is not
 * among them (it comes from --from/--to). m takes a number; m=glm is rejected as not supported yet.
 */
export function parseCusumParams(params: Readonly<Record<string, string>>): Pick<CusumControl, 'k' | 'h' | 'm' | 'trans' | 'alpha'> {
  const out: { k?: number; h?: number; m?: number; trans?: CusumTransformation; alpha?: number } = {};
  for (const [name, text] of Object.entries(params)) {
    const key = TEXT_PARAMS.find((n) => n === name);
    if (key === undefined) {
      const hint = closestWithin(name, TEXT_PARAMS, 2);
      throw new CusumError(
        `unknown CUSUM parameter "${name}"${hint ? ` (did you mean "${hint}"?)` : ''}; valid parameters: k (number, default 1.04), h (number, default 2.26), m (number; default the mean of the weeks before the range), trans (${CUSUM_TRANSFORMATIONS.join(', ')}; default standard), alpha (>= 0, default 0.1)`,
      );
    }
    if (key === 'trans') {
      const trans = CUSUM_TRANSFORMATIONS.find((tr) => tr === text.trim());
      if (trans === undefined) {
        const hint = closestWithin(text.trim(), CUSUM_TRANSFORMATIONS, 3);
        throw new CusumError(
          `CUSUM parameter trans must be one of ${CUSUM_TRANSFORMATIONS.join(', ')}, not "${text}"${hint ? ` (did you mean "${hint}"?)` : ''}`,
        );
      }
      out.trans = trans;
      continue;
    }
    if (key === 'm' && text.trim().toLowerCase() === 'glm') throw notSupportedGlm();
    const value = text.trim() === '' ? Number.NaN : Number(text);
    if (!Number.isFinite(value)) throw new CusumError(`CUSUM parameter ${name} must be a number, not "${text}"`);
    out[key] = value;
  }
  return out;
}
