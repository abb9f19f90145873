/**
 * The instantaneous reproduction number Rt of Cori et al. (2013, Am J Epidemiol 178:1505), reproducing R's
 * EpiEstim 2.2-4 `estimate_R(incid, method = "parametric_si", config = make_config(...))` for a plain incidence
 * vector, with EpiEstim's sliding windows (t_start = 2..T−window+1, t_end = t_start+window−1) or explicit ones.
 *
 * The semantics follow EpiEstim's source (R/estimate_R.R, R/utilities.R, R/discr_si.R, R/overall_infectivity.R):
 * - all cases on day 1 are taken as imported: they infect later days (Λ) but are never counted as offspring,
 *   and no window may start on day 1;
 * - Λ_t = Σ_{s=1}^{t−1} I_{t−s} w_s with w the discretised serial interval truncated at T−1 days;
 * - the posterior of R over a window is Gamma(shape = a + Σ I_t, scale = 1 / (1/b + Σ Λ_t)), prior Gamma with
 *   shape a = (mean_prior/std_prior)² and scale b = std_prior²/mean_prior;
 * - a window is undefined (all values null, EpiEstim's NA) when t_end ≤ the mean of the truncated discrete serial
 *   interval, because too little of the infectivity of earlier cases has been observed by then;
 * - warnings (not errors) when the first window has too few cases for cv_posterior, and when the truncated
 *   serial interval does not sum to 1 within 0.01 (a series short compared with the serial interval).
 */
import { closestWithin } from '../text/closest.js';
import { gammaCdf, gammaQuantile } from './gamma.js';

export class RtError extends Error {
  override readonly name = 'RtError';
}

export interface RtOptions {
  /** Mean of the serial interval in days (> 1: it is a gamma shifted by one day). EpiEstim's mean_si. */
  readonly meanSi: number;
  /** Standard deviation of the serial interval in days (> 0). EpiEstim's std_si. */
  readonly stdSi: number;
  /** Length in days of the sliding windows (default 7); ignored when tStart/tEnd are given. */
  readonly window?: number;
  /** Mean of the gamma prior of R (default 5). EpiEstim's mean_prior. */
  readonly meanPrior?: number;
  /** Standard deviation of the gamma prior of R (default 5). EpiEstim's std_prior. */
  readonly stdPrior?: number;
  /** Aimed posterior coefficient of variation, only used for a warning (default 0.3). EpiEstim's cv_posterior. */
  readonly cvPosterior?: number;
  /** Explicit windows: first days, 1-based as in EpiEstim (t_start); requires tEnd of the same length. */
  readonly tStart?: readonly number[];
  /** Explicit windows: last days, 1-based as in EpiEstim (t_end). */
  readonly tEnd?: readonly number[];
}

/** One window of the estimate. Days are 1-based indices into the incidence (EpiEstim's t_start/t_end). */
export interface RtRow {
  readonly tStart: number;
  readonly tEnd: number;
  /** Posterior mean, standard deviation, 2.5 % quantile, median and 97.5 % quantile; null where EpiEstim gives NA. */
  readonly meanR: number | null;
  readonly stdR: number | null;
  readonly q025: number | null;
  readonly medianR: number | null;
  readonly q975: number | null;
}

export interface RtResult {
  readonly rows: readonly RtRow[];
  /** EpiEstim's warnings, in its words. */
  readonly warnings: readonly string[];
  /** The discretised serial interval w_0 … w_T used (w_0 = 0; EpiEstim pads one trailing 0). */
  readonly siDistr: readonly number[];
  /** Mean and standard deviation of siDistr (EpiEstim's SI.Moments); windows with tEnd ≤ siMean are undefined. */
  readonly siMean: number;
  readonly siStd: number;
}

export const RT_DEFAULTS = { window: 7, meanPrior: 5, stdPrior: 5, cvPosterior: 0.3 } as const;

export const RT_WARNING_EARLY = "You're estimating R too early in the epidemic to get the desired posterior CV.";
export const RT_WARNING_SI_SUM = 'si_distr does not sum to 1.';

