import { describe, expect, it } from 'vitest';
import { normalQuantile } from './normal.js';

// Reference values: sprintf("%.17g", qnorm(p)) in R 4.2.2.
const R_QNORM: readonly (readonly [number, number])[] = [
  [1 - 0.001, 3.0902323061678132],
  [1 - 0.025, 1.9599639845400536],
  [1 - 0.01, 2.3263478740408408],
  [1 - 0.05, 1.6448536269514715],
  [1 - 0.9, -1.2815515655446008],
  [1 - 1e-10, 6.3613408896974208],
  [1e-300, -37.047096299361201],
  [1e-20, -9.2623400897984052],
  [0.02425, -1.9729610513118845],
  [0.3, -0.52440051270804067],
  [0.7, 0.52440051270804067],
  [0.97575, 1.9729610513118847],
  [0.999999, 4.7534243088170891],
];

describe('normalQuantile', () => {
  it('matches R qnorm to double precision across the central region and both tails', () => {
    for (const [p, expected] of R_QNORM) {
      expect(Math.abs(normalQuantile(p) - expected)).toBeLessThanOrEqual(4 * Number.EPSILON * Math.abs(expected));
    }
  });
  it('gives 0 at the median, infinities at 0 and 1 and NaN outside [0, 1], as R does', () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(normalQuantile(1 - 1e-300)).toBe(Number.POSITIVE_INFINITY);
    expect(normalQuantile(-0.1)).toBeNaN();
    expect(normalQuantile(1.1)).toBeNaN();
    expect(normalQuantile(Number.NaN)).toBeNaN();
  });
  it('is antisymmetric around the median (p chosen so that 1 - p is exact)', () => {
    for (const p of [2 ** -40, 0.001, 0.1, 0.3, 0.49]) expect(normalQuantile(1 - p)).toBeCloseTo(-normalQuantile(p), 9);
  });
});
