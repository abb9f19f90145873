/**
 * The distribution pieces the Farrington family needs, computed as R's stats functions define them:
 * qpois, qnbinom (size/prob parameterisation, as surveillance calls it), and the Student t lower tail (for the
 * trend p-value of summary.glm). Discrete quantiles are the smallest y with P(Y ≤ y) ≥ p·(1 − 64·eps), R's
 * fuzz that keeps a quantile from jumping up when the CDF hits p exactly but for rounding.
 */
import { normalQuantile } from './normal.js';

const EPS = 2.220446049250313e-16;
const HALF_LOG_2PI = 0.9189385332046728;

/** log Γ(x) for x > 0: Stirling's series once x ≥ 15, shifted down by the recurrence below that (error ~1e-15). */
export function logGamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  if (x === 1 || x === 2) return 0;
  let shift = 0;
  let z = x;
  while (z < 15) {
    shift += Math.log(z);
    z += 1;
  }
  const z2 = 1 / (z * z);
  const series = (1 / z) * (1 / 12 - z2 * (1 / 360 - z2 * (1 / 1260 - z2 * (1 / 1680 - z2 * (1 / 1188)))));
  return (z - 0.5) * Math.log(z) - z + HALF_LOG_2PI + series - shift;
}

/**
 * P(Y ≤ y) for a discrete distribution given log pmf(y) and the ratio pmf(k − 1) / pmf(k): sums downward from y,
 * relative to pmf(y) so that neither underflow of the far tail nor of pmf(y) itself spoils the sum.
 */
function cdfBySummation(y: number, logPmfY: number, ratioDown: (k: number) => number, mode: number): number {
  let sum = 1;
  let term = 1;
  for (let k = y; k > 0; k--) {
    term *= ratioDown(k);
    sum += term;
    if (!Number.isFinite(sum)) return 1;
    if (k - 1 <= mode && term < sum * 1e-17) break;
  }
  const log = logPmfY + Math.log(sum);
  return log >= 0 ? 1 : Math.exp(log);
}

/** log P(Y = k) of the Poisson distribution. */
function poissonLogPmf(k: number, lambda: number): number {
  return k * Math.log(lambda) - lambda - logGamma(k + 1);
}

/** R's ppois(y, lambda). */
export function poissonCdf(y: number, lambda: number): number {
  if (y < 0) return 0;
  if (lambda === 0) return 1;
  const k = Math.floor(y);
  return cdfBySummation(k, poissonLogPmf(k, lambda), (j) => j / lambda, Math.floor(lambda));
}

/** log P(Y = k) of the negative binomial distribution (size, prob). */
function negativeBinomialLogPmf(k: number, size: number, prob: number): number {
  return logGamma(k + size) - logGamma(size) - logGamma(k + 1) + size * Math.log(prob) + k * Math.log1p(-prob);
}

function negativeBinomialMode(size: number, prob: number): number {
  return size > 1 ? Math.floor(((size - 1) * (1 - prob)) / prob) : 0;
}

/** R's pnbinom(y, size, prob). */
export function negativeBinomialCdf(y: number, size: number, prob: number): number {
  if (y < 0) return 0;
  if (prob === 1 || size === 0) return 1;
  const k = Math.floor(y);
  const q = 1 - prob;
  return cdfBySummation(k, negativeBinomialLogPmf(k, size, prob), (j) => j / ((j - 1 + size) * q), negativeBinomialMode(size, prob));
}

/** A discrete distribution as the quantile search walks it: its CDF, log pmf and pmf(k − 1) / pmf(k). */
interface Walkable {
  cdf(y: number): number;
  logPmf(y: number): number;
  ratioDown(k: number): number;
  /** Sum of the magnitudes of the terms of logPmf(y): its rounding error is a tiny multiple of this. */
  logPmfScale(y: number): number;
}

/**
 * Where the CDF stepped from a neighbour lies this close to the target (relative), the decision is left to the
 * full summation: far above the error of either (the summation's own error grows with the magnitude of the log pmf
 * terms and with y, hence the scale), so every decision, and thus the quantile, is the one the summation at each
 * y would give.
 */
function walkGuard(scale: number, y: number): number {
  return 1e-9 + 1e-13 * (scale + y);
}

/**
 * Smallest integer y ≥ 0 with cdf(y) ≥ p·(1 − 64·eps), searched from a Cornish–Fisher start as R's q*() do. The CDF
 * is summed in full once, at the start; each step of the walk then adds or removes one pmf term (the pmf itself
 * stepped by the ratio of neighbours), instead of summing the whole lower tail again at every y.
 */
