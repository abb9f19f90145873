/**
 * Poisson and quasi-Poisson GLM with log link, fitted as R's `glm.fit` 4.2.2 does (IRLS), so that the Farrington
 * family reproduces R: same start (mu = y + 0.1), same clamping of mu at machine epsilon, same stopping rule
 * (|dev − devold| / (|dev| + 0.1) < epsilon, at most maxit iterations), same rank detection (a column whose norm
 * left after the previous columns falls below 1e-11 of its own is dropped, as LINPACK dqrdc2 does), and the
 * quantities `summary.glm` and `predict.glm` derive from the last iteration (its QR, its working weights).
 */

export class GlmError extends Error {
  override readonly name = 'GlmError';
}

export type GlmFamily = 'poisson' | 'quasipoisson';

export interface GlmInput {
  /** Design matrix, one row per observation (include a column of ones for the intercept). */
  readonly x: readonly (readonly number[])[];
  /** Responses (counts, ≥ 0). */
  readonly y: readonly number[];
  /** Prior weights (default 1); observations with weight 0 are left out of the fit, as in R. */
  readonly weights?: readonly number[];
  /** Offset on the link scale (default 0). */
  readonly offset?: readonly number[];
  readonly family?: GlmFamily;
  /** R's glm.control defaults: maxit 25, epsilon 1e-8. */
  readonly maxit?: number;
  readonly epsilon?: number;
}

export interface GlmFit {
  readonly family: GlmFamily;
  /** One per column of x; null for a column dropped as linearly dependent (R's NA coefficient). */
  readonly coefficients: readonly (number | null)[];
  /** Columns kept in the fit, in x's order; covUnscaled is indexed like this list. */
  readonly kept: readonly number[];
  /** (XᵀWX)⁻¹ over the kept columns with the last iteration's working weights (R's cov.unscaled). */
  readonly covUnscaled: readonly (readonly number[])[];
  /** summary.glm's dispersion: 1 for poisson; Pearson χ² / df.residual for quasipoisson (NaN when df.residual = 0). */
  readonly dispersion: number;
  readonly dfResidual: number;
  readonly rank: number;
  readonly converged: boolean;
  readonly iterations: number;
  readonly deviance: number;
  /** Fitted means (R's fitted.values). */
  readonly fitted: readonly number[];
  /** Hat values (R's hatvalues: from the last QR, set to 1 when within 10·eps of 1). */
  readonly hat: readonly number[];
  /** Responses, as given. */
  readonly y: readonly number[];
  /** Working residuals (y − mu) / mu.eta(eta) with the final mu (R's fit$residuals). */
  readonly workingResiduals: readonly number[];
}

const EPS = 2.220446049250313e-16;
const RANK_TOLERANCE = 1e-11;

/** R's poisson()$linkinv and $mu.eta for the log link: exp(eta) clamped at machine epsilon. */
function expClamped(eta: number): number {
  return Math.max(Math.exp(eta), EPS);
}

/** R's poisson()$dev.resids: 2·wt·(y·log(y/mu) − (y − mu)), with y·log(y/mu) = 0 when y = 0. */
function deviance(y: readonly number[], mu: readonly number[], wt: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    const yi = y[i] as number;
    const mi = mu[i] as number;
    const r = yi > 0 ? yi * Math.log(yi / mi) : 0;
    sum += 2 * (wt[i] as number) * (r - (yi - mi));
  }
  return sum;
}

interface LeastSquares {
  /** Coefficients of the kept columns, in kept order. */
  coef: number[];
  kept: number[];
  /** Upper-triangular R of the kept columns (rank × rank). */
  r: number[][];
}

/**
 * Least squares by Householder QR with dqrdc2's limited pivoting: a column that is (numerically) a combination of
 * the columns before it is dropped; the others keep their order.
 */
