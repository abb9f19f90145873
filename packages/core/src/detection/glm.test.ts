import { describe, expect, it } from 'vitest';
import { negativeBinomialCdf, negativeBinomialQuantile, poissonCdf, poissonQuantile, studentTCdf } from './discrete-quantiles.js';
import { GlmError, coefficientSe, fitGroupedPoissonGlm, fitPoissonGlm, groupedDesign, predictLink } from './glm.js';

// Reference values from R 4.2.2:
//   y <- c(3, 5, 2, 0, 4, 6, 1, 3, 9, 2, 7, 0, 4, 5); t <- 0:13; g <- factor(rep(c(1, 2), 7))
//   w <- c(1, 1, 0.5, 1, 1, 2, 1, 1, 0.3, 1, 1, 1, 1, 1)
//   m <- glm(y ~ t + g, family = quasipoisson, weights = w)
const Y = [3, 5, 2, 0, 4, 6, 1, 3, 9, 2, 7, 0, 4, 5];
const W = [1, 1, 0.5, 1, 1, 2, 1, 1, 0.3, 1, 1, 1, 1, 1];
const X = Y.map((_, t) => [1, t, t % 2 === 1 ? 1 : 0]);

const close = (actual: number, expected: number, tolerance = 1e-12): void => {
  expect(Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300)).toBeLessThan(tolerance);
};

describe('fitPoissonGlm (R glm.fit, log link)', () => {
  const fit = fitPoissonGlm({ x: X, y: Y, weights: W, family: 'quasipoisson' });

  it('matches coef, dispersion, cov.unscaled, hatvalues and iterations of R', () => {
    const coef = [1.2710119022692326, 0.014997324795849898, -0.15747721001751655];
    for (const [j, c] of coef.entries()) close(fit.coefficients[j] ?? Number.NaN, c, 1e-10);
    close(fit.dispersion, 1.8245438284824573, 1e-10);
    close(fit.covUnscaled[0]?.[0] ?? Number.NaN, 0.09548425624075947, 1e-10);
    close(fit.covUnscaled[1]?.[2] ?? Number.NaN, -0.0007654081823418471, 1e-10);
    close(fit.covUnscaled[2]?.[2] ?? Number.NaN, 0.081551308395484, 1e-10);
    close(fit.hat[0] ?? Number.NaN, 0.3403495589781506, 1e-10);
    close(fit.hat[8] ?? Number.NaN, 0.057206051155805536, 1e-10);
    expect(fit.iterations).toBe(5);
    expect(fit.converged).toBe(true);
    expect(fit.dfResidual).toBe(11);
  });

  it('predicts on the link scale with the standard error of predict.glm', () => {
    const p = predictLink(fit, [1, 14, 1]);
    close(p.fit, 1.3234972393936146, 1e-10);
    close(p.seFit, 0.42677983044434603, 1e-10);
  });

  it('gives summary.glm standard errors for the poisson family (dispersion 1)', () => {
    const m = fitPoissonGlm({ x: X.map((r) => [r[0] ?? 1, r[1] ?? 0]), y: Y, family: 'poisson' });
    close(m.coefficients[1] ?? Number.NaN, 0.028431130871067811, 1e-10);
    close(coefficientSe(m, 0) ?? Number.NaN, 0.28024755346314728, 1e-10);
    close(coefficientSe(m, 1) ?? Number.NaN, 0.034874915443092708, 1e-10);
    expect(m.dispersion).toBe(1);
  });

  it('drops a linearly dependent column (R: NA coefficient)', () => {
    const m = fitPoissonGlm({ x: X.map((r) => [1, r[1] ?? 0, 2 * (r[1] ?? 0)]), y: Y });
    expect(m.coefficients[2]).toBeNull();
    expect(m.rank).toBe(2);
    close(m.coefficients[1] ?? Number.NaN, 0.028431130871067811, 1e-10);
  });

  it('rejects bad input', () => {
    expect(() => fitPoissonGlm({ x: [[1]], y: [-1] })).toThrow(GlmError);
    expect(() => fitPoissonGlm({ x: [[1], [1]], y: [1] })).toThrow(GlmError);
  });
});

