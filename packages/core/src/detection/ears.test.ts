import { expectGoldenMatch, readGoldenCases, relativeError } from './golden.test-support.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EarsError, earsC, parseEarsParams, resolveEarsControl, type EarsControl, type EarsMethod } from './ears.js';

// A small series with a missing week (index 8), a run of zeros and a late outbreak; expected values from R 4.2.2,
// surveillance 1.20.3: earsC(sts(matrix(y)), control = list(method, minSigma, range = (need + 1):length(y))).
const EDGE: readonly (number | null)[] = [3, 5, 2, 0, 4, 6, 1, 3, null, 2, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5, 1, 0, 9, 2];
const NA = null;
const R_EDGE: readonly {
  method: EarsMethod;
  minSigma: number;
  from: number;
  upperbound: readonly (number | null)[];
  alarm: readonly (0 | 1 | null)[];
}[] = [
  {
    method: 'C1',
    minSigma: 0,
    from: 7,
    upperbound: [
      9.6756647580388417,
      9.6756647580388417,
      NA,
      NA,
      NA,
      NA,
      NA,
      NA,
      NA,
      9.4058910295744305,
      9.1759861755376448,
      0,
      0,
      0,
      0,
      6.5542758396697467,
      6.6187402982634582,
      6.6187402982634582,
      13.058067925442911,
    ],
    alarm: [0, NA, NA, NA, NA, NA, NA, NA, NA, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0],
  },
  {
    method: 'C1',
    minSigma: 0.5,
    from: 7,
    upperbound: [
      9.6756647580388417,
      9.6756647580388417,
      NA,
      NA,
      NA,
      NA,
      NA,
      NA,
      NA,
      9.4058910295744305,
      9.1759861755376448,
      1.5451161530839066,
      1.5451161530839066,
      1.5451161530839066,
      1.5451161530839066,
      6.5542758396697467,
      6.6187402982634582,
      6.6187402982634582,
      13.058067925442911,
    ],
    alarm: [0, NA, NA, NA, NA, NA, NA, NA, NA, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0],
  },
  {
    method: 'C2',
    minSigma: 0,
    from: 9,
    upperbound: [
      9.6756647580388417,
      9.6756647580388417,
      NA,
      NA,
      NA,
      NA,
      NA,
      NA,
      NA,
      9.4058910295744305,
      9.1759861755376448,
      0,
      0,
      0,
      0,
      6.5542758396697467,
      6.6187402982634582,
    ],
    alarm: [0, 0, NA, NA, NA, NA, NA, NA, NA, 0, 0, 0, 1, 1, 0, 1, 0],
  },
  {
    method: 'C2',
    minSigma: 0.5,
    from: 9,
    upperbound: [
      9.6756647580388417,
      9.6756647580388417,
      NA,
      NA,
      NA,
      NA,
      NA,
      NA,
      NA,
      9.4058910295744305,
      9.1759861755376448,
      1.5451161530839066,
      1.5451161530839066,
      1.5451161530839066,
      1.5451161530839066,
      6.5542758396697467,
      6.6187402982634582,
    ],
    alarm: [0, 0, NA, NA, NA, NA, NA, NA, NA, 0, 0, 0, 1, 0, 0, 1, 0],
  },
  {
    method: 'C3',
    minSigma: 0,
    from: 11,
    // R gives NaN (not NA) from index 21 on: a flat zero baseline makes C2 = 0/0 or x/0.
    upperbound: [NA, NA, NA, NA, NA, NA, NA, NA, NA, 0, NA, NA, NA, NA, NA],
    alarm: [NA, NA, NA, NA, NA, NA, NA, NA, NA, 0, NA, NA, NA, NA, NA],
  },
  {
    method: 'C3',
    minSigma: 0.5,
    from: 11,
    upperbound: [NA, NA, NA, NA, NA, NA, NA, NA, NA, 0.9799819922700268, 5.9799819922700266, 0, 0, 10.814161407622596, 0],
    alarm: [NA, NA, NA, NA, NA, NA, NA, NA, NA, 0, 0, 1, 0, 0, 1],
  },
];

describe('earsC against R on missing weeks, zero baselines and minSigma', () => {
  for (const c of R_EDGE) {
    it(`${c.method} with minSigma ${c.minSigma}`, () => {
      const rows = earsC(EDGE, { method: c.method, minSigma: c.minSigma, range: { from: c.from } });
      expect(rows.map((r) => r.index)).toEqual(Array.from({ length: EDGE.length - c.from }, (_, i) => c.from + i));
      rows.forEach((row, i) => {
        const ub = c.upperbound[i] ?? null;
        if (ub === null) expect(row.upperbound).toBeNull();
        else expect(relativeError(row.upperbound ?? Number.NaN, ub)).toBeLessThanOrEqual(1e-12);
        expect(row.alarm).toBe(c.alarm[i]);
        if (row.upperbound === null || row.alarm === null) expect(row.reason).not.toBeNull();
        else expect(row.reason).toBeNull();
      });
    });
  }
  it('names why a value is undefined', () => {
    const c1 = earsC(EDGE, { method: 'C1', range: { from: 8, to: 9 } });
    // Week 8 is missing: its threshold exists (baseline 1..7) but it cannot alarm; week 9's baseline holds it.
    expect(c1[0]).toMatchObject({ count: null, expected: 3, alarm: null, reason: 'missing-data' });
    expect(c1[0]?.upperbound).not.toBeNull();
    expect(c1[1]).toMatchObject({ expected: null, upperbound: null, alarm: null, reason: 'missing-data' });
    const c3 = earsC(EDGE, { method: 'C3', range: { from: 21, to: 21 } });
    expect(c3[0]).toMatchObject({ expected: 0, upperbound: null, alarm: null, reason: 'not-a-number' });
  });
});

