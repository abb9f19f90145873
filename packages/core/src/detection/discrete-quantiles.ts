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

/** R's ppois(y, lambda). */
export function poissonCdf(y: number, lambda: number): number {
  if (y < 0) return 0;
  if (lambda === 0) return 1;
  const k = Math.floor(y);
  const logPmf = k * Math.log(lambda) - lambda - logGamma(k + 1);
  return cdfBySummation(k, logPmf, (j) => j / lambda, Math.floor(lambda));
}

/** R's pnbinom(y, size, prob). */
export function negativeBinomialCdf(y: number, size: number, prob: number): number {
  if (y < 0) return 0;
  if (prob === 1 || size === 0) return 1;
  const k = Math.floor(y);
  const logPmf = logGamma(k + size) - logGamma(size) - logGamma(k + 1) + size * Math.log(prob) + k * Math.log1p(-prob);
  const mode = size > 1 ? Math.floor(((size - 1) * (1 - prob)) / prob) : 0;
  return cdfBySummation(k, logPmf, (j) => j / ((j - 1 + size) * (1 - prob)), mode);
}

/** Smallest integer y ≥ 0 with cdf(y) ≥ p·(1 − 64·eps), searched from a Cornish–Fisher start as R's q*() do. */
function discreteQuantile(p: number, mean: number, sd: number, skew: number, cdf: (y: number) => number): number {
  const z = normalQuantile(p);
  let y = Math.max(0, Math.round(mean + sd * (z + (skew * (z * z - 1)) / 6)));
  if (!Number.isFinite(y)) return Number.NaN;
  const target = p * (1 - 64 * EPS);
  if (cdf(y) >= target) {
    while (y > 0 && cdf(y - 1) >= target) y--;
    return y;
  }
  do y++;
  while (cdf(y) < target);
  return y;
}

/** R's qpois(p, lambda) for 0 < p < 1. */
export function poissonQuantile(p: number, lambda: number): number {
  if (!(p > 0 && p < 1) || !(lambda >= 0) || !Number.isFinite(lambda)) return Number.NaN;
  if (lambda === 0) return 0;
  const sd = Math.sqrt(lambda);
  return discreteQuantile(p, lambda, sd, 1 / sd, (y) => poissonCdf(y, lambda));
}

/** R's qnbinom(p, size, prob) for 0 < p < 1. */
export function negativeBinomialQuantile(p: number, size: number, prob: number): number {
  if (!(p > 0 && p < 1) || !(size >= 0) || !(prob > 0 && prob <= 1) || !Number.isFinite(size)) return Number.NaN;
  if (prob === 1 || size === 0) return 0;
  const q = 1 / prob;
  const pp = (1 - prob) * q;
  const mean = size * pp;
  const sd = Math.sqrt(size * pp * q);
  return discreteQuantile(p, mean, sd, (q + pp) / sd, (y) => negativeBinomialCdf(y, size, prob));
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