function discreteQuantile(p: number, mean: number, sd: number, skew: number, dist: Walkable): number {
  const z = normalQuantile(p);
  let y = Math.max(0, Math.round(mean + sd * (z + (skew * (z * z - 1)) / 6)));
  if (!Number.isFinite(y)) return Number.NaN;
  const target = p * (1 - 64 * EPS);
  // c = cdf(y) and f = pmf(y), both for the current y.
  let c = dist.cdf(y);
  let f = Math.exp(dist.logPmf(y));
  // The walk stays near its start: twice the scale there covers the y up to guardUpTo (recomputed beyond).
  let guardUpTo = 2 * y + 10;
  let guard = walkGuard(2 * dist.logPmfScale(y), guardUpTo) * target;
  /** Whether cdf(k) ≥ target, given the stepped value ck for it; ambiguous or degenerate cases sum in full. */
  const reaches = (k: number, ck: number, fk: number): boolean => {
    if (k > guardUpTo) {
      guardUpTo = 2 * k + 10;
      guard = walkGuard(2 * dist.logPmfScale(k), guardUpTo) * target;
    }
    if (fk > 1e-280 && fk <= 1 && ck >= 0 && ck <= 1 && Math.abs(ck - target) > guard) {
      c = ck;
      f = fk;
      return ck >= target;
    }
    c = dist.cdf(k);
    f = Math.exp(dist.logPmf(k));
    return c >= target;
  };
  if (c >= target) {
    // cdf(y − 1) = cdf(y) − pmf(y).
    while (y > 0 && reaches(y - 1, c - f, f * dist.ratioDown(y))) y--;
    return y;
  }
  // cdf(y + 1) = cdf(y) + pmf(y + 1).
  do {
    const fNext = f / dist.ratioDown(y + 1);
    y++;
    if (reaches(y, c + fNext, fNext)) return y;
  } while (y < Number.MAX_SAFE_INTEGER);
  return y;
}

/** R's qpois(p, lambda) for 0 < p < 1. */
export function poissonQuantile(p: number, lambda: number): number {
  if (!(p > 0 && p < 1) || !(lambda >= 0) || !Number.isFinite(lambda)) return Number.NaN;
  if (lambda === 0) return 0;
  const sd = Math.sqrt(lambda);
  return discreteQuantile(p, lambda, sd, 1 / sd, {
    cdf: (y) => poissonCdf(y, lambda),
    logPmf: (y) => poissonLogPmf(y, lambda),
    ratioDown: (k) => k / lambda,
    logPmfScale: (y) => Math.abs(y * Math.log(lambda)) + lambda + Math.abs(logGamma(y + 1)),
  });
}

/** R's qnbinom(p, size, prob) for 0 < p < 1. */
export function negativeBinomialQuantile(p: number, size: number, prob: number): number {
  if (!(p > 0 && p < 1) || !(size >= 0) || !(prob > 0 && prob <= 1) || !Number.isFinite(size)) return Number.NaN;
  if (prob === 1 || size === 0) return 0;
  const q = 1 / prob;
  const pp = (1 - prob) * q;
  const mean = size * pp;
  const sd = Math.sqrt(size * pp * q);
  const oneMinusProb = 1 - prob;
  return discreteQuantile(p, mean, sd, (q + pp) / sd, {
    cdf: (y) => negativeBinomialCdf(y, size, prob),
    logPmf: (y) => negativeBinomialLogPmf(y, size, prob),
    ratioDown: (k) => k / ((k - 1 + size) * oneMinusProb),
    logPmfScale: (y) =>
      Math.abs(logGamma(y + size)) +
      Math.abs(logGamma(size)) +
      Math.abs(logGamma(y + 1)) +
      Math.abs(size * Math.log(prob)) +
      Math.abs(y * Math.log1p(-prob)),
  });
}

/** Regularised incomplete beta I_x(a, b) by Lentz's continued fraction (relative error ~1e-14). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  if (x > (a + 1) / (a + b + 2)) return 1 - incompleteBeta(1 - x, b, a);
  const front = Math.exp(a * Math.log(x) + b * Math.log1p(-x) - (logGamma(a) + logGamma(b) - logGamma(a + b))) / a;
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let f = d;
  for (let m = 1; m <= 10000; m++) {
    const m2 = 2 * m;
    let num = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + num * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + num / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    f *= d * c;
    num = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + num * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + num / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return front * f;
}

/** R's pt(t, df): P(T ≤ t) for Student's t with df > 0 degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return Number.NaN;
  if (!Number.isFinite(t)) return t > 0 ? 1 : 0;
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t > 0 ? 1 - tail : tail;
}