describe('earsC history and range', () => {
  it('gives null with a reason where R would stop for too little history, and R values after', () => {
    const counts = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    const rows = earsC(counts, { method: 'C3', baseline: 3, range: { from: 0, to: 11 } });
    expect(rows.slice(0, 7).every((r) => r.reason === 'insufficient-history' && r.upperbound === null && r.expected === null)).toBe(true);
    expect(rows[7]).toMatchObject({ index: 7, expected: 4, reason: null });
    // The same weeks evaluated alone give the same values: no result depends on the range.
    expect(earsC(counts, { method: 'C3', baseline: 3, range: { from: 7, to: 11 } })).toEqual(rows.slice(7));
  });
  it('defaults the range to the first week with enough history through the last, as R does', () => {
    const counts = Array.from({ length: 20 }, (_, i) => i % 4);
    expect(earsC(counts).map((r) => r.index)[0]).toBe(7);
    expect(earsC(counts, { method: 'C2' })[0]?.index).toBe(9);
    expect(earsC(counts, { method: 'C3', baseline: 5 })[0]?.index).toBe(9);
    expect(earsC(counts, { range: { to: 10 } }).map((r) => r.index)).toEqual([7, 8, 9, 10]);
    expect(earsC([1, 2, 3])).toEqual([]);
    expect(earsC([])).toEqual([]);
  });
  it('uses R defaults: baseline 7, minSigma 0, alpha 0.001 for C1/C2 and 0.025 for C3', () => {
    expect(resolveEarsControl({}, 30)).toEqual({ method: 'C1', alpha: 0.001, baseline: 7, minSigma: 0, range: { from: 7, to: 29 } });
    expect(resolveEarsControl({ method: 'C2' }, 30).alpha).toBe(0.001);
    expect(resolveEarsControl({ method: 'C3' }, 30).alpha).toBe(0.025);
  });
});

describe('earsC parameter checks', () => {
  const counts = Array.from({ length: 30 }, (_, i) => i % 5);
  const bad =
    (control: unknown): (() => unknown) =>
    () =>
      earsC(counts, control as EarsControl);
  it('rejects unknown parameters, listing the valid ones', () => {
    expect(bad({ alfa: 0.01 })).toThrow(EarsError);
    expect(bad({ alfa: 0.01 })).toThrow(/unknown EARS parameter "alfa" \(did you mean "alpha"\?\); valid parameters: method .*minSigma/);
    expect(bad({ range: { start: 3 } })).toThrow(/unknown range field "start"/);
  });
  it('rejects bad values', () => {
    expect(bad({ method: 'C4' })).toThrow(/method must be one of C1, C2, C3/);
    expect(bad({ baseline: 2 })).toThrow(/Minimum baseline to use is 3/);
    expect(bad({ baseline: 7.5 })).toThrow(/baseline must be an integer/);
    expect(bad({ minSigma: -1 })).toThrow(/minSigma must be a finite number >= 0/);
    expect(bad({ alpha: 0 })).toThrow(/alpha must be a number strictly between 0 and 1/);
    expect(bad({ alpha: 1 })).toThrow(/alpha/);
    expect(bad({ alpha: Number.NaN })).toThrow(/alpha/);
    expect(bad({ alpha: '0.01' })).toThrow(/alpha/);
    expect(bad({ range: { from: 30 } })).toThrow(/range.from must be an integer week index from 0 to 29/);
    expect(bad({ range: { from: -1 } })).toThrow(/range.from/);
    expect(bad({ range: { from: 10, to: 9 } })).toThrow(/after range.to/);
    expect(() => earsC([1, Number.NaN, 2])).toThrow(/count at index 1 must be a finite number or null/);
  });
  it('reads text parameters by R names', () => {
    expect(parseEarsParams({ alpha: '0.05', baseline: '10', minSigma: '1' })).toEqual({ alpha: 0.05, baseline: 10, minSigma: 1 });
    expect(() => parseEarsParams({ minsigma: '1' })).toThrow(/did you mean "minSigma"/);
    expect(() => parseEarsParams({ alpha: 'x' })).toThrow(/alpha must be a number/);
    expect(() => parseEarsParams({ alpha: '' })).toThrow(/alpha must be a number/);
  });
});

