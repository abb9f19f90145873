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
function deviance(y: Float64Array, mu: Float64Array, wt: Float64Array, n = y.length): number {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const yi = y[i] as number;
    const mi = mu[i] as number;
    const r = yi > 0 ? yi * Math.log(yi / mi) : 0;
    sum += 2 * (wt[i] as number) * (r - (yi - mi));
  }
  return sum;
}

/**
 * Least squares by Householder QR with dqrdc2's limited pivoting: a column that is (numerically) a combination of
 * the columns before it is dropped; the others keep their order. Works in place on `a` (column-major, `rows` rows,
 * column j at offset j·rows): columns 0…p−1 are filled here with the design `x` (laid out alike) times the row
 * weights `w`, column p holds the right-hand side; `v` is scratch. IRLS thus allocates nothing per iteration. The
 * arithmetic is term for term that of a textbook Householder QR, which the golden tests pin down to the last bits.
 * Returns the kept columns; their coefficients are written to `coef` (in kept order) and R is left in the upper
 * triangle of the kept columns of `a` (row i of kept column m is a[kept[m]·rows + i]).
 */
function leastSquares(
  a: Float64Array,
  x: Float64Array,
  w: Float64Array,
  v: Float64Array,
  rows: number,
  p: number,
  coef: Float64Array,
): number[] {
  const n = rows;
  const originalNorm = new Float64Array(p);
  // Columns 0…p−1 of a are x·w (row-wise), written in the same pass that takes their norms.
  for (let j = 0; j < p; j++) {
    const base = j * n;
    let s = 0;
    for (let i = 0; i < n; i++) {
      const e = (x[base + i] as number) * (w[i] as number);
      a[base + i] = e;
      s += e * e;
    }
    originalNorm[j] = Math.sqrt(s);
  }
  const kept: number[] = [];
  let k = 0;
  for (let j = 0; j < p; j++) {
    const base = j * n;
    let norm = 0;
    for (let i = k; i < n; i++) {
      const x = a[base + i] as number;
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    if (k >= n || norm <= RANK_TOLERANCE * (originalNorm[j] as number) || norm === 0) continue;
    // Householder reflection zeroing column j below row k.
    const ajk = a[base + k] as number;
    const alpha = ajk > 0 ? -norm : norm;
    // v = column j from row k with v[k] = a[k] − alpha, copied in the pass that sums its squares (in row order).
    const vk = ajk - alpha;
    v[k] = vk;
    let vnorm2 = vk * vk;
    for (let i = k + 1; i < n; i++) {
      const vi = a[base + i] as number;
      v[i] = vi;
      vnorm2 += vi * vi;
    }
    if (vnorm2 !== 0) {
      // Reflect columns j…p (column p is the right-hand side) four at a time: four independent dot products per pass
      // over v hide the latency of the additions, and each one still sums its terms in row order, so the result is
      // bit for bit that of reflecting one column at a time.
      let jj = j;
      for (; jj + 3 <= p; jj += 4) {
        const t0 = jj * n;
        const t1 = t0 + n;
        const t2 = t1 + n;
        const t3 = t2 + n;
        let d0 = 0;
        let d1 = 0;
        let d2 = 0;
        let d3 = 0;
        for (let i = k; i < n; i++) {
          const vi = v[i] as number;
          d0 += vi * (a[t0 + i] as number);
          d1 += vi * (a[t1 + i] as number);
          d2 += vi * (a[t2 + i] as number);
          d3 += vi * (a[t3 + i] as number);
        }
        const f0 = (2 * d0) / vnorm2;
        const f1 = (2 * d1) / vnorm2;
        const f2 = (2 * d2) / vnorm2;
        const f3 = (2 * d3) / vnorm2;
        for (let i = k; i < n; i++) {
          const vi = v[i] as number;
          a[t0 + i] = (a[t0 + i] as number) - f0 * vi;
          a[t1 + i] = (a[t1 + i] as number) - f1 * vi;
          a[t2 + i] = (a[t2 + i] as number) - f2 * vi;
          a[t3 + i] = (a[t3 + i] as number) - f3 * vi;
        }
      }
      if (p - jj === 2) {
        // Three columns left.
        const t0 = jj * n;
        const t1 = t0 + n;
        const t2 = t1 + n;
        let d0 = 0;
        let d1 = 0;
        let d2 = 0;
        for (let i = k; i < n; i++) {
          const vi = v[i] as number;
          d0 += vi * (a[t0 + i] as number);
          d1 += vi * (a[t1 + i] as number);
          d2 += vi * (a[t2 + i] as number);
        }
        const f0 = (2 * d0) / vnorm2;
        const f1 = (2 * d1) / vnorm2;
        const f2 = (2 * d2) / vnorm2;
        for (let i = k; i < n; i++) {
          const vi = v[i] as number;
          a[t0 + i] = (a[t0 + i] as number) - f0 * vi;
          a[t1 + i] = (a[t1 + i] as number) - f1 * vi;
          a[t2 + i] = (a[t2 + i] as number) - f2 * vi;
        }
      } else if (p - jj === 1) {
        // Two columns left.
        const t0 = jj * n;
        const t1 = t0 + n;
        let d0 = 0;
        let d1 = 0;
        for (let i = k; i < n; i++) {
          const vi = v[i] as number;
          d0 += vi * (a[t0 + i] as number);
          d1 += vi * (a[t1 + i] as number);
        }
        const f0 = (2 * d0) / vnorm2;
        const f1 = (2 * d1) / vnorm2;
        for (let i = k; i < n; i++) {
          const vi = v[i] as number;
          a[t0 + i] = (a[t0 + i] as number) - f0 * vi;
          a[t1 + i] = (a[t1 + i] as number) - f1 * vi;
        }
      } else if (p - jj === 0) {
        const t = jj * n;
        let dot = 0;
        for (let i = k; i < n; i++) dot += (v[i] as number) * (a[t + i] as number);
        const f = (2 * dot) / vnorm2;
        for (let i = k; i < n; i++) a[t + i] = (a[t + i] as number) - f * (v[i] as number);
      }
    }
    kept.push(j);
    k++;
  }
  const rank = kept.length;
  for (let i = rank - 1; i >= 0; i--) {
    let s = a[p * n + i] as number;
    for (let jj = i + 1; jj < rank; jj++) s -= (a[(kept[jj] as number) * n + i] as number) * (coef[jj] as number);
    coef[i] = s / (a[(kept[i] as number) * n + i] as number);
  }
  return kept;
}

/** (RᵀR)⁻¹ from the upper-triangular R, given row-major as rank × rank (R's chol2inv); row-major result. */
function chol2inv(r: Float64Array, p: number): Float64Array {
  // Rinv, upper triangular, row-major.
  const inv = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    inv[j * p + j] = 1 / (r[j * p + j] as number);
    for (let i = j - 1; i >= 0; i--) {
      let s = 0;
      for (let m = i + 1; m <= j; m++) s += (r[i * p + m] as number) * (inv[m * p + j] as number);
      inv[i * p + j] = -s / (r[i * p + i] as number);
    }
  }
  const out = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let m = Math.max(i, j); m < p; m++) s += (inv[i * p + m] as number) * (inv[j * p + m] as number);
      out[i * p + j] = s;
    }
  }
  return out;
}

