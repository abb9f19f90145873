import { expectGoldenMatch, readGoldenCases } from './golden.test-support.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FarringtonError,
  NOUFAILY_DEFAULTS,
  farringtonFlexible,
  parseFarringtonParams,
  resolveFarringtonControl,
  type FarringtonControl,
} from './farrington-flexible.js';

const goldenCases = readGoldenCases(['cases.csv', 'cases-farrington-accord.csv'], ['farrington-flexible', 'noufaily']);

describe('farringtonFlexible golden cases (R surveillance 1.20.3)', () => {
  it('covers farrington-flexible and noufaily', () => {
    expect(new Set(goldenCases.map((c) => c.method))).toEqual(new Set(['farrington-flexible', 'noufaily']));
  });
  for (const gc of goldenCases) {
    it(gc.case, () => {
      const maxError = expectGoldenMatch(gc, (name, input) => {
        const series = input.series.get(name)!;
        return farringtonFlexible(
          { counts: series.counts, start: input.periods[0] ?? '', population: series.population },
          { ...(gc.method === 'noufaily' ? NOUFAILY_DEFAULTS : {}), ...parseFarringtonParams(input.params), range: input.range },
        );
      });
      // The golden files carry 15 significant digits: we reproduce R to rounding, so guard that too.
      expect(maxError).toBeLessThan(1e-12);
    });
  }
});

describe('farringtonFlexible parameters', () => {
  it('fills in R defaults and the default range (freq · b + w)', () => {
    const c = resolveFarringtonControl({}, 400);
    expect(c).toMatchObject({ b: 5, w: 3, alpha: 0.05, pastWeeksNotIncluded: 3, thresholdMethod: 'delta', limit54: [5, 4] });
    expect(c.range).toEqual({ from: 263, to: 399 });
  });
  it('rejects unknown names and bad values with the valid list', () => {
    expect(() => resolveFarringtonControl({ bb: 2 } as FarringtonControl, 10)).toThrow(/did you mean "b"/);
    expect(() => resolveFarringtonControl({ alpha: 1 }, 10)).toThrow(FarringtonError);
    expect(() => resolveFarringtonControl({ thresholdMethod: 'x' as 'delta' }, 10)).toThrow(/delta, nbPlugin, muan/);
    expect(() => resolveFarringtonControl({ limit54: [5, 0] }, 10)).toThrow(/limit54/);
    expect(() => parseFarringtonParams({ nPeriods: '3' })).toThrow(/did you mean "noPeriods"/);
    expect(() => parseFarringtonParams({ trend: 'maybe' })).toThrow(/TRUE or FALSE/);
  });
  it('parses --param text', () => {
    expect(
      parseFarringtonParams({ b: '2', trend: 'FALSE', limit54: 'c(3,2)', pastWeeksNotIncluded: 'NULL', thresholdMethod: 'muan' }),
    ).toEqual({
      b: 2,
      trend: false,
      limit54: [3, 2],
      pastWeeksNotIncluded: null,
      thresholdMethod: 'muan',
    });
  });
  it('marks weeks without enough history as undefined instead of failing', () => {
    const rows = farringtonFlexible(
      { counts: Array.from({ length: 60 }, () => 5), start: '2020-01-06' },
      { b: 1, range: { from: 0, to: 59 } },
    );
    expect(rows[0]).toMatchObject({ expected: null, upperbound: null, alarm: null, reason: 'insufficient-history' });
    expect(rows[59]?.upperbound).not.toBeNull();
  });
});

describe('farringtonFlexible properties', () => {
  const weeks = fc.array(fc.option(fc.integer({ min: 0, max: 60 }), { nil: null, freq: 15 }), { minLength: 120, maxLength: 130 });
  const control = fc.record({
    thresholdMethod: fc.constantFrom('delta' as const, 'nbPlugin' as const, 'muan' as const),
    noPeriods: fc.constantFrom(1, 4),
    trend: fc.boolean(),
    powertrans: fc.constantFrom('2/3' as const, '1/2' as const, 'none' as const),
  });
  it('never returns NaN, keeps upperbound >= 0, and is deterministic', () => {
    fc.assert(
      fc.property(weeks, control, (counts, ctl) => {
        const series = { counts, start: '2015-01-05' };
        const full: FarringtonControl = { ...ctl, b: 2, range: { from: 100, to: counts.length - 1 } };
        const rows = farringtonFlexible(series, full);
        for (const row of rows) {
          for (const v of [row.expected, row.upperbound]) if (v !== null) expect(Number.isFinite(v)).toBe(true);
          if (row.upperbound !== null) expect(row.upperbound).toBeGreaterThanOrEqual(0);
          if (row.upperbound === null) expect(row.reason).not.toBeNull();
        }
        expect(farringtonFlexible(series, full)).toEqual(rows);
      }),
      { numRuns: 40 },
    );
  });
});