/**
 * EpiEstim's discr_si(k, mu, sigma): probability that the serial interval is k days, for a serial interval
 * 1 + X with X gamma-distributed (mean mu − 1, sd sigma), discretised with a triangular kernel (Cori et al. 2013,
 * web appendix 11): w_k = ∫ (1 − |x − k|)₊ f_{1+X}(x) dx. Written with gamma CDFs F (shape a, scale b) and F⁺ (shape a + 1)
 * because ∫ x f = ab F⁺; negative rounding residue is clamped to 0 as EpiEstim does.
 */
export function discrSi(k: number, mu: number, sigma: number): number {
  // EpiEstim allows sigma = 0 here, but its gamma then has an infinite shape and yields no distribution.
  if (!(sigma > 0) || !Number.isFinite(sigma)) throw new RtError(`the serial interval sd must be > 0, got ${sigma}`);
  if (!(mu > 1) || !Number.isFinite(mu)) throw new RtError(`the serial interval mean must be > 1 (a gamma shifted by one day), got ${mu}`);
  if (!(k >= 0)) throw new RtError(`k must be >= 0, got ${k}`);
  const a = ((mu - 1) / sigma) ** 2;
  const b = sigma ** 2 / (mu - 1);
  const f = (x: number): number => gammaCdf(x, a, b);
  const fPlus = (x: number): number => gammaCdf(x, a + 1, b);
  const res = k * f(k) + (k - 2) * f(k - 2) - 2 * (k - 1) * f(k - 1) + a * b * (2 * fPlus(k - 1) - fPlus(k - 2) - fPlus(k));
  return Math.max(0, res);
}

/** discr_si(0:(length − 1), mu, sigma). */
export function discrSiVector(length: number, mu: number, sigma: number): number[] {
  return Array.from({ length }, (_, k) => discrSi(k, mu, sigma));
}

/**
 * EpiEstim's overall_infectivity: Λ_t = Σ_{s=0}^{t−1} w_s I_{t−s} (1-based t), with Λ_1 undefined (null) because
 * nothing before day 1 is known. Day 1's cases count here (as imported cases) like any other.
 */
export function overallInfectivity(incidence: readonly number[], siDistr: readonly number[]): (number | null)[] {
  const lambda: (number | null)[] = [null];
  for (let t = 1; t < incidence.length; t++) {
    let sum = 0;
    for (let s = 0; s <= t && s < siDistr.length; s++) sum += (siDistr[s] ?? 0) * (incidence[t - s] ?? 0);
    lambda.push(sum);
  }
  return lambda;
}

function requireFinite(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new RtError(`${name} must be a finite number, got ${String(value)}`);
}

function checkIncidence(incidence: readonly number[]): void {
  incidence.forEach((value, i) => {
    // EpiEstim rejects negative counts only (it says "integer" but accepts fractions, e.g. rescaled counts); it
    // turns NA into 0, which would hide a gap here, so a non-number is an error instead.
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new RtError(`incidence on day ${i + 1} must be a finite number, got ${String(value)}`);
    }
    if (value < 0) throw new RtError(`incidence must contain only non negative values: day ${i + 1} has ${value}`);
  });
}

/** EpiEstim's check_times: windows are 1-based, start no earlier than day 2, end no later than day T. */
function checkWindows(tStart: readonly number[], tEnd: readonly number[], days: number): void {
  if (tStart.length !== tEnd.length) throw new RtError(`t_start and t_end must have the same length (${tStart.length} vs ${tEnd.length})`);
  if (tStart.length === 0) throw new RtError('there must be at least one window');
  tStart.forEach((start, i) => {
    const end = tEnd[i] ?? NaN;
    if (!(start <= end)) throw new RtError(`t_start[i] must be <= t_end[i] for all i: window ${i + 1} is ${start}..${end}`);
    for (const [name, value] of [
      ['t_start', start],
      ['t_end', end],
    ] as const) {
      if (!Number.isInteger(value) || value < 2 || value > days) {
        throw new RtError(`${name} must contain integers between 2 and the number of days (${days}), got ${value} (window ${i + 1})`);
      }
    }
  });
}

function slidingWindows(window: number, days: number): { tStart: number[]; tEnd: number[] } {
  if (!Number.isInteger(window) || window < 1) throw new RtError(`window must be a whole number of days >= 1, got ${window}`);
  // Day 1 holds only imported cases, so the first window starts on day 2 and a window needs window + 1 days.
  if (days < window + 1) {
    throw new RtError(`a window of ${window} days needs at least ${window + 1} days of incidence (the first day only seeds), got ${days}`);
  }
  const tStart: number[] = [];
  const tEnd: number[] = [];
  for (let start = 2; start + window - 1 <= days; start++) {
    tStart.push(start);
    tEnd.push(start + window - 1);
  }
  return { tStart, tEnd };
}

