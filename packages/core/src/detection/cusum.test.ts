import { expectGoldenMatch, readGoldenCases, relativeError } from './golden.test-support.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CusumError, cusum, parseCusumParams, resolveCusumControl, type CusumControl } from './cusum.js';

// `expected` is R's control$m, the in-control mean the CUSUM measures departures from (by default the mean of the
// weeks before the range): the method's baseline expectation in the sense of data/golden/README.md.

// A small series with a missing week (index 8); values from R 4.2.2, surveillance 1.20.3:
// cusum(sts(observed = matrix(y), frequency = 52), control = list(range = <R's 1-based range>, ...)).
const Y: readonly (number | null)[] = [3, 5, 2, 0, 4, 6, 1, 3, null, 2, 7, 0, 0, 0, 9, 2];
const Z: readonly (number | null)[] = [0, 0, 0, 0, 0, 3, 0, 0, 1, 0];
const NA = null;
const R_EDGE: readonly {
  name: string;
  counts: readonly (number | null)[];
  control: CusumControl;
  m: number | null;
  upperbound: readonly number[];
  alarm: readonly (0 | 1 | null)[];
}[] = [
  {
    name: 'defaults',
    counts: Y,
    control: { range: { from: 1, to: 7 } },
    m: 3,
    upperbound: [9, 9, 9, 9, 9, 8, 9],
    alarm: [0, 0, 0, 0, 0, 0, 0],
  },
  {
    name: 'a missing week makes every later alarm NA and upperbound 0',
    counts: Y,
    control: { range: { from: 4, to: 15 } },
    m: 2.5,
    upperbound: [8, 8, 6, 8, 8, 0, 0, 0, 0, 0, 0, 0],
    alarm: [0, 0, 0, 0, NA, NA, NA, NA, NA, NA, NA, NA],
  },
  {
    name: 'a missing week before the range makes m NA',
    counts: Y,
    control: { range: { from: 11, to: 15 } },
    m: null,
    upperbound: [0, 0, 0, 0, 0],
    alarm: [NA, NA, NA, NA, NA],
  },
  {
    name: 'rossi',
    counts: Y,
    control: { range: { from: 4, to: 15 }, trans: 'rossi' },
    m: 2.5,
    upperbound: [8.640231643909285, 8.640231643909285, 6.75775922962438, 8.640231643909285, 8.640231643909285, 0, 0, 0, 0, 0, 0, 0],
    alarm: [0, 0, 0, 0, NA, NA, NA, NA, NA, NA, NA, NA],
  },
  {
    name: 'm = 0 and a zero count: 0/0',
    counts: Z,
    control: { range: { from: 4, to: 9 } },
    m: 0,
    upperbound: [0, 0, 0, 0, 0, 0],
    alarm: [NA, NA, NA, NA, NA, NA],
  },
  {
    name: 'm = 0, anscombe',
    counts: Z,
    control: { range: { from: 4, to: 9 }, trans: 'anscombe' },
    m: 0,
    upperbound: [0, 0, 0, 0, 0, 0],
    alarm: [NA, NA, NA, NA, NA, NA],
  },
  {
    name: 'a range from the first week: m is that week (R: observed[1:0])',
    counts: Y,
    control: { range: { from: 0, to: 5 }, k: 0.5, h: 3 },
    m: 3,
    upperbound: [10, 10, 8, 10, 10, 9],
    alarm: [0, 0, 0, 0, 0, 0],
  },
];

