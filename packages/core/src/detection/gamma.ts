/**
 * The gamma function family needed by the reproduction number (rt.ts): log-gamma, the regularized incomplete
 * gamma functions P(a, x) and Q(a, x), and the gamma distribution's CDF and quantile.
 *
 * Written here rather than taken from a library because core has no dependencies, and because the results must
 * agree with R's pgamma/qgamma to about 1e-12 relative (the golden files carry 15 significant digits).
 *
 * Methods: Stirling's series (with the recurrence Γ(x+1) = xΓ(x) below 10) for log-gamma; the power series or
 * Legendre's continued fraction (Numerical Recipes §6.2) for P and Q; a safeguarded Halley iteration inside a
 * bracket for the quantile.
 */

export class GammaError extends Error {
  override readonly name = 'GammaError';
}

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
const STIRLING_THRESHOLD = 10;
const EPSILON = 1e-16;
const MAX_ITERATIONS = 10_000_000;

/**
 * μ(x) = lnΓ(x) − [(x − ½)ln x − x + ½ln 2π], Stirling's series. At x ≥ 10 the seven terms leave an error
 * below 1e-17, which is why log-gamma and the incomplete-gamma prefactor both go through it.
 */
function stirlingCorrection(x: number): number {
  const r = 1 / x;
  const r2 = r * r;
  return (
    r *
    (1 / 12 -
      r2 * (1 / 360 - r2 * (1 / 1260 - r2 * (1 / 1680 - r2 * (1 / 1188 - r2 * (691 / 360360 - r2 * (1 / 156 - (r2 * 3617) / 122400)))))))
  );
}

/** ln|Γ(x)|. Infinite at the poles 0, −1, −2, … */
export function lnGamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === Infinity) return Infinity;
  if (x <= 0 && Number.isInteger(x)) return Infinity;
  if (x < 0.5) {
    // Reflection Γ(x)Γ(1−x) = π / sin(πx): keeps the recurrence below away from negative arguments.
    return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
  }
  if (x >= STIRLING_THRESHOLD) return (x - 0.5) * Math.log(x) - x + HALF_LOG_2PI + stirlingCorrection(x);
  // Shift up to the range where Stirling's series is exact to double precision: Γ(x) = Γ(x+n) / (x(x+1)…(x+n−1)).
  let product = 1;
  let y = x;
  while (y < STIRLING_THRESHOLD) {
    product *= y;
    y += 1;
  }
  return (y - 0.5) * Math.log(y) - y + HALF_LOG_2PI + stirlingCorrection(y) - Math.log(product);
}

/**
 * ln(x^a e^(−x) / Γ(a)), the common factor of P and Q. For large a the naive a·ln x − x − lnΓ(a) subtracts
 * numbers of size a·ln a and loses digits; rewriting it as a·(log1p(t) − t) + ½ln(a/2π) − μ(a), t = x/a − 1,
 * keeps it exact to a few ulps where it matters (x near a, i.e. the body of the distribution).
 */
function logPrefactor(a: number, x: number): number {
  if (a < STIRLING_THRESHOLD) return a * Math.log(x) - x - lnGamma(a);
  const t = (x - a) / a;
  return a * (Math.log1p(t) - t) + 0.5 * Math.log(a) - HALF_LOG_2PI - stirlingCorrection(a);
}

/** Σ x^n / ((a+1)…(a+n)), n ≥ 0: converges for every x, fast when x < a + 1. */
function lowerSeries(a: number, x: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 1; n < MAX_ITERATIONS; n++) {
    term *= x / (a + n);
    sum += term;
    if (term < sum * EPSILON) return sum;
  }
  throw new GammaError(`incomplete gamma series did not converge (a = ${a}, x = ${x})`);
}

/** Legendre's continued fraction for Q(a, x) / prefactor, evaluated by the modified Lentz method; fast when x > a + 1. */
function upperContinuedFraction(a: number, x: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) return h;
  }
  throw new GammaError(`incomplete gamma continued fraction did not converge (a = ${a}, x = ${x})`);
}

function checkShape(a: number): void {
  if (!(a > 0) || !Number.isFinite(a)) throw new GammaError(`the shape must be a positive finite number, got ${a}`);
}

/**
 * Both regularized incomplete gamma functions at once: each is computed directly where it is the smaller one
 * and by complement where it is near 1, so neither loses relative precision in its own tail.
 */
function incompleteGamma(a: number, x: number): { readonly p: number; readonly q: number } {
  checkShape(a);
  if (Number.isNaN(x)) return { p: NaN, q: NaN };
  if (x <= 0) return { p: 0, q: 1 };
  if (x === Infinity) return { p: 1, q: 0 };
  const prefactor = Math.exp(logPrefactor(a, x));
  if (x < a + 1) {
    const p = Math.min(1, (prefactor / a) * lowerSeries(a, x));
    return { p, q: 1 - p };
  }
  const q = Math.min(1, prefactor * upperContinuedFraction(a, x));
  return { p: 1 - q, q };
}

/** Regularized lower incomplete gamma P(a, x) = γ(a, x) / Γ(a), a > 0; 0 for x ≤ 0. */
export function regularizedGammaP(a: number, x: number): number {
  return incompleteGamma(a, x).p;
}

/** Regularized upper incomplete gamma Q(a, x) = 1 − P(a, x), accurate in its own upper tail. */
export function regularizedGammaQ(a: number, x: number): number {
  return incompleteGamma(a, x).q;
}

function checkScale(scale: number): void {
  if (!(scale > 0) || !Number.isFinite(scale)) throw new GammaError(`the scale must be a positive finite number, got ${scale}`);
}

/** CDF of the gamma distribution with the given shape and scale (R's pgamma(x, shape, scale = scale)). */
export function gammaCdf(x: number, shape: number, scale = 1): number {
  checkScale(scale);
  return regularizedGammaP(shape, x / scale);
}

