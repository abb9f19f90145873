import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GammaError, gammaCdf, gammaDensity, gammaQuantile, lnGamma, regularizedGammaP, regularizedGammaQ } from './gamma.js';

// Reference values printed by R 4.2.2 with sprintf("%.17g"): lgamma, pgamma (both tails) and qgamma.
function expectRelative(actual: number, expected: number, tolerance: number): void {
  const scale = Math.max(Math.abs(expected), Number.MIN_VALUE);
  expect(Math.abs(actual - expected) / scale, `${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);
}

describe('lnGamma', () => {
  const cases: [number, number][] = [
    [0.001, 6.9071788853838534],
    [0.5, 0.57236494292470008],
    [1.5, -0.12078223763524518],
    [3.7, 1.4280723266653881],
    [9.99, 12.779315214350193],
    [10, 12.801827480081469],
    [100.3, 360.51470572905811],
    [1e6, 12815504.569147611],
    [-0.5, 1.2655121234846454],
    [-2.5, -0.056243716497674033],
  ];
  // Absolute error, because that is what reaches Γ = exp(lnΓ) as a relative error: near the zeros of lnΓ (x = 1, 2)
  // the recurrence subtracts two numbers of about 12.8 and keeps only ~2e-15 absolute accuracy.
  it.each(cases)('lnGamma(%d) matches R lgamma', (x, expected) => {
    expect(Math.abs(lnGamma(x) - expected)).toBeLessThan(4e-15 * Math.max(1, Math.abs(expected)));
  });

  it('is exact enough at its zeros and infinite at the poles', () => {
    expect(Math.abs(lnGamma(1))).toBeLessThan(4e-15);
    expect(Math.abs(lnGamma(2))).toBeLessThan(4e-15);
    expect(lnGamma(0)).toBe(Infinity);
    expect(lnGamma(-3)).toBe(Infinity);
  });

  it('satisfies the recurrence lnΓ(x+1) = lnΓ(x) + ln x', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 1e4, noNaN: true }), (x) => {
        expect(Math.abs(lnGamma(x + 1) - lnGamma(x) - Math.log(x))).toBeLessThan(1e-12 * Math.max(1, Math.abs(lnGamma(x + 1))));
      }),
    );
  });
});

describe('regularized incomplete gamma', () => {
  // [a, x, P(a, x), Q(a, x)] from R's pgamma(x, a) and pgamma(x, a, lower.tail = FALSE).
  const cases: [number, number, number, number][] = [
    [0.5, 0.1, 0.34527915398142295, 0.65472084601857694],
    [0.1, 0.001, 0.52676856839244501, 0.47323143160755488],
    [1, 1, 0.63212055882855767, 0.36787944117144233],
    [3, 2.5, 0.45618688411667041, 0.54381311588332959],
    [10, 3, 0.0011024881301154794, 0.99889751186988451],
    [10, 25, 0.99977852336175121, 0.0002214766382487836],
    [50.5, 50, 0.49057549602811623, 0.50942450397188377],
    [1000, 950, 0.055054686230738024, 0.94494531376926194],
    [100000, 100300, 0.82863631125120774, 0.17136368874879232],
    [2.5, 40, 0.99999999999999911, 8.3918251148316106e-16],
    [0.01, 1e-20, 0.63455792054899673, 0.36544207945100327],
  ];
  it.each(cases)('P(%d, %d) and Q match R pgamma in both tails', (a, x, p, q) => {
    expectRelative(regularizedGammaP(a, x), p, 1e-12);
    expectRelative(regularizedGammaQ(a, x), q, 1e-12);
  });

  it('handles the ends of the support and rejects a bad shape', () => {
    expect(regularizedGammaP(2, 0)).toBe(0);
    expect(regularizedGammaP(2, -1)).toBe(0);
    expect(regularizedGammaP(2, Infinity)).toBe(1);
    expect(regularizedGammaQ(2, -1)).toBe(1);
    expect(() => regularizedGammaP(0, 1)).toThrow(GammaError);
    expect(() => regularizedGammaP(-1, 1)).toThrow(/shape must be a positive/);
  });

  it('P + Q = 1 and P increases with x', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 1e4, noNaN: true }), fc.double({ min: 0, max: 2e4, noNaN: true }), (a, x) => {
        const p = regularizedGammaP(a, x);
        expect(Math.abs(p + regularizedGammaQ(a, x) - 1)).toBeLessThan(1e-14);
        expect(regularizedGammaP(a, x * 1.01 + 1e-9)).toBeGreaterThanOrEqual(p);
      }),
    );
  });
});

describe('gamma distribution', () => {
  it('the CDF and density use the scale like R', () => {
    expectRelative(gammaCdf(2.5 * 0.3, 3, 0.3), 0.45618688411667041, 1e-12);
    // dgamma(1.2, shape = 3, scale = 0.5) = 1.2² e^(−2.4) / (Γ(3) 0.5³)
    expectRelative(gammaDensity(1.2, 3, 0.5), (1.44 * Math.exp(-2.4)) / (2 * 0.125), 1e-13);
    expect(gammaDensity(-1, 3, 0.5)).toBe(0);
    expect(() => gammaCdf(1, 2, 0)).toThrow(/scale must be a positive/);
  });

  // [p, shape, qgamma(p, shape)] from R.
  const quantiles: [number, number, number][] = [
    [1e-10, 0.05, 5.8446320572867292e-201],
    [0.025, 0.05, 5.3156618899143203e-33],
    [0.5, 0.05, 5.5738784407462583e-7],
    [0.975, 0.05, 0.56717376175385836],
    [1 - 1e-10, 0.05, 17.298040924980732],
    [1e-10, 0.5, 7.8539816339744674e-21],
    [0.025, 0.5, 0.00049103455858762809],
    [0.5, 0.5, 0.22746821155978642],
    [0.975, 0.5, 2.5119430936574423],
    [1 - 1e-10, 0.5, 20.910728101491305],
    [1e-10, 1, 1.0000000000499988e-10],
    [0.025, 1, 0.025317807984289876],
    [0.5, 1, 0.69314718055994529],
    [0.975, 1, 3.6888794541139354],
    [1 - 1e-10, 1, 23.02585084720009],
    [1e-10, 4, 0.0070090884571795287],
    [0.025, 4, 1.0898653736263249],
    [0.5, 4, 3.6720607488508961],
    [0.975, 4, 8.7672730697423233],
    [1 - 1e-10, 4, 31.698982114487141],
    [1e-10, 18, 2.3813518777248706],
    [0.025, 18, 10.66794078039953],
    [0.5, 18, 17.667786417788459],
    [0.975, 18, 27.218646815906613],
    [1 - 1e-10, 18, 59.236157509715405],
    [1e-10, 137, 75.143680680482191],
    [0.025, 137, 115.02053443379853],
    [0.5, 137, 136.6668112342507],
    [0.975, 137, 160.8727746907376],
    [1 - 1e-10, 137, 225.07427028191216],
    [1e-10, 5000, 4563.255901211628],
    [0.025, 5000, 4862.3591886948989],
    [0.5, 5000, 4999.666670617572],
    [0.975, 5000, 5139.5350899437954],
    [1 - 1e-10, 5000, 5463.0526453776311],
    [1e-10, 1e6, 993651.8087301997],
    [0.025, 1e6, 998040.98334029387],
    [0.5, 1e6, 999999.66666668642],
    [0.975, 1e6, 1001960.9109654503],
    [1 - 1e-10, 1e6, 1006374.5023496342],
  ];
  it.each(quantiles)('qgamma(%d, %d) matches R', (p, shape, expected) => {
    expectRelative(gammaQuantile(p, shape), expected, 1e-10);
    expectRelative(gammaQuantile(p, shape, 0.25), 0.25 * expected, 1e-10);
  });

  it('has the limits of R at p = 0 and p = 1, and rejects a probability outside [0, 1]', () => {
    expect(gammaQuantile(0, 3)).toBe(0);
    expect(gammaQuantile(1, 3)).toBe(Infinity);
    expect(() => gammaQuantile(1.5, 3)).toThrow(/probability must be in \[0, 1\]/);
    expect(() => gammaQuantile(NaN, 3)).toThrow(GammaError);
  });

  it('the quantile inverts the CDF to about 1e-10 relative', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-3, max: 1e5, noNaN: true }),
        fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        (shape, p, scale) => {
          const x = gammaQuantile(p, shape, scale);
          expect(Number.isFinite(x) && x >= 0).toBe(true);
          // Compare in the tail where the probability is small, as a relative error of p.
          const got = p <= 0.5 ? gammaCdf(x, shape, scale) : regularizedGammaQ(shape, x / scale);
          const want = p <= 0.5 ? p : 1 - p;
          if (x > 1e-300) expect(Math.abs(got - want) / want).toBeLessThan(1e-10);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('quantiles are monotone in p', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 1e4, noNaN: true }), fc.double({ min: 0.001, max: 0.998, noNaN: true }), (shape, p) => {
        expect(gammaQuantile(p, shape)).toBeLessThanOrEqual(gammaQuantile(p + 0.001, shape));
      }),
    );
  });
});