function leastSquares(a: readonly (readonly number[])[], b: readonly number[], p: number): LeastSquares {
  const n = a.length;
  // Column-major working copy.
  const cols: number[][] = [];
  for (let j = 0; j < p; j++) cols.push(a.map((row) => row[j] as number));
  const rhs = [...b];
  const originalNorm = cols.map((c) => Math.sqrt(c.reduce((s, v) => s + v * v, 0)));
  const kept: number[] = [];
  const keptCols: number[][] = [];
  let k = 0;
  for (let j = 0; j < p; j++) {
    const col = cols[j] as number[];
    // Apply the reflections found so far to this column.
    let norm = 0;
    for (let i = k; i < n; i++) norm += (col[i] as number) ** 2;
    norm = Math.sqrt(norm);
    if (k >= n || norm <= RANK_TOLERANCE * (originalNorm[j] as number) || norm === 0) continue;
    // Householder reflection zeroing col[k+1..n-1].
    const alpha = (col[k] as number) > 0 ? -norm : norm;
    const v = new Array<number>(n).fill(0);
    for (let i = k; i < n; i++) v[i] = col[i] as number;
    v[k] = (v[k] as number) - alpha;
    let vnorm2 = 0;
    for (let i = k; i < n; i++) vnorm2 += (v[i] as number) ** 2;
    const reflect = (target: number[]): void => {
      if (vnorm2 === 0) return;
      let dot = 0;
      for (let i = k; i < n; i++) dot += (v[i] as number) * (target[i] as number);
      const f = (2 * dot) / vnorm2;
      for (let i = k; i < n; i++) target[i] = (target[i] as number) - f * (v[i] as number);
    };
    for (let jj = j; jj < p; jj++) reflect(cols[jj] as number[]);
    reflect(rhs);
    kept.push(j);
    keptCols.push(col);
    k++;
  }
  const rank = kept.length;
  const r: number[][] = [];
  for (let i = 0; i < rank; i++) r.push(keptCols.map((c, jj) => (jj >= i ? (c[i] as number) : 0)));
  const coef = new Array<number>(rank).fill(0);
  for (let i = rank - 1; i >= 0; i--) {
    let s = rhs[i] as number;
    const row = r[i] as number[];
    for (let jj = i + 1; jj < rank; jj++) s -= (row[jj] as number) * (coef[jj] as number);
    coef[i] = s / (row[i] as number);
  }
  return { coef, kept, r };
}

/** (RᵀR)⁻¹ from the upper-triangular R (R's chol2inv). */
function chol2inv(r: readonly (readonly number[])[]): number[][] {
  const p = r.length;
  // Rinv, upper triangular.
  const inv: number[][] = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let j = 0; j < p; j++) {
    (inv[j] as number[])[j] = 1 / ((r[j] as number[])[j] as number);
    for (let i = j - 1; i >= 0; i--) {
      let s = 0;
      for (let m = i + 1; m <= j; m++) s += ((r[i] as number[])[m] as number) * ((inv[m] as number[])[j] as number);
      (inv[i] as number[])[j] = -s / ((r[i] as number[])[i] as number);
    }
  }
  const out: number[][] = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let m = Math.max(i, j); m < p; m++) s += ((inv[i] as number[])[m] as number) * ((inv[j] as number[])[m] as number);
      (out[i] as number[])[j] = s;
    }
  }
  return out;
}

