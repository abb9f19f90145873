import { describe, expect, it } from 'vitest';
import { negativeBinomialQuantile, poissonQuantile, studentTCdf } from './discrete-quantiles.js';
import { GlmError, coefficientSe, fitPoissonGlm, predictLink } from './glm.js';

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

describe('discrete quantiles and t distribution (R stats)', () => {
  it('matches qnbinom, qpois and pt', () => {
    expect(negativeBinomialQuantile(0.95, 2.3 / 0.7, 1 / 1.7)).toBe(6);
    expect(negativeBinomialQuantile(0.95, 1234.5 / 2.1, 1 / 3.1)).toBe(1338);
    expect(poissonQuantile(0.95, 0.37)).toBe(2);
    expect(poissonQuantile(0.999, 2500.2)).toBe(2656);
    close(studentTCdf(-2.1, 17), 0.025479923614567006, 1e-12);
  });
});