describe('cusum against R on missing weeks, m = 0 and the first week', () => {
  for (const c of R_EDGE) {
    it(c.name, () => {
      const rows = cusum(c.counts, c.control);
      expect(rows.map((r) => r.upperbound)).toHaveLength(c.upperbound.length);
      rows.forEach((row, i) => {
        expect(relativeError(row.upperbound, c.upperbound[i] ?? Number.NaN)).toBeLessThanOrEqual(1e-14);
        expect(row.alarm).toBe(c.alarm[i]);
        expect(row.expected).toBe(c.m);
        if (row.alarm === null || row.expected === null) expect(row.reason).not.toBeNull();
      });
    });
  }
  it('names why a value is undefined', () => {
    const rows = cusum(Y, { range: { from: 4, to: 15 } });
    expect(rows[4]).toMatchObject({ index: 8, count: null, upperbound: 8, alarm: null, cusum: null, reason: 'missing-data' });
    expect(rows[5]).toMatchObject({ upperbound: 0, alarm: null, reason: 'missing-data' });
    expect(cusum(Z, { range: { from: 4, to: 4 } })[0]).toMatchObject({ expected: 0, alarm: null, reason: 'not-a-number' });
    expect(cusum(Y, { range: { from: 1, to: 7 } }).every((r) => r.reason === null)).toBe(true);
    // A positive count over m = 0 is an infinite excess: R alarms.
    expect(cusum([0, 0, 2], { range: { from: 2 } })[0]).toMatchObject({ expected: 0, upperbound: 0, alarm: 1, cusum: Infinity });
  });
});

describe('cusum control', () => {
  it("uses R's defaults: k 1.04, h 2.26, trans standard, alpha 0.1, m from the weeks before the range", () => {
    expect(resolveCusumControl({}, 30)).toEqual({ range: { from: 1, to: 29 }, k: 1.04, h: 2.26, m: null, trans: 'standard', alpha: 0.1 });
    expect(cusum([1, 2, 3]).map((r) => r.index)).toEqual([1, 2]);
    expect(cusum([1])).toEqual([]);
    expect(cusum([])).toEqual([]);
  });
  it('takes m as a number or one number per week', () => {
    const counts = [1, 2, 3, 4, 5, 6];
    expect(cusum(counts, { range: { from: 3 }, m: 2 }).map((r) => r.expected)).toEqual([2, 2, 2]);
    expect(cusum(counts, { range: { from: 3 }, m: [1, 2, 3] }).map((r) => r.expected)).toEqual([1, 2, 3]);
    expect(() => cusum(counts, { range: { from: 3 }, m: [1, 2] })).toThrow(/one number per week of the range \(3\)/);
    expect(() => cusum(counts, { m: 'glm' })).toThrow(/m=glm is not supported yet/);
    expect(() => cusum(counts, { range: { from: 3 }, m: [1, 2, 3], trans: 'anscombeNegBin' })).toThrow(/one m/);
  });
  const bad =
    (control: unknown): (() => unknown) =>
    () =>
      cusum([1, 2, 3, 4, 5], control as CusumControl);
  it('rejects unknown parameters and bad values, listing the valid ones', () => {
    expect(bad({ kk: 1 })).toThrow(CusumError);
    expect(bad({ kk: 1 })).toThrow(/unknown CUSUM parameter "kk" \(did you mean "k"\?\); valid parameters: k .*alpha/);
    expect(bad({ trans: 'log' })).toThrow(/trans must be one of standard, rossi/);
    expect(bad({ h: Number.NaN })).toThrow(/h must be a finite number/);
    expect(bad({ alpha: -1 })).toThrow(/alpha must be >= 0/);
    expect(bad({ m: '3' })).toThrow(/m must be a number/);
    expect(bad({ range: { from: 5 } })).toThrow(/range.from must be an integer week index from 0 to 4/);
    expect(bad({ range: { from: 3, to: 2 } })).toThrow(/after range.to/);
    expect(bad({ range: { start: 1 } })).toThrow(/unknown range field "start"/);
    expect(() => cusum([1, Infinity])).toThrow(/count at index 1/);
  });
  it('reads text parameters by R names', () => {
    expect(parseCusumParams({ k: '0.5', h: '4', m: '3.5', trans: 'rossi', alpha: '0.2' })).toEqual({
      k: 0.5,
      h: 4,
      m: 3.5,
      trans: 'rossi',
      alpha: 0.2,
    });
    expect(() => parseCusumParams({ H: '4' })).toThrow(/did you mean "h"\?.*valid parameters: k .*trans .*alpha/);
    expect(() => parseCusumParams({ range: '1' })).toThrow(/unknown CUSUM parameter "range"/);
    expect(() => parseCusumParams({ trans: 'rosi' })).toThrow(/did you mean "rossi"/);
    expect(() => parseCusumParams({ m: 'glm' })).toThrow(/m=glm is not supported yet/);
    expect(() => parseCusumParams({ k: '' })).toThrow(/k must be a number/);
    expect(() => parseCusumParams({ h: 'x' })).toThrow(/h must be a number/);
  });
});