/**
 * R's hatvalues from the last iteration: w²·xᵀ(RᵀR)⁻¹x per row in the fit. A top-level function rather than a
 * closure in fitPoissonGlm, so that the IRLS loops there keep their variables in registers instead of a context.
 */
function hatValues(
  xr: Float64Array,
  n: number,
  p: number,
  good: readonly number[],
  w: Float64Array,
  keptCols: readonly number[],
  cov: Float64Array,
): number[] {
  const ng = good.length;
  const rank = keptCols.length;
  const hat = new Array<number>(n).fill(0);
  const xs = new Float64Array(rank);
  // Positions of the nonzero entries of the row: with finite x and C, a term with a zero factor is an exact ±0 that
  // leaves the sum (which starts at +0) unchanged, so skipping it gives R's x'Cx bit for bit.
  const nz = new Int32Array(rank);
  // (The bound also rules out x·C overflowing to Infinity, which times a zero x would be NaN.)
  let maxC = 0;
  let maxX = 0;
  for (const c of cov) maxC = Math.max(maxC, Math.abs(c));
  for (const v of xr) maxX = Math.max(maxX, Math.abs(v));
  const allFinite = maxC * maxX < 1e300;
  for (let m = 0; m < ng; m++) {
    const i = good[m] as number;
    let count = 0;
    for (let r1 = 0; r1 < rank; r1++) {
      const xv = xr[i * p + (keptCols[r1] as number)] as number;
      xs[r1] = xv;
      if (xv !== 0 || !allFinite) nz[count++] = r1;
    }
    let q = 0;
    for (let e1 = 0; e1 < count; e1++) {
      const r1 = nz[e1] as number;
      const x1 = xs[r1] as number;
      for (let e2 = 0; e2 < count; e2++) {
        const r2 = nz[e2] as number;
        q += x1 * (cov[r1 * rank + r2] as number) * (xs[r2] as number);
      }
    }
    const wm = w[m] as number;
    const h = wm * wm * q;
    hat[i] = h > 1 - 10 * EPS ? 1 : h;
  }
  return hat;
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
  if ((input.weights !== undefined && input.weights.length !== n) || (input.offset !== undefined && input.offset.length !== n)) {
    throw new GlmError('weights and offset must have one value per observation');
  }
  if (input.weights)
    for (const w of input.weights) if (!(w >= 0) || !Number.isFinite(w)) throw new GlmError(`weights must be finite and >= 0, not ${w}`);
  const family = input.family ?? 'quasipoisson';
  const maxit = input.maxit ?? 25;
  const epsilon = input.epsilon ?? 1e-8;

  // Typed copies: the IRLS loops below run on flat Float64Arrays allocated once per fit (the fit is called several
  // times per evaluated week, so per-iteration allocation dominated the run time).
  const yv = Float64Array.from(y);
  const weights = input.weights ? Float64Array.from(input.weights) : new Float64Array(n).fill(1);
  const offset = input.offset ? Float64Array.from(input.offset) : new Float64Array(n);
  const xr = new Float64Array(n * p); // row-major
  for (let i = 0; i < n; i++) {
    const row = x[i] as readonly number[];
    for (let j = 0; j < p; j++) xr[i * p + j] = row[j] as number;
  }
  // Nonzero pattern of x by row (CSR-like): nzCol[nzStart[i] … nzStart[i + 1] − 1] are row i's nonzero columns.
  const nzStart = new Int32Array(n + 1);
  const nzColList: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) if ((xr[i * p + j] as number) !== 0) nzColList.push(j);
    nzStart[i + 1] = nzColList.length;
  }
  const nzCol = Int32Array.from(nzColList);

  // poisson()$initialize: mustart = y + 0.1.
  const eta = new Float64Array(n);
  const mu = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    eta[i] = Math.log((yv[i] as number) + 0.1);
    mu[i] = expClamped(eta[i] as number);
  }
  let devold = deviance(yv, mu, weights);
  let dev = devold;
  let converged = false;
  let iterations = 0;
  // Rows in the fit: positive prior weight (mu.eta = max(exp(eta), eps) is never 0, so R's second test never drops one).
  const good: number[] = [];
  for (let i = 0; i < n; i++) if ((weights[i] as number) > 0) good.push(i);
  const ng = good.length;
  // Weighted design, column-major, with the weighted working response as an extra last column.
  const a = new Float64Array(ng * (p + 1));
  const v = new Float64Array(ng);
  const w = new Float64Array(ng);
  // The rows in the fit, column-major, so that the weighted design is built with contiguous reads and writes.
  const xg = new Float64Array(ng * p);
  for (let m = 0; m < ng; m++) {
    const rowBase = (good[m] as number) * p;
    for (let j = 0; j < p; j++) xg[j * ng + m] = xr[rowBase + j] as number;
  }
  const coef = new Float64Array(p);
  const start = new Float64Array(p);
  let kept: number[] | null = null;
  for (let iter = 1; iter <= maxit; iter++) {
    iterations = iter;
    for (let m = 0; m < ng; m++) {
      const i = good[m] as number;
      const etai = eta[i] as number;
      // mu.eta(eta) = linkinv(eta) = mu for the log link (mu is always expClamped(eta) here).
      const mi = mu[i] as number;
      const muEta = mi;
      const z = etai - (offset[i] as number) + ((yv[i] as number) - mi) / muEta;
      // sqrt(prior · mu.eta² / variance(mu)), variance(mu) = mu.
      const wi = Math.sqrt(((weights[i] as number) * muEta * muEta) / mi);
      w[m] = wi;
      a[p * ng + m] = z * wi;
    }
    kept = leastSquares(a, xg, w, v, ng, p, coef);
    start.fill(0);
    for (let m = 0; m < kept.length; m++) start[kept[m] as number] = coef[m] as number;
    let finite = true;
    for (let j = 0; j < p; j++) if (!Number.isFinite(start[j] as number)) finite = false;
    for (let i = 0; i < n; i++) {
      let s = 0;
      if (finite) {
        // x·β over the nonzero entries only: with finite β a zero entry adds an exact ±0 to a sum that starts at +0,
        // which leaves it unchanged, so this equals R's full sum bit for bit (Farrington's dummy columns are sparse).
        for (let e = nzStart[i] as number; e < (nzStart[i + 1] as number); e++) {
          const j = nzCol[e] as number;
          s = s + (xr[i * p + j] as number) * (start[j] as number);
        }
      } else {
        for (let j = 0; j < p; j++) s = s + (xr[i * p + j] as number) * (start[j] as number);
      }
      eta[i] = s + (offset[i] as number);
      mu[i] = expClamped(eta[i] as number);
    }
    dev = deviance(yv, mu, weights);
    if (Math.abs(dev - devold) / (Math.abs(dev) + 0.1) < epsilon) {
      converged = true;
      break;
    }
    devold = dev;
  }
  if (kept === null) throw new GlmError('maxit must be at least 1');
  const keptCols = kept;
  const rank = kept.length;
  const coefficients = new Array<number | null>(p).fill(null);
  for (let m = 0; m < rank; m++) coefficients[kept[m] as number] = coef[m] as number;
  // R of the last iteration, row-major rank × rank, from the upper triangle of the kept columns of a.
  const rMatrix = new Float64Array(rank * rank);
  for (let i = 0; i < rank; i++) {
    for (let jj = i; jj < rank; jj++) rMatrix[i * rank + jj] = a[(kept[jj] as number) * ng + i] as number;
  }
  const cov = chol2inv(rMatrix, rank);
  const covUnscaled: number[][] = [];
  for (let i = 0; i < rank; i++) {
    const row = new Array<number>(rank);
    for (let jj = 0; jj < rank; jj++) row[jj] = cov[i * rank + jj] as number;
    covUnscaled.push(row);
  }
  // Working weights of the last iteration (R's fit$weights) and working residuals with the final mu.
  const wt = new Float64Array(n);
  for (let m = 0; m < ng; m++) {
    const wm = w[m] as number;
    wt[good[m] as number] = wm * wm;
  }
  const nOk = n - (n - ng);
  const dfResidual = nOk - rank;
  const { fitted, workingResiduals, dispersion } = finalFitStatistics(yv, mu, wt, n, dfResidual, family);
  // Hat values cost rank² per row and only the first fit of Farrington's reweighting needs them: computed on demand.
  let hatCache: number[] | null = null;
  // Only this object is captured by the getter: variables captured by a closure live in a context, which would slow
  // down every IRLS loop above that reads them.
  const hatInput = { xr, n, p, good, w, keptCols, cov };
  return {
    family,
    coefficients,
    kept,
    covUnscaled,
    dispersion,
    dfResidual,
    rank,
    converged,
    iterations,
    deviance: dev,
    fitted,
    get hat(): number[] {
      hatCache ??= hatValues(hatInput.xr, hatInput.n, hatInput.p, hatInput.good, hatInput.w, hatInput.keptCols, hatInput.cov);
      return hatCache;
    },
    y,
    workingResiduals,
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

/**
 * A GLM whose design is an intercept, optionally one covariate (the time trend), and the treatment dummies of one
 * factor: R's `y ~ 1 + t + g` (or `y ~ 1 + g`). Column order as model.matrix: intercept, trend, then one dummy per
 * level after the first.
 */
export interface GroupedGlmInput {
  readonly y: readonly number[];
  /** The covariate of the second column, or null for no such column. */
  readonly trend: readonly number[] | null;
  /** Level of each row, 0 … levels − 1; level 0 is the reference (no dummy). */
  readonly group: ArrayLike<number>;
  /** Number of levels (≥ 1): the design has levels − 1 dummy columns. */
  readonly levels: number;
  readonly weights?: readonly number[];
  readonly offset?: readonly number[];
  readonly family?: GlmFamily;
  readonly maxit?: number;
  readonly epsilon?: number;
}

/** The dense design matrix of a grouped GLM, row by row. */
export function groupedDesign(input: Pick<GroupedGlmInput, 'y' | 'trend' | 'group' | 'levels'>): number[][] {
  const rows: number[][] = [];
  for (let i = 0; i < input.y.length; i++) {
    const row = [1];
    if (input.trend) row.push(input.trend[i] as number);
    const g = input.group[i] as number;
    for (let l = 1; l < input.levels; l++) row.push(g === l ? 1 : 0);
    rows.push(row);
  }
  return rows;
}

/**
 * Below this, a column's part orthogonal to all the others (relative to its norm) is not trusted to the closed form:
 * the fit goes to the general QR, which drops columns as R does (tolerance 1e-11, far below this margin).
 */
const GROUPED_CONDITION = 1e-7;

/**
 * fitPoissonGlm for a grouped design, solving each IRLS step in closed form instead of by a dense QR: with
 * weights w², the dummies make the model one intercept per level plus a common slope, so the weighted least
 * squares step is the within-level regression (group means, then the slope from deviations from them), O(n) rather
 * than O(n·p²). It is the same least-squares solution, computed stably (two-pass centring), so the results agree with
 * the QR's to rounding (~1e-15 relative). Where a column comes close to the span of the others (where R's QR might
 * drop it), where a level has no row in the fit or anything is not finite, the dense fit is used instead, unchanged.
 */
export function fitGroupedPoissonGlm(input: GroupedGlmInput): GlmFit {
  return fitGroupedClosedForm(input) ?? fitDense(input);
}

function fitDense(input: GroupedGlmInput): GlmFit {
  return fitPoissonGlm({
    x: groupedDesign(input),
    y: input.y,
    ...(input.weights ? { weights: input.weights } : {}),
    ...(input.offset ? { offset: input.offset } : {}),
    ...(input.family ? { family: input.family } : {}),
    ...(input.maxit !== undefined ? { maxit: input.maxit } : {}),
    ...(input.epsilon !== undefined ? { epsilon: input.epsilon } : {}),
  });
}

interface Workspace {
  /** The y whose start eta0, mu0 and deviance terms dev0 hold (compared by identity, then value by value). */
  startOf: readonly number[] | null;
  startLength: number;
  eta0: Float64Array;
  mu0: Float64Array;
  dev0: Float64Array;
  yv: Float64Array;
  t: Float64Array;
  group: Int32Array;
  weights: Float64Array;
  offset: Float64Array;
  eta: Float64Array;
  mu: Float64Array;
  good: Int32Array;
  w: Float64Array;
  z: Float64Array;
  wt: Float64Array;
  sw: Float64Array;
  tbar: Float64Array;
  zbar: Float64Array;
  beta: Float64Array;
}

let shared: Workspace | null = null;

/** The scratch arrays of fitGroupedClosedForm, grown as needed (capacity, not length, is what they guarantee). */
function workspace(n: number, levels: number, p: number): Workspace {
  const rows = shared === null ? 0 : shared.yv.length;
  const cols = shared === null ? 0 : shared.sw.length;
  if (shared !== null && rows >= n && cols >= levels && shared.beta.length >= p) return shared;
  const r = Math.max(n, rows, 64);
  const c = Math.max(levels, p, cols, 16);
  shared = {
    startOf: null,
    startLength: 0,
    eta0: new Float64Array(r),
    mu0: new Float64Array(r),
    dev0: new Float64Array(r),
    yv: new Float64Array(r),
    t: new Float64Array(r),
    group: new Int32Array(r),
    weights: new Float64Array(r),
    offset: new Float64Array(r),
    eta: new Float64Array(r),
    mu: new Float64Array(r),
    good: new Int32Array(r),
    w: new Float64Array(r),
    z: new Float64Array(r),
    wt: new Float64Array(r),
    sw: new Float64Array(c),
    tbar: new Float64Array(c),
    zbar: new Float64Array(c),
    beta: new Float64Array(c),
  };
  return shared;
}

function fitGroupedClosedForm(input: GroupedGlmInput): GlmFit | null {
  const { y, levels } = input;
  const n = y.length;
  const hasTrend = input.trend !== null;
  const p = 1 + (hasTrend ? 1 : 0) + levels - 1;
  if (n === 0 || levels < 1 || input.group.length !== n || (input.trend !== null && input.trend.length !== n)) return null;
  if ((input.weights !== undefined && input.weights.length !== n) || (input.offset !== undefined && input.offset.length !== n)) return null;
  for (let i = 0; i < n; i++) {
    const v = y[i] as number;
    if (!(v >= 0) || !Number.isFinite(v)) return null;
    const g = input.group[i] as number;
    if (!(g >= 0 && g < levels) || !Number.isInteger(g)) return null;
    if (input.weights) {
      const wv = input.weights[i] as number;
      if (!(wv >= 0) || !Number.isFinite(wv)) return null;
    }
  }
  const family = input.family ?? 'quasipoisson';
  const maxit = input.maxit ?? 25;
  const epsilon = input.epsilon ?? 1e-8;
  if (!(maxit >= 1)) return null;

  // Scratch arrays reused from fit to fit (one fit runs at a time): allocating a dozen typed arrays per fit cost more
  // than the closed-form fit itself on Farrington's small baselines.
  const ws = workspace(n, levels, p);
  const { yv, t, group, weights, offset, eta, mu, eta0, mu0, dev0 } = ws;
  // The start (eta = log(y + 0.1)) and its deviance terms depend on y alone: Farrington fits the same responses up to
  // four times (with and without trend, each reweighted), so they are kept from the previous fit when y is the same.
  let sameY = ws.startOf === y && ws.startLength === n;
  for (let i = 0; i < n; i++) {
    const yi = y[i] as number;
    if (yv[i] !== yi) sameY = false;
    yv[i] = yi;
    t[i] = hasTrend ? ((input.trend as readonly number[])[i] as number) : 0;
    group[i] = input.group[i] as number;
    weights[i] = input.weights ? (input.weights[i] as number) : 1;
    offset[i] = input.offset ? (input.offset[i] as number) : 0;
  }
  if (!sameY) {
    for (let i = 0; i < n; i++) {
      const yi = yv[i] as number;
      const e = Math.log(yi + 0.1);
      const m = expClamped(e);
      eta0[i] = e;
      mu0[i] = m;
      // The term of deviance() without its 2·wt factor, computed as there.
      dev0[i] = (yi > 0 ? yi * Math.log(yi / m) : 0) - (yi - m);
    }
    ws.startOf = y;
    ws.startLength = n;
  }
  eta.set(eta0.subarray(0, n));
  mu.set(mu0.subarray(0, n));
  let devold = 0;
  for (let i = 0; i < n; i++) devold += 2 * (weights[i] as number) * (dev0[i] as number);
  let dev = devold;
  let converged = false;
  let iterations = 0;
  const { good, w, z, sw, tbar, zbar, beta } = ws;
  let ng = 0;
  for (let i = 0; i < n; i++) if ((weights[i] as number) > 0) good[ng++] = i;
  if (ng === 0) return null;
  // Per level (sw, tbar, zbar): Σw², weighted means of t and z.
  let stt = 0;
  const dummy0 = hasTrend ? 2 : 1;
  for (let iter = 1; iter <= maxit; iter++) {
    iterations = iter;
    sw.fill(0, 0, levels);
    tbar.fill(0, 0, levels);
    zbar.fill(0, 0, levels);
    for (let m = 0; m < ng; m++) {
      const i = good[m] as number;
      const etai = eta[i] as number;
      const mi = mu[i] as number;
      const muEta = mi;
      const zi = etai - (offset[i] as number) + ((yv[i] as number) - mi) / muEta;
      const wi = Math.sqrt(((weights[i] as number) * muEta * muEta) / mi);
      w[m] = wi;
      z[m] = zi;
      const g = group[i] as number;
      const w2 = wi * wi;
      sw[g] = (sw[g] as number) + w2;
      tbar[g] = (tbar[g] as number) + w2 * (t[i] as number);
      zbar[g] = (zbar[g] as number) + w2 * zi;
    }
    let total = 0;
    for (let g = 0; g < levels; g++) {
      const s = sw[g] as number;
      if (!(s > 0) || !Number.isFinite(s)) return null;
      total += s;
      tbar[g] = (tbar[g] as number) / s;
      zbar[g] = (zbar[g] as number) / s;
    }
    let slope = 0;
    if (hasTrend) {
      stt = 0;
      let stz = 0;
      let tt = 0;
      for (let m = 0; m < ng; m++) {
        const i = good[m] as number;
        const g = group[i] as number;
        const wm = w[m] as number;
        const w2 = wm * wm;
        const ti = t[i] as number;
        const dt = ti - (tbar[g] as number);
        stt += w2 * dt * dt;
        stz += w2 * dt * ((z[m] as number) - (zbar[g] as number));
        tt += w2 * ti * ti;
      }
      // The trend's part orthogonal to the level dummies (and the intercept in their span).
      if (!(stt > GROUPED_CONDITION * GROUPED_CONDITION * tt)) return null;
      slope = stz / stt;
      beta[1] = slope;
    }
    // Conditioning of the intercept and of each dummy: 1 / (XᵀWX)⁻¹_jj against the squared column norm.
    const s0 = sw[0] as number;
    const t0 = tbar[0] as number;
    const c00 = 1 / s0 + (hasTrend ? (t0 * t0) / stt : 0);
    if (!(1 / c00 > GROUPED_CONDITION * GROUPED_CONDITION * total)) return null;
    for (let g = 1; g < levels; g++) {
      const dt = (tbar[g] as number) - t0;
      const cgg = 1 / (sw[g] as number) + 1 / s0 + (hasTrend ? (dt * dt) / stt : 0);
      if (!(1 / cgg > GROUPED_CONDITION * GROUPED_CONDITION * (sw[g] as number))) return null;
    }
    const alpha0 = (zbar[0] as number) - slope * t0;
    beta[0] = alpha0;
    for (let g = 1; g < levels; g++) beta[dummy0 + g - 1] = (zbar[g] as number) - slope * (tbar[g] as number) - alpha0;
    for (let j = 0; j < p; j++) if (!Number.isFinite(beta[j] as number)) return null;
    const b0 = beta[0] as number;
    const b1 = beta[1] as number;
    for (let i = 0; i < n; i++) {
      // x·β in column order, as the dense fit sums it (0 + β0, then + t·β1, then + β of the row's dummy).
      let s = 0 + b0;
      if (hasTrend) {
        const ti = t[i] as number;
        if (ti !== 0) s = s + ti * b1;
      }
      const g = group[i] as number;
      if (g > 0) s = s + (beta[dummy0 + g - 1] as number);
      eta[i] = s + (offset[i] as number);
      mu[i] = expClamped(eta[i] as number);
    }
    dev = deviance(yv, mu, weights, n);
    if (Math.abs(dev - devold) / (Math.abs(dev) + 0.1) < epsilon) {
      converged = true;
      break;
    }
    devold = dev;
  }
  const coefficients = new Array<number | null>(p);
  const kept = new Array<number>(p);
  for (let j = 0; j < p; j++) {
    coefficients[j] = beta[j] as number;
    kept[j] = j;
  }
  // (XᵀWX)⁻¹ from the level intercepts α and slope: Cov(α_l, α_m) = δ/Σw²_l + t̄_l·t̄_m/Stt, Cov(α_l, slope) = −t̄_l/Stt,
  // then β0 = α0, β_l = α_l − α0.
  const s0 = sw[0] as number;
  const t0 = tbar[0] as number;
  const covUnscaled: number[][] = [];
  for (let j = 0; j < p; j++) covUnscaled.push(new Array<number>(p).fill(0));
  const set = (a: number, b: number, v: number): void => {
    (covUnscaled[a] as number[])[b] = v;
    (covUnscaled[b] as number[])[a] = v;
  };
  set(0, 0, 1 / s0 + (hasTrend ? (t0 * t0) / stt : 0));
  if (hasTrend) {
    set(0, 1, -t0 / stt);
    set(1, 1, 1 / stt);
  }
  for (let g = 1; g < levels; g++) {
    const a = dummy0 + g - 1;
    const dg = (tbar[g] as number) - t0;
    set(0, a, -1 / s0 + (hasTrend ? (t0 * dg) / stt : 0));
    if (hasTrend) set(1, a, -dg / stt);
    for (let h = g; h < levels; h++) {
      const dh = (tbar[h] as number) - t0;
      set(a, dummy0 + h - 1, (h === g ? 1 / (sw[g] as number) : 0) + 1 / s0 + (hasTrend ? (dg * dh) / stt : 0));
    }
  }
  const wt = ws.wt;
  wt.fill(0, 0, n);
  for (let m = 0; m < ng; m++) {
    const wm = w[m] as number;
    wt[good[m] as number] = wm * wm;
  }
  const dfResidual = ng - p;
  const { fitted, workingResiduals, dispersion } = finalFitStatistics(yv, mu, wt, n, dfResidual, family);
  // Hat values w²·(1/Σw²_level + (t − t̄_level)²/Stt): the leverage of the within-level regression.
  const hat = new Array<number>(n).fill(0);
  for (let m = 0; m < ng; m++) {
    const i = good[m] as number;
    const g = group[i] as number;
    const wm = w[m] as number;
    let q = 1 / (sw[g] as number);
    if (hasTrend) {
      const dt = (t[i] as number) - (tbar[g] as number);
      q += (dt * dt) / stt;
    }
    const h = wm * wm * q;
    hat[i] = h > 1 - 10 * EPS ? 1 : h;
  }
  return {
    family,
    coefficients,
    kept,
    covUnscaled,
    dispersion,
    dfResidual,
    rank: p,
    converged,
    iterations,
    deviance: dev,
    fitted,
    hat,
    y,
    workingResiduals,
  };
}

/** R's fitted values, working residuals and dispersion (Pearson, for quasi-Poisson; 1 for Poisson) from the final fit. */
function finalFitStatistics(
  yv: ArrayLike<number>,
  mu: ArrayLike<number>,
  wt: ArrayLike<number>,
  n: number,
  dfResidual: number,
  family: GlmFamily,
): { fitted: number[]; workingResiduals: number[]; dispersion: number } {
  const fitted = new Array<number>(n);
  const workingResiduals = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    fitted[i] = mu[i] as number;
    workingResiduals[i] = ((yv[i] as number) - (mu[i] as number)) / (mu[i] as number);
  }
  if (family !== 'quasipoisson') return { fitted, workingResiduals, dispersion: 1 };
  if (dfResidual <= 0) return { fitted, workingResiduals, dispersion: Number.NaN };
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const wti = wt[i] as number;
    if (wti > 0) {
      const res = workingResiduals[i] as number;
      sum += wti * res * res;
    }
  }
  return { fitted, workingResiduals, dispersion: sum / dfResidual };
}