const UNDEFINED_ROW = { meanR: null, stdR: null, q025: null, medianR: null, q975: null } as const;

/** The full EpiEstim result: rows, warnings and the serial interval used. */
export function estimateRtDetailed(incidence: readonly number[], options: RtOptions): RtResult {
  const { meanSi, stdSi } = options;
  const meanPrior = options.meanPrior ?? RT_DEFAULTS.meanPrior;
  const stdPrior = options.stdPrior ?? RT_DEFAULTS.stdPrior;
  const cvPosterior = options.cvPosterior ?? RT_DEFAULTS.cvPosterior;
  requireFinite('mean_si', meanSi);
  requireFinite('std_si', stdSi);
  requireFinite('mean_prior', meanPrior);
  requireFinite('std_prior', stdPrior);
  requireFinite('cv_posterior', cvPosterior);
  if (meanSi <= 1) throw new RtError(`mean_si must be > 1 (the serial interval is a gamma shifted by one day), got ${meanSi}`);
  if (stdSi <= 0) throw new RtError(`std_si must be > 0, got ${stdSi}`);
  if (meanPrior <= 0) throw new RtError(`mean_prior must be > 0, got ${meanPrior}`);
  if (stdPrior <= 0) throw new RtError(`std_prior must be > 0, got ${stdPrior}`);
  if (cvPosterior < 0) throw new RtError(`cv_posterior must be >= 0, got ${cvPosterior}`);
  checkIncidence(incidence);
  const days = incidence.length;

  let tStart: readonly number[];
  let tEnd: readonly number[];
  if (options.tStart !== undefined || options.tEnd !== undefined) {
    if (options.tStart === undefined || options.tEnd === undefined) throw new RtError('t_start and t_end must be given together');
    tStart = options.tStart;
    tEnd = options.tEnd;
    checkWindows(tStart, tEnd, days);
  } else {
    ({ tStart, tEnd } = slidingWindows(options.window ?? RT_DEFAULTS.window, days));
  }

  const aPrior = (meanPrior / stdPrior) ** 2;
  const bPrior = stdPrior ** 2 / meanPrior;

  // EpiEstim discretises the serial interval on 0..T−1 and pads it with one 0 to length T+1.
  const siDistr = [...discrSiVector(days, meanSi, stdSi), 0];
  let siMean = 0;
  let siSecond = 0;
  let siSum = 0;
  siDistr.forEach((w, k) => {
    siMean += w * k;
    siSecond += w * k * k;
    siSum += w;
  });
  const siStd = Math.sqrt(siSecond - siMean ** 2);

  const warnings: string[] = [];
  const minCases = Math.ceil(1 / cvPosterior ** 2 - aPrior);
  if (sumRange(incidence, tStart[0] ?? 2, tEnd[0] ?? 2) < minCases) warnings.push(RT_WARNING_EARLY);
  if (Math.abs(siSum - 1) > 0.01) warnings.push(RT_WARNING_SI_SUM);

  const lambda = overallInfectivity(incidence, siDistr);
  const rows = tStart.map((start, i): RtRow => {
    const end = tEnd[i] ?? start;
    if (!(end > siMean)) return { tStart: start, tEnd: end, ...UNDEFINED_ROW };
    // Windows start on day 2 or later, so every case counted here is local (day 1's are the imported ones).
    const shape = aPrior + sumRange(incidence, start, end);
    let lambdaSum = 0;
    for (let t = start; t <= end; t++) lambdaSum += lambda[t - 1] ?? 0;
    const scale = 1 / (1 / bPrior + lambdaSum);
    return {
      tStart: start,
      tEnd: end,
      meanR: shape * scale,
      stdR: Math.sqrt(shape) * scale,
      q025: gammaQuantile(0.025, shape, scale),
      medianR: gammaQuantile(0.5, shape, scale),
      q975: gammaQuantile(0.975, shape, scale),
    };
  });
  return { rows, warnings, siDistr, siMean, siStd };
}