describe('fitGroupedPoissonGlm (intercept, trend and one factor, in closed form)', () => {
  const T = Y.map((_, t) => t);
  const G = Y.map((_, t) => t % 2);
  const grouped = fitGroupedPoissonGlm({ y: Y, trend: T, group: G, levels: 2, weights: W, family: 'quasipoisson' });
  const dense = fitPoissonGlm({ x: X, y: Y, weights: W, family: 'quasipoisson' });

  it('matches R and the QR fit to rounding: coefficients, cov.unscaled, hat values, dispersion, prediction', () => {
    const coef = [1.2710119022692326, 0.014997324795849898, -0.15747721001751655];
    for (const [j, c] of coef.entries()) close(grouped.coefficients[j] ?? Number.NaN, c, 1e-10);
    close(grouped.dispersion, 1.8245438284824573, 1e-10);
    expect(grouped.iterations).toBe(dense.iterations);
    expect(grouped.kept).toEqual([0, 1, 2]);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) close(grouped.covUnscaled[i]?.[j] ?? Number.NaN, dense.covUnscaled[i]?.[j] ?? Number.NaN, 1e-12);
    }
    for (const [i, h] of dense.hat.entries()) close(grouped.hat[i] ?? Number.NaN, h, 1e-12);
    for (const [i, f] of dense.fitted.entries()) close(grouped.fitted[i] ?? Number.NaN, f, 1e-13);
    close(predictLink(grouped, [1, 14, 1]).seFit, 0.42677983044434603, 1e-10);
  });

  it('builds the same design as model.matrix (intercept, trend, treatment dummies)', () => {
    expect(groupedDesign({ y: Y, trend: T, group: G, levels: 2 })).toEqual(X);
    expect(groupedDesign({ y: [1, 2], trend: null, group: [2, 0], levels: 3 })).toEqual([
      [1, 0, 1],
      [1, 0, 0],
    ]);
  });

  it('fits without trend and with an offset as the QR fit does', () => {
    const offset = Y.map((_, i) => Math.log(1000 + 10 * i));
    const g = Y.map((_, i) => i % 3);
    const a = fitGroupedPoissonGlm({ y: Y, trend: null, group: g, levels: 3, offset });
    const b = fitPoissonGlm({ x: groupedDesign({ y: Y, trend: null, group: g, levels: 3 }), y: Y, offset });
    for (const [j, c] of b.coefficients.entries()) close(a.coefficients[j] ?? Number.NaN, c ?? Number.NaN, 1e-12);
    close(a.dispersion, b.dispersion, 1e-12);
  });

  it("leaves a design with a column in the others' span to the QR fit, which drops it as R does", () => {
    // The trend is constant within each level: it lies in the span of the intercept and the dummy.
    const t = G.map((g) => 5 * g);
    const a = fitGroupedPoissonGlm({ y: Y, trend: t, group: G, levels: 2 });
    const b = fitPoissonGlm({ x: groupedDesign({ y: Y, trend: t, group: G, levels: 2 }), y: Y });
    expect(a).toEqual(b);
    expect(a.coefficients[2]).toBeNull();
  });
});

describe('discrete quantiles and t distribution (R stats)', () => {
  it('walks to the same quantile as the full CDF at every y, also far from the Cornish-Fisher start', () => {
    const fuzz = 1 - 64 * 2.220446049250313e-16;
    const smallest = (p: number, cdf: (y: number) => number) => {
      let y = 0;
      while (cdf(y) < p * fuzz) y++;
      return y;
    };
    for (const [p, mean, phi] of [
      [0.95, 3.2, 1.7],
      [0.95, 412.7, 2.9],
      [0.99, 2731.2, 40.5],
      [0.9, 57.3, 1.0000001],
      [0.999, 0.4, 12],
    ] as const) {
      const size = mean / (phi - 1);
      expect(negativeBinomialQuantile(p, size, 1 / phi), `${p} ${mean} ${phi}`).toBe(
        smallest(p, (y) => negativeBinomialCdf(y, size, 1 / phi)),
      );
      expect(poissonQuantile(p, mean), `${p} ${mean}`).toBe(smallest(p, (y) => poissonCdf(y, mean)));
    }
  });

  it('matches qnbinom, qpois and pt', () => {
    expect(negativeBinomialQuantile(0.95, 2.3 / 0.7, 1 / 1.7)).toBe(6);
    expect(negativeBinomialQuantile(0.95, 1234.5 / 2.1, 1 / 3.1)).toBe(1338);
    expect(poissonQuantile(0.95, 0.37)).toBe(2);
    expect(poissonQuantile(0.999, 2500.2)).toBe(2656);
    close(studentTCdf(-2.1, 17), 0.025479923614567006, 1e-12);
  });
});