/** Density of the gamma distribution with the given shape and scale (R's dgamma). */
export function gammaDensity(x: number, shape: number, scale = 1): number {
  checkShape(shape);
  checkScale(scale);
  if (x < 0) return 0;
  const y = x / scale;
  if (y === 0) return shape < 1 ? Infinity : shape === 1 ? 1 / scale : 0;
  return Math.exp(logPrefactor(shape, y)) / x;
}

/**
 * Quantile of the standard normal distribution, Wichura's AS 241 (PPND16), accurate to about 1e-16.
 * Only the starting point of the gamma inversion depends on it, so a private copy keeps this module self-contained.
 */
function normalQuantile(p: number): number {
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((r * 2509.0809287301227 + 33430.57558358813) * r + 67265.7709270087) * r + 45921.95393154987) * r + 13731.69376550946) * r +
          1971.5909503065513) *
          r +
          133.14166789178438) *
          r +
          3.3871328727963665)) /
      (((((((r * 5226.495278852546 + 28729.085735721943) * r + 39307.89580009271) * r + 21213.794301586597) * r + 5394.196021424751) * r +
        687.1870074920579) *
        r +
        42.31333070160091) *
        r +
        1)
    );
  }
  let r = q < 0 ? p : 1 - p;
  r = Math.sqrt(-Math.log(r));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value =
      (((((((r * 0.0007745450142783414 + 0.022723844989269184) * r + 0.2417807251774506) * r + 1.2704582524523684) * r +
        3.6478483247632045) *
        r +
        5.769497221460691) *
        r +
        4.630337846156546) *
        r +
        1.4234371107496835) /
      (((((((r * 1.0507500716444169e-9 + 0.0005475938084995345) * r + 0.015198666563616457) * r + 0.14810397642748008) * r +
        0.6897673349851) *
        r +
        1.6763848301838038) *
        r +
        2.053191626637759) *
        r +
        1);
  } else {
    r -= 5;
    value =
      (((((((r * 2.0103343992922881e-7 + 2.7115555687434876e-5) * r + 0.0012426609473880784) * r + 0.026532189526576124) * r +
        0.29656057182850487) *
        r +
        1.7848265399172913) *
        r +
        5.463784911164114) *
        r +
        6.657904643501103) /
      (((((((r * 2.0442631033899397e-15 + 1.421511758316446e-7) * r + 1.8463183175100548e-5) * r + 0.0007868691311456133) * r +
        0.014875361290850615) *
        r +
        0.1369298809227358) *
        r +
        0.599832206555888) *
        r +
        1);
  }
  return q < 0 ? -value : value;
}

/** A starting point for the inversion of P(a, ·) at p (Numerical Recipes' invgammp for a ≤ 1, Wilson–Hilferty above). */
function initialGuess(p: number, a: number): number {
  if (a > 1) {
    const z = normalQuantile(p);
    const c = 1 / (9 * a);
    const x = a * Math.pow(1 - c + z * Math.sqrt(c), 3);
    if (x > 0 && Number.isFinite(x)) return x;
    // Wilson–Hilferty fails deep in the lower tail; there P(a, x) ≈ x^a / Γ(a+1).
    return Math.exp((Math.log(p) + lnGamma(a + 1)) / a);
  }
  const t = 1 - a * (0.253 + a * 0.12);
  return p < t ? Math.pow(p / t, 1 / a) : 1 - Math.log(1 - (p - t) / (1 - t));
}

/**
 * Inverse of P(a, ·): the x ≥ 0 with P(a, x) = p. Halley steps from a good start converge in a few iterations;
 * a bracket [lo, hi] that every evaluation narrows catches any step that overshoots, which then falls back to
 * bisection (or doubling while no upper bound is known). The residual is taken in the tail where it is small
 * (p − P below the median, Q − q above) so that both tails are resolved to full relative precision.
 */
function inverseRegularizedGammaP(p: number, a: number): number {
  const upper = p > 0.5;
  const target = upper ? 1 - p : p;
  let lo = 0;
  let hi = Infinity;
  let x = initialGuess(p, a);
  for (let iteration = 0; iteration < 1000; iteration++) {
    const { p: pX, q: qX } = incompleteGamma(a, x);
    // err = P(a, x) − p, computed from whichever tail is small.
    const err = upper ? target - qX : pX - target;
    if (err === 0) return x;
    if (err < 0) lo = x;
    else hi = x;
    const density = Math.exp(logPrefactor(a, x)) / x;
    let next: number;
    if (density > 0 && Number.isFinite(density)) {
      const u = err / density;
      // Halley's correction uses f''/f' = (a − 1)/x − 1; clamping it keeps the step Newton-like far from the root.
      const step = u / (1 - 0.5 * Math.min(1, u * ((a - 1) / x - 1)));
      next = x - step;
    } else {
      next = NaN;
    }
    if (!(next > lo && next < hi)) next = hi === Infinity ? 2 * x : 0.5 * (lo + hi);
    if (Math.abs(next - x) <= 4 * Number.EPSILON * next || (hi < Infinity && hi - lo <= 4 * Number.EPSILON * hi)) return next;
    x = next;
  }
  return x;
}

/** Quantile of the gamma distribution (R's qgamma(p, shape, scale = scale)): 0 at p = 0, Infinity at p = 1. */
export function gammaQuantile(p: number, shape: number, scale = 1): number {
  checkShape(shape);
  checkScale(scale);
  if (!(p >= 0 && p <= 1)) throw new GammaError(`the probability must be in [0, 1], got ${p}`);
  if (p === 0) return 0;
  if (p === 1) return Infinity;
  return scale * inverseRegularizedGammaP(p, shape);
}