/** Fits the GLM by IRLS exactly as R's glm.fit (log link; poisson or quasipoisson family). */
export function fitPoissonGlm(input: GlmInput): GlmFit {
  const { x, y } = input;
  const n = y.length;
  if (x.length !== n) throw new GlmError(`x has ${x.length} rows but y has ${n} values`);
  if (n === 0) throw new GlmError('no observations to fit');
  const p = x[0]?.length ?? 0;
  if (p === 0) throw new GlmError('the design matrix has no columns');
  for (const row of x) if (row.length !== p) throw new GlmError('rows of x differ in length');
  for (const v of y) if (!(v >= 0) || !Number.isFinite(v)) throw new GlmError(`responses must be finite and >= 0, not ${v}`);
  const weights = input.weights ?? new Array<number>(n).fill(1);
  const offset = input.offset ?? new Array<number>(n).fill(0);
  if (weights.length !== n || offset.length !== n) throw new GlmError('weights and offset must have one value per observation');
  for (const w of weights) if (!(w >= 0) || !Number.isFinite(w)) throw new GlmError(`weights must be finite and >= 0, not ${w}`);
  const family = input.family ?? 'quasipoisson';
  const maxit = input.maxit ?? 25;
  const epsilon = input.epsilon ?? 1e-8;

  // poisson()$initialize: mustart = y + 0.1.
  let eta = y.map((v) => Math.log(v + 0.1));
  let mu = eta.map(expClamped);
  let devold = deviance(y, mu, weights);
  let dev = devold;
  let converged = false;
  let iterations = 0;
  let good: number[] = [];
  let w: number[] = [];
  let ls: LeastSquares | null = null;
  let coefficients: (number | null)[] = new Array<number | null>(p).fill(null);
  for (let iter = 1; iter <= maxit; iter++) {
    iterations = iter;
    good = [];
    for (let i = 0; i < n; i++) if ((weights[i] as number) > 0 && expClamped(eta[i] as number) !== 0) good.push(i);
    const a: number[][] = [];
    const b: number[] = [];
    w = [];
    for (const i of good) {
      const muEta = expClamped(eta[i] as number);
      const mi = mu[i] as number;
      const z = (eta[i] as number) - (offset[i] as number) + ((y[i] as number) - mi) / muEta;
      // sqrt(prior · mu.eta² / variance(mu)), variance(mu) = mu.
      const wi = Math.sqrt(((weights[i] as number) * muEta * muEta) / mi);
      w.push(wi);
      a.push((x[i] as readonly number[]).map((v) => v * wi));
      b.push(z * wi);
    }
    ls = leastSquares(a, b, p);
    const start = new Array<number>(p).fill(0);
    coefficients = new Array<number | null>(p).fill(null);
    for (const [m, j] of ls.kept.entries()) {
      start[j] = ls.coef[m] as number;
      coefficients[j] = ls.coef[m] as number;
    }
    eta = x.map((row, i) => row.reduce((s, v, j) => s + v * (start[j] as number), 0) + (offset[i] as number));
    mu = eta.map(expClamped);
    dev = deviance(y, mu, weights);
    if (Math.abs(dev - devold) / (Math.abs(dev) + 0.1) < epsilon) {
      converged = true;
      break;
    }
    devold = dev;
  }
  if (ls === null) throw new GlmError('maxit must be at least 1');
  const covUnscaled = chol2inv(ls.r);
  const rank = ls.kept.length;
  // Working weights of the last iteration (R's fit$weights) and working residuals with the final mu.
  const wt = new Array<number>(n).fill(0);
  for (const [m, i] of good.entries()) wt[i] = (w[m] as number) ** 2;
  const nOk = n - weights.filter((v) => v === 0).length;
  const dfResidual = nOk - rank;
  let dispersion = 1;
  if (family === 'quasipoisson') {
    if (dfResidual > 0) {
      let sum = 0;
      for (let i = 0; i < n; i++) {
        if ((wt[i] as number) > 0) {
          const res = ((y[i] as number) - (mu[i] as number)) / expClamped(eta[i] as number);
          sum += (wt[i] as number) * res * res;
        }
      }
      dispersion = sum / dfResidual;
    } else dispersion = Number.NaN;
  }
  const hat = new Array<number>(n).fill(0);
  for (const [m, i] of good.entries()) {
    const row = x[i] as readonly number[];
    const xs = ls.kept.map((j) => row[j] as number);
    let q = 0;
    for (let r1 = 0; r1 < rank; r1++) {
      for (let r2 = 0; r2 < rank; r2++) q += (xs[r1] as number) * ((covUnscaled[r1] as number[])[r2] as number) * (xs[r2] as number);
    }
    const h = (w[m] as number) ** 2 * q;
    hat[i] = h > 1 - 10 * EPS ? 1 : h;
  }
  return {
    family,
    coefficients,
    kept: ls.kept,
    covUnscaled,
    dispersion,
    dfResidual,
    rank,
    converged,
    iterations,
    deviance: dev,
    fitted: mu,
    hat,
    y,
    workingResiduals: y.map((v, i) => (v - (mu[i] as number)) / expClamped(eta[i] as number)),
  };
}

/** Standard error of coefficient j as summary.glm gives it: sqrt(cov.unscaled[j, j] · dispersion); null if dropped. */
export function coefficientSe(fit: GlmFit, j: number, dispersion = fit.dispersion): number | null {
  const m = fit.kept.indexOf(j);
  if (m < 0) return null;
  return Math.sqrt(((fit.covUnscaled[m] as readonly number[])[m] as number) * dispersion);
}

/**
 * predict.glm(type = "link", se.fit = TRUE) at one new row: eta = x0·β + offset, se = sqrt(x0ᵀ C x0 · dispersion)
 * over the kept columns (dropped columns count as 0, as R does for a rank-deficient fit). The dispersion defaults to
 * the fit's own (summary.glm's), as in R when predict.glm gets no dispersion argument.
 */
export function predictLink(fit: GlmFit, x0: readonly number[], offset = 0, dispersion = fit.dispersion): { fit: number; seFit: number } {
  let eta = offset;
  const xs: number[] = [];
  for (const j of fit.kept) {
    const v = x0[j];
    if (v === undefined) throw new GlmError('the new row has fewer columns than the design matrix');
    eta += v * (fit.coefficients[j] as number);
    xs.push(v);
  }
  let q = 0;
  for (let a = 0; a < xs.length; a++) {
    for (let b = 0; b < xs.length; b++)
      q += (xs[a] as number) * ((fit.covUnscaled[a] as readonly number[])[b] as number) * (xs[b] as number);
  }
  return { fit: eta, seFit: Math.sqrt(q * dispersion) };
}