// Golden cases: every ears-* row of cases.csv (shared R outputs) and cases-accord.csv (made by make-ears-golden.R).
const goldenCases = readGoldenCases(['cases.csv', 'cases-accord.csv'], ['ears-c1', 'ears-c2', 'ears-c3']);

describe('earsC golden cases (R surveillance 1.20.3)', () => {
  it('covers C1, C2 and C3', () => {
    expect(new Set(goldenCases.map((c) => c.method))).toEqual(new Set(['ears-c1', 'ears-c2', 'ears-c3']));
  });
  for (const gc of goldenCases) {
    it(gc.case, () => {
      const maxError = expectGoldenMatch(gc, (name, input) =>
        earsC(input.series.get(name)!.counts, {
          method: gc.method.slice('ears-'.length).toUpperCase() as EarsMethod,
          ...parseEarsParams(input.params),
          range: input.range,
        }),
      );
      // The golden files carry 15 significant digits: anything above ~1e-14 would be a real difference.
      expect(maxError).toBeLessThan(1e-13);
    });
  }
});

describe('earsC properties', () => {
  const method = fc.constantFrom<EarsMethod>('C1', 'C2', 'C3');
  const week = fc.integer({ min: 0, max: 200 });
  const series = fc.array(week, { minLength: 12, maxLength: 40 });
  const withGaps = fc.array(fc.option(week, { nil: null, freq: 5 }), { minLength: 12, maxLength: 40 });
  const control = fc.record({
    method,
    baseline: fc.integer({ min: 3, max: 8 }),
    minSigma: fc.constantFrom(0, 0.5, 2),
    alpha: fc.constantFrom(0.001, 0.025, 0.05, 0.3),
  });
  const close = (a: number | null, b: number | null): boolean =>
    a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b), 1);

  it('never returns NaN or infinities, and never throws on missing weeks', () => {
    fc.assert(
      fc.property(withGaps, control, (counts, ctl) => {
        for (const row of earsC(counts, { ...ctl, range: { from: 0, to: counts.length - 1 } })) {
          for (const v of [row.expected, row.upperbound]) if (v !== null) expect(Number.isFinite(v)).toBe(true);
          if (row.upperbound === null || row.alarm === null) expect(row.reason).not.toBeNull();
        }
      }),
    );
  });
  it('C1 and C2 upperbounds are at least the expected value (alpha < 0.5)', () => {
    fc.assert(
      fc.property(series, control, (counts, ctl) => {
        for (const row of earsC(counts, { ...ctl, method: ctl.method === 'C3' ? 'C2' : ctl.method })) {
          if (row.upperbound !== null && row.expected !== null) expect(row.upperbound).toBeGreaterThanOrEqual(row.expected);
        }
      }),
    );
  });
  it('scaling all counts by k scales expected and upperbound by k (minSigma 0)', () => {
    fc.assert(
      fc.property(series, control, fc.integer({ min: 1, max: 1000 }), (counts, ctl, k) => {
        const c = { ...ctl, minSigma: 0 };
        const base = earsC(counts, c);
        const scaled = earsC(
          counts.map((x) => x * k),
          c,
        );
        base.forEach((row, i) => {
          const s = scaled[i];
          expect(close(s?.expected ?? null, row.expected === null ? null : row.expected * k)).toBe(true);
          expect(close(s?.upperbound ?? null, row.upperbound === null ? null : row.upperbound * k)).toBe(true);
        });
      }),
    );
  });
  it('adding a constant shifts C1 and C2 expected and upperbound by it', () => {
    fc.assert(
      fc.property(series, control, fc.integer({ min: -50, max: 500 }), (counts, ctl, shift) => {
        const c = { ...ctl, method: ctl.method === 'C3' ? ('C1' as const) : ctl.method };
        const base = earsC(counts, c);
        const shifted = earsC(
          counts.map((x) => x + shift),
          c,
        );
        base.forEach((row, i) => {
          const s = shifted[i];
          expect(close(s?.expected ?? null, row.expected === null ? null : row.expected + shift)).toBe(true);
          expect(close(s?.upperbound ?? null, row.upperbound === null ? null : row.upperbound + shift)).toBe(true);
        });
      }),
    );
  });
  it('a missing week only affects the weeks whose computation reads it', () => {
    fc.assert(
      fc.property(series, control, fc.nat(), (counts, ctl, pick) => {
        const gap = pick % counts.length;
        const holed = counts.map((x, i) => (i === gap ? null : x));
        const full = earsC(counts, ctl);
        const rows = earsC(holed, ctl);
        // C1 reads t−baseline…t; C2 t−baseline−2…t; C3 t−baseline−4…t.
        const reach = ctl.method === 'C1' ? ctl.baseline : ctl.method === 'C2' ? ctl.baseline + 2 : ctl.baseline + 4;
        rows.forEach((row, i) => {
          if (row.index < gap || row.index > gap + reach) expect(row).toEqual(full[i]);
          else if (row.index === gap) expect(row.alarm).toBeNull();
        });
      }),
    );
  });
});