describe('cusum properties', () => {
  const series = fc.array(fc.option(fc.nat({ max: 60 }), { nil: null, freq: 8 }), { minLength: 2, maxLength: 60 });
  const trans = fc.constantFrom('standard', 'rossi', 'anscombe', 'anscombe2nd', 'pearsonNegBin', 'anscombeNegBin', 'none' as const);
  it('never returns NaN, and is deterministic', () => {
    fc.assert(
      fc.property(series, trans, fc.double({ min: 0, max: 3, noNaN: true }), fc.double({ min: 0, max: 10, noNaN: true }), (y, tr, k, h) => {
        const rows = cusum(y, { trans: tr, k, h });
        for (const r of rows) {
          expect(Number.isNaN(r.upperbound)).toBe(false);
          expect(r.upperbound).toBeGreaterThanOrEqual(0);
          expect(r.expected === null || !Number.isNaN(r.expected)).toBe(true);
          expect(r.cusum === null || r.cusum >= 0).toBe(true);
        }
        expect(cusum(y, { trans: tr, k, h })).toEqual(rows);
      }),
    );
  });
  it('with trans none, scaling counts, k and h by c scales the CUSUM and h − S by c and keeps the alarms', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 50 }), { minLength: 2, maxLength: 40 }), fc.constantFrom(2, 4, 8), (y, c) => {
        const base = cusum(y, { trans: 'none', k: 3, h: 20 });
        const scaled = cusum(
          y.map((v) => v * c),
          { trans: 'none', k: 3 * c, h: 20 * c },
        );
        scaled.forEach((r, i) => {
          expect(r.alarm).toBe(base[i]?.alarm);
          expect(r.cusum).toBe((base[i]?.cusum ?? 0) * c);
          expect(r.upperbound).toBe((base[i]?.upperbound ?? 0) * c);
        });
      }),
    );
  });
  it('a larger h never adds alarms', () => {
    fc.assert(
      fc.property(series, trans, (y, tr) => {
        const low = cusum(y, { trans: tr, h: 2 });
        const high = cusum(y, { trans: tr, h: 5 });
        high.forEach((r, i) => {
          if (r.alarm === 1) expect(low[i]?.alarm).toBe(1);
        });
      }),
    );
  });
});

// Golden cases: every cusum row of cases-cusum-accord.csv (made by make-cusum-golden.R).
const goldenCases = readGoldenCases(['cases-cusum-accord.csv'], ['cusum']);

describe('cusum golden cases (R surveillance 1.20.3)', () => {
  it('covers every transformation', () => {
    const transformations = new Set(goldenCases.map((c) => /trans=(\w+)/.exec(c.params)?.[1] ?? 'standard'));
    expect(transformations).toEqual(new Set(['standard', 'rossi', 'anscombe', 'anscombe2nd', 'pearsonNegBin', 'anscombeNegBin', 'none']));
  });
  for (const gc of goldenCases) {
    it(gc.case, () => {
      const maxError = expectGoldenMatch(gc, (name, input) =>
        cusum(input.series.get(name)!.counts, { ...parseCusumParams(input.params), range: input.range }),
      );
      // The files carry 15 significant digits, so above ~1e-13 would be a real difference; anscombeNegBin alone reads
      // R's 10-digit hypergeometric table, which cusum.ts recomputes (differences up to ~1e-9 after summing).
      if (!gc.params.includes('anscombeNegBin')) expect(maxError).toBeLessThan(1e-13);
    });
  }
});
