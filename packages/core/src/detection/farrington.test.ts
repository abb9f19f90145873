import { expectGoldenMatch, readGoldenCases } from './golden.test-support.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Farrington1996Error,
  farrington1996,
  parseFarrington1996Params,
  resolveFarrington1996Control,
  type Farrington1996Control,
} from './farrington.js';

const goldenCases = readGoldenCases(['cases.csv', 'cases-farrington1996-accord.csv'], ['farrington']);

describe('farrington (Farrington et al. 1996) golden cases (R surveillance 1.20.3)', () => {
  it('has cases', () => {
    expect(goldenCases.length).toBeGreaterThanOrEqual(4);
  });
  for (const gc of goldenCases) {
    it(gc.case, () => {
      const maxError = expectGoldenMatch(gc, (name, input) => {
        const series = input.series.get(name)!;
        return farrington1996(
          { counts: series.counts, start: input.periods[0] ?? '' },
          { ...parseFarrington1996Params(input.params), range: input.range },
        );
      });
      // The golden files carry 15 significant digits: we reproduce R to rounding, so guard that too.
      expect(maxError).toBeLessThan(1e-12);
    });
  }
});

describe('farrington parameters', () => {
  it('fills in R defaults and the default range (freq · b − w, 1-based)', () => {
    const c = resolveFarrington1996Control({}, 400);
    expect(c).toMatchObject({ b: 5, w: 3, alpha: 0.05, reweight: true, trend: true, powertrans: '2/3', limit54: [5, 4] });
    expect(c.range).toEqual({ from: 256, to: 399 });
  });
  it('rejects unknown names and bad values with the valid list', () => {
    expect(() => resolveFarrington1996Control({ bb: 2 } as Farrington1996Control, 10)).toThrow(/did you mean "b"/);
    expect(() => resolveFarrington1996Control({ alpha: 0 }, 10)).toThrow(Farrington1996Error);
    expect(() => resolveFarrington1996Control({ powertrans: 'x' as '2/3' }, 10)).toThrow(/2\/3, 1\/2, none/);
    expect(() => resolveFarrington1996Control({ limit54: [5, 0] }, 10)).toThrow(/limit54/);
    expect(() => parseFarrington1996Params({ noPeriods: '3' })).toThrow(/unknown farrington parameter "noPeriods".*valid parameters: b/);
    expect(() => parseFarrington1996Params({ trnd: 'TRUE' })).toThrow(/did you mean "trend"/);
    expect(() => parseFarrington1996Params({ reweight: 'maybe' })).toThrow(/TRUE or FALSE/);
  });
  it('parses --param text', () => {
    expect(parseFarrington1996Params({ b: '2', trend: 'FALSE', limit54: 'c(3,2)', powertrans: '1/2', alpha: '0.01' })).toEqual({
      b: 2,
      trend: false,
      limit54: [3, 2],
      powertrans: '1/2',
      alpha: 0.01,
    });
  });
  it('marks weeks where R stops as undefined, and reports upperbound 0 under limit54 as R does', () => {
    const counts = Array.from({ length: 60 }, (_, i) => (i >= 56 ? 0 : 5));
    const rows = farrington1996({ counts, start: '2020-01-06' }, { b: 1, range: { from: 0, to: 59 } });
    expect(rows[0]).toMatchObject({ expected: null, upperbound: null, alarm: null, reason: 'insufficient-history' });
    // Where R stops: one reference week (aliased trend), two (no residual df: NaN φ fails the reweighting).
    expect(rows[49]).toMatchObject({ upperbound: null, alarm: null, reason: 'not-a-number' });
    expect(rows[50]).toMatchObject({ upperbound: null, alarm: null, reason: 'not-a-number' });
    // R (surveillance 1.20.3), range 52:60: 10.83662 … 10.35446, then 0 under limit54; pd[, 2] = 5.
    expect(rows[51]?.upperbound).toBeCloseTo(10.83662, 5);
    expect(rows[55]?.upperbound).toBeCloseTo(10.35446, 5);
    expect(rows[59]).toMatchObject({ upperbound: 0, alarm: 0, reason: null });
    expect(rows[59]?.expected).toBeCloseTo(5, 10);
  });
});

describe('farrington properties', () => {
  const weeks = fc.array(fc.option(fc.integer({ min: 0, max: 60 }), { nil: null, freq: 15 }), { minLength: 120, maxLength: 130 });
  const control = fc.record({
    trend: fc.boolean(),
    reweight: fc.boolean(),
    powertrans: fc.constantFrom('2/3' as const, '1/2' as const, 'none' as const),
  });
  it('never returns NaN, keeps upperbound >= 0, and is deterministic', () => {
    fc.assert(
      fc.property(weeks, control, (counts, ctl) => {
        const series = { counts, start: '2015-01-05' };
        const full: Farrington1996Control = { ...ctl, b: 2, range: { from: 100, to: counts.length - 1 } };
        const rows = farrington1996(series, full);
        for (const row of rows) {
          for (const v of [row.expected, row.upperbound]) if (v !== null) expect(Number.isFinite(v)).toBe(true);
          if (row.upperbound !== null) expect(row.upperbound).toBeGreaterThanOrEqual(0);
          if (row.upperbound === null) expect(row.reason).not.toBeNull();
        }
        expect(farrington1996(series, full)).toEqual(rows);
      }),
      { numRuns: 40 },
    );
  });
});