/** Sum of the 1-based days start..end. */
function sumRange(values: readonly number[], start: number, end: number): number {
  let sum = 0;
  for (let t = start; t <= end; t++) sum += values[t - 1] ?? 0;
  return sum;
}

/** Rt over EpiEstim's sliding windows (or options.tStart/tEnd): one row per window, null where EpiEstim has NA. */
export function estimateRt(incidence: readonly number[], options: RtOptions): readonly RtRow[] {
  return estimateRtDetailed(incidence, options).rows;
}

/** The option names accepted by parseRtOptions: EpiEstim's make_config names, plus window for the sliding windows. */
export const RT_OPTION_NAMES = ['mean_si', 'std_si', 'mean_prior', 'std_prior', 'cv_posterior', 'window', 't_start', 't_end'] as const;
export type RtOptionName = (typeof RT_OPTION_NAMES)[number];

function parseNumber(name: string, value: unknown): number {
  const parsed = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value.trim()) : NaN;
  if (!Number.isFinite(parsed)) throw new RtError(`${name} must be a number, got ${JSON.stringify(value) ?? String(value)}`);
  return parsed;
}

/** A list of days: an array of numbers, "2,3,4", or R's "2:26". */
function parseDays(name: string, value: unknown): number[] {
  if (Array.isArray(value)) return value.map((item: unknown, i) => parseNumber(`${name}[${i + 1}]`, item));
  if (typeof value === 'string') {
    const range = /^\s*(\d+)\s*:\s*(\d+)\s*$/.exec(value);
    if (range) {
      const from = Number(range[1]);
      const to = Number(range[2]);
      const step = from <= to ? 1 : -1;
      return Array.from({ length: Math.abs(to - from) + 1 }, (_, i) => from + i * step);
    }
    return value.split(',').map((item, i) => parseNumber(`${name}[${i + 1}]`, item));
  }
  if (typeof value === 'number') return [parseNumber(name, value)];
  throw new RtError(`${name} must be a list of days (e.g. 2:26 or 2,3,4), got ${JSON.stringify(value) ?? String(value)}`);
}

/**
 * Options from EpiEstim's config names (as in make_config(list(mean_si = 2.6, std_si = 1.5))), with numbers or
 * numeric strings as values, e.g. from `--param name=value`. Unknown names are rejected with the valid ones, so a
 * misspelt prior never silently falls back to the default; values are checked by estimateRt.
 */
export function parseRtOptions(input: Readonly<Record<string, unknown>>): RtOptions {
  const valid: readonly string[] = RT_OPTION_NAMES;
  for (const name of Object.keys(input)) {
    if (!valid.includes(name)) {
      const hint = closestWithin(name, RT_OPTION_NAMES, 3);
      throw new RtError(
        `unknown Rt option "${name}"${hint ? ` (did you mean "${hint}"?)` : ''}; valid options: ${RT_OPTION_NAMES.join(', ')}`,
      );
    }
  }
  const get = (name: RtOptionName): unknown => input[name];
  for (const name of ['mean_si', 'std_si'] as const) {
    if (get(name) === undefined) throw new RtError(`${name} is required for the parametric serial interval`);
  }
  const hasStart = get('t_start') !== undefined;
  const hasEnd = get('t_end') !== undefined;
  if (hasStart !== hasEnd) throw new RtError('t_start and t_end must be given together');
  if (hasStart && get('window') !== undefined) throw new RtError('give either window or t_start and t_end, not both');
  const optional = (name: RtOptionName): number | undefined => (get(name) === undefined ? undefined : parseNumber(name, get(name)));
  const options: {
    -readonly [K in keyof RtOptions]: RtOptions[K];
  } = { meanSi: parseNumber('mean_si', get('mean_si')), stdSi: parseNumber('std_si', get('std_si')) };
  const window = optional('window');
  const meanPrior = optional('mean_prior');
  const stdPrior = optional('std_prior');
  const cvPosterior = optional('cv_posterior');
  if (window !== undefined) options.window = window;
  if (meanPrior !== undefined) options.meanPrior = meanPrior;
  if (stdPrior !== undefined) options.stdPrior = stdPrior;
  if (cvPosterior !== undefined) options.cvPosterior = cvPosterior;
  if (hasStart) {
    options.tStart = parseDays('t_start', get('t_start'));
    options.tEnd = parseDays('t_end', get('t_end'));
  }
  return options;
}
