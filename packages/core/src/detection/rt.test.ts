import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { regularizedGammaQ } from './gamma.js';
import {
  RT_OPTION_NAMES,
  RT_WARNING_EARLY,
  RT_WARNING_SI_SUM,
  RtError,
  type RtOptions,
  type RtRow,
  discrSi,
  discrSiVector,
  estimateRt,
  estimateRtDetailed,
  overallInfectivity,
  parseRtOptions,
} from './rt.js';

const GOLDEN = new URL('../../../../data/golden/', import.meta.url);
const readGolden = (path: string): string => readFileSync(new URL(path, GOLDEN), 'utf8');

/** The golden CSVs are unquoted: a plain split is enough (and keeps the test independent of the CSV module). */
function readCsv(path: string): Record<string, string>[] {
  const [header, ...lines] = readGolden(path).trim().split(/\r?\n/);
  const names = (header ?? '').split(',');
  return lines.map((line) => {
    const fields = line.split(',');
    return Object.fromEntries(names.map((name, i) => [name, fields[i] ?? '']));
  });
}

const FLU2009 = readCsv('input/Flu2009.csv').map((row) => Number(row['incidence']));

describe('discrSi', () => {
  // R: EpiEstim::discr_si(k, mu, sigma), printed with sprintf("%.17g").
  it('matches EpiEstim discr_si for the flu serial interval (mean 2.6, sd 1.5)', () => {
    const expected = [
      0, 0.2331721254075412, 0.35857940031559687, 0.19811082854031356, 0.10334265542793926, 0.052905175247813935, 0.026821461951616152,
      0.013516198089437562, 0.0067834378153538225, 0.0033943513592991081, 0.0016946741097903836, 0.00084459446582680914,
      0.00042033132373475723,
    ];
    expected.forEach((value, k) => expect(Math.abs(discrSi(k, 2.6, 1.5) - value)).toBeLessThan(1e-15 * Math.max(1, k)));
    expect(discrSiVector(13, 2.6, 1.5)).toHaveLength(13);
  });

  // Absolute tolerance: the formula adds terms of size k·F(k) that cancel, in R as here.
  it.each([
    [
      8.4,
      3.8,
      [0, 1, 2, 5, 10, 20, 40],
      [
        0, 6.7332291610716546e-4, 0.012173576884085595, 0.10405725229122242, 0.078180054529128878, 0.0037837912778217395,
        1.0026952655728414e-6,
      ],
    ],
    [
      1.2,
      4,
      [0, 1, 2, 3, 10, 30],
      [0, 0.98804245164196469, 0.0033965635508853946, 0.001267129754029897, 2.4779453021402662e-4, 5.9945359256530215e-5],
    ],
  ])('matches EpiEstim discr_si(k, %d, %d)', (mu, sigma, ks, expected) => {
    ks.forEach((k, i) => {
      const want = expected[i] ?? NaN;
      expect(Math.abs(discrSi(k, mu, sigma) - want)).toBeLessThan(2e-15 * Math.max(1, k));
    });
  });

  it('is a distribution on 1, 2, … whose mean is the serial interval mean', () => {
    fc.assert(
      fc.property(fc.double({ min: 1.1, max: 12, noNaN: true }), fc.double({ min: 0.3, max: 6, noNaN: true }), (mu, sigma) => {
        const w = discrSiVector(400, mu, sigma);
        expect(w[0]).toBe(0);
        expect(w.every((x) => x >= 0)).toBe(true);
        const total = w.reduce((s, x) => s + x, 0);
        const mean = w.reduce((s, x, k) => s + k * x, 0);
        // What lies beyond day 399 is missing: at most the mass of the shifted gamma above 398 days.
        const tail = regularizedGammaQ(((mu - 1) / sigma) ** 2, 398 / (sigma ** 2 / (mu - 1)));
        expect(Math.abs(total - 1)).toBeLessThan(tail + 1e-10);
        // The triangular kernel preserves the mean of the continuous (shifted) distribution.
        // (up to the rounding of F(k) terms of size k that cancel in each w_k).
        if (tail < 1e-15) expect(Math.abs(mean - mu)).toBeLessThan(1e-9 * mu);
      }),
      { numRuns: 40 },
    );
  });

  it('rejects what EpiEstim rejects', () => {
    expect(() => discrSi(1, 1, 1)).toThrow(/mean must be > 1/);
    expect(() => discrSi(1, 2, -1)).toThrow(/sd must be > 0/);
    expect(() => discrSi(-1, 2, 1)).toThrow(/k must be >= 0/);
  });
});

describe('overallInfectivity', () => {
  it('is Λ_t = Σ_{s≥1} w_s I_{t−s}, undefined on day 1', () => {
    const w = [0, 0.5, 0.3, 0.2];
    const lambda = overallInfectivity([10, 4, 6, 0, 2], w);
    expect(lambda[0]).toBeNull();
    [5, 2 + 3, 3 + 1.2 + 2, 0 + 1.8 + 0.8].forEach((value, i) => expect(lambda[i + 1]).toBeCloseTo(value, 14));
  });
});

interface GoldenCase {
  readonly case: string;
  readonly input: string;
  readonly reference: string;
  readonly options: RtOptions;
}

/** The params column (`si-mean=2.6 si-sd=1.5 window=7 mean_prior=2`) in EpiEstim's names, through parseRtOptions. */
function optionsFromParams(params: string): RtOptions {
  const cliNames: Record<string, string> = { 'si-mean': 'mean_si', 'si-sd': 'std_si' };
  const entries = params
    .split(/\s+/)
    .filter((item) => item !== '')
    .map((item) => {
      const [name = '', value = ''] = item.split('=');
      return [cliNames[name] ?? name, value] as const;
    });
  return parseRtOptions(Object.fromEntries(entries));
}

const goldenCases: GoldenCase[] = [...readCsv('cases.csv'), ...readCsv('cases-rt-accord.csv')]
  .filter((row) => row['method'] === 'rt')
  .map((row) => ({
    case: row['case'] ?? '',
    input: row['input'] ?? '',
    reference: row['reference_output'] ?? '',
    options: optionsFromParams(row['params'] ?? ''),
  }));

function groupBySeries(rows: readonly Record<string, string>[]): Map<string, Record<string, string>[]> {
  const groups = new Map<string, Record<string, string>[]>();
  for (const row of rows) {
    const series = row['series'] ?? '';
    const group = groups.get(series) ?? [];
    group.push(row);
    groups.set(series, group);
  }
  return groups;
}

const VALUE_COLUMNS = [
  ['mean_r', 'meanR'],
  ['std_r', 'stdR'],
  ['q025', 'q025'],
  ['median_r', 'medianR'],
  ['q975', 'q975'],
] as const satisfies readonly (readonly [string, keyof RtRow])[];

describe('estimateRt against EpiEstim 2.2-4 (data/golden)', () => {
  it('covers the public case and Accord’s own cases', () => {
    expect(goldenCases.map((c) => c.case)).toContain('Flu2009__rt');
    expect(goldenCases.length).toBeGreaterThanOrEqual(8);
  });

  it.each(goldenCases)('$case: same windows, undefined where R is, values within 1e-9 relative', ({ input, reference, options }) => {
    const inputs = groupBySeries(readCsv(input));
    const expected = groupBySeries(readCsv(reference));
    expect([...expected.keys()]).toEqual([...inputs.keys()]);
    let maxRelative = 0;
    for (const [series, days] of inputs) {
      const dates = days.map((day) => day['date'] ?? '');
      const rows = estimateRt(
        days.map((day) => Number(day['incidence'])),
        options,
      );
      const want = expected.get(series) ?? [];
      expect(rows.map((row) => [dates[row.tStart - 1], dates[row.tEnd - 1]])).toEqual(want.map((row) => [row['t_start'], row['t_end']]));
      rows.forEach((row, i) => {
        for (const [column, key] of VALUE_COLUMNS) {
          const text = want[i]?.[column] ?? '';
          const actual = row[key];
          if (text === '') {
            expect(actual, `${series} window ${i + 1} ${column}`).toBeNull();
            continue;
          }
          expect(actual, `${series} window ${i + 1} ${column}`).not.toBeNull();
          const r = Number(text);
          maxRelative = Math.max(maxRelative, Math.abs(Number(actual) - r) / Math.abs(r));
        }
      });
    }
    // R prints 15 significant digits, so 1e-9 leaves a wide margin and the case tolerance (1e-3) a huge one.
    expect(maxRelative).toBeLessThan(1e-9);
  });

  it('Flu2009: the sliding windows of make_config (t_start = 2:(T−6), t_end = 8:T) and no undefined window', () => {
    const rows = estimateRt(FLU2009, { meanSi: 2.6, stdSi: 1.5 });
    expect(rows.map((row) => row.tStart)).toEqual(Array.from({ length: 25 }, (_, i) => i + 2));
    expect(rows.map((row) => row.tEnd)).toEqual(Array.from({ length: 25 }, (_, i) => i + 8));
    expect(rows.every((row) => row.meanR !== null)).toBe(true);
  });
});

describe('EpiEstim semantics', () => {
  it('day 1 only seeds: its cases count in Λ but never as offspring', () => {
    // Window of one day (EpiEstim allows t_start = t_end): R_2 posterior shape a + I_2, rate 1/b + w_1 I_1.
    const base = estimateRtDetailed([4, 3, 5], { meanSi: 2.6, stdSi: 1.5, window: 1 });
    const w1 = base.siDistr[1] ?? NaN;
    const first = base.rows[0];
    expect(first?.tStart).toBe(2);
    expect(first?.meanR).toBeCloseTo((1 + 3) / (1 / 5 + 4 * w1), 14);
    const moreSeeds = estimateRt([8, 3, 5], { meanSi: 2.6, stdSi: 1.5, window: 1 })[0];
    expect(moreSeeds?.meanR).toBeCloseTo((1 + 3) / (1 / 5 + 8 * w1), 14);
  });

  it('applies the gamma prior: shape (mean/sd)², scale sd²/mean', () => {
    const incidence = [5, 6, 7, 8, 9, 10, 11, 12, 13];
    const detailed = estimateRtDetailed(incidence, { meanSi: 2.6, stdSi: 1.5, meanPrior: 2, stdPrior: 1 });
    const lambda = overallInfectivity(incidence, detailed.siDistr);
    const row = detailed.rows[0];
    const sumI = 6 + 7 + 8 + 9 + 10 + 11 + 12;
    const sumLambda = lambda.slice(1, 8).reduce<number>((s, x) => s + (x ?? 0), 0);
    const shape = 4 + sumI;
    const scale = 1 / (1 / 0.5 + sumLambda);
    expect(row?.meanR).toBeCloseTo(shape * scale, 13);
    expect(row?.stdR).toBeCloseTo(Math.sqrt(shape) * scale, 13);
  });

  it('leaves a window undefined exactly when it ends on or before the mean of the truncated serial interval', () => {
    const result = estimateRtDetailed(FLU2009, { meanSi: 8.4, stdSi: 3.8, window: 3 });
    expect(result.siMean).toBeGreaterThan(8);
    expect(result.siMean).toBeLessThan(8.4);
    for (const row of result.rows) expect(row.meanR === null).toBe(row.tEnd <= result.siMean);
    expect(result.rows.filter((row) => row.meanR === null)).toHaveLength(5);
  });

  it('accepts explicit windows like t_start/t_end, and they agree with the sliding ones', () => {
    const sliding = estimateRt(FLU2009, { meanSi: 2.6, stdSi: 1.5 });
    const explicit = estimateRt(FLU2009, { meanSi: 2.6, stdSi: 1.5, tStart: [2, 10, 26], tEnd: [8, 16, 32] });
    expect(explicit).toEqual([sliding[0], sliding[8], sliding[24]]);
  });

  // Warnings as R printed them for these inputs (EpiEstim 2.2-4, withCallingHandlers around estimate_R).
  const synthetic = groupBySeries(readCsv('input/rt_synthetic.csv'));
  const series = (name: string): number[] => (synthetic.get(name) ?? []).map((row) => Number(row['incidence']));
  it.each([
    ['outbreak_a', 4.8, 2.3, 7, []],
    ['sparse_b', 4.8, 2.3, 7, [RT_WARNING_EARLY]],
    ['short_c', 9.5, 6, 7, [RT_WARNING_SI_SUM]],
    ['short_c', 8.4, 3.8, 3, [RT_WARNING_EARLY, RT_WARNING_SI_SUM]],
    ['outbreak_a', 8.4, 3.8, 3, [RT_WARNING_EARLY]],
    ['Flu2009', 2.6, 1.5, 7, []],
  ] as const)('warns like EpiEstim: %s, mean_si %d, std_si %d, window %d', (name, meanSi, stdSi, window, warnings) => {
    const incidence = name === 'Flu2009' ? FLU2009 : series(name);
    expect(estimateRtDetailed(incidence, { meanSi, stdSi, window }).warnings).toEqual(warnings);
  });

  it('cv_posterior sets the early-epidemic warning threshold ceiling(1/cv² − a_prior)', () => {
    // First window of Flu2009 holds 22 cases: enough for cv 0.3 (needs 11 − 1 = 10), not for cv 0.2 (needs 24).
    expect(estimateRtDetailed(FLU2009, { meanSi: 2.6, stdSi: 1.5, cvPosterior: 0.3 }).warnings).toEqual([]);
    expect(estimateRtDetailed(FLU2009, { meanSi: 2.6, stdSi: 1.5, cvPosterior: 0.2 }).warnings).toEqual([RT_WARNING_EARLY]);
  });

  it('accepts non-integer incidence, as EpiEstim does', () => {
    const rows = estimateRt([1.5, 2.25, 3, 4.5, 2, 1, 0.5, 3.75, 2], { meanSi: 2.6, stdSi: 1.5 });
    expect(rows.every((row) => row.meanR !== null && Number.isFinite(row.meanR))).toBe(true);
  });

  it.each<[string, readonly number[], RtOptions, RegExp]>([
    ['mean_si ≤ 1', FLU2009, { meanSi: 1, stdSi: 1.5 }, /mean_si must be > 1/],
    ['std_si ≤ 0', FLU2009, { meanSi: 2.6, stdSi: 0 }, /std_si must be > 0/],
    ['negative std_si', FLU2009, { meanSi: 2.6, stdSi: -1 }, /std_si must be > 0/],
    ['mean_prior ≤ 0', FLU2009, { meanSi: 2.6, stdSi: 1.5, meanPrior: 0 }, /mean_prior must be > 0/],
    ['std_prior ≤ 0', FLU2009, { meanSi: 2.6, stdSi: 1.5, stdPrior: -2 }, /std_prior must be > 0/],
    ['negative cv_posterior', FLU2009, { meanSi: 2.6, stdSi: 1.5, cvPosterior: -0.1 }, /cv_posterior must be >= 0/],
    ['NaN mean_si', FLU2009, { meanSi: NaN, stdSi: 1.5 }, /mean_si must be a finite number/],
    ['window 0', FLU2009, { meanSi: 2.6, stdSi: 1.5, window: 0 }, /window must be a whole number of days >= 1/],
    ['fractional window', FLU2009, { meanSi: 2.6, stdSi: 1.5, window: 2.5 }, /window must be a whole number/],
    ['series too short', [1, 2, 3, 4, 5, 6, 7], { meanSi: 2.6, stdSi: 1.5 }, /needs at least 8 days/],
    ['negative incidence', [1, 2, -3, 4, 5, 6, 7, 8], { meanSi: 2.6, stdSi: 1.5 }, /non negative values: day 3 has -3/],
    ['NaN incidence', [1, 2, NaN, 4, 5, 6, 7, 8], { meanSi: 2.6, stdSi: 1.5 }, /day 3 must be a finite number/],
    ['t_start on day 1', FLU2009, { meanSi: 2.6, stdSi: 1.5, tStart: [1], tEnd: [7] }, /t_start must contain integers between 2/],
    [
      't_end after the series',
      FLU2009,
      { meanSi: 2.6, stdSi: 1.5, tStart: [30], tEnd: [33] },
      /t_end must contain integers between 2 and .*32/,
    ],
    ['t_start after t_end', FLU2009, { meanSi: 2.6, stdSi: 1.5, tStart: [9], tEnd: [8] }, /t_start\[i\] must be <= t_end\[i\]/],
    ['lengths differ', FLU2009, { meanSi: 2.6, stdSi: 1.5, tStart: [2, 3], tEnd: [8] }, /same length/],
    ['t_start alone', FLU2009, { meanSi: 2.6, stdSi: 1.5, tStart: [2] }, /given together/],
  ])('rejects %s', (_name, incidence, options, message) => {
    expect(() => estimateRt(incidence, options)).toThrow(RtError);
    expect(() => estimateRt(incidence, options)).toThrow(message);
  });
});

describe('parseRtOptions', () => {
  it('reads EpiEstim config names, from numbers or strings', () => {
    expect(parseRtOptions({ mean_si: 2.6, std_si: '1.5', window: '14', mean_prior: 2, std_prior: '1', cv_posterior: 0.2 })).toEqual({
      meanSi: 2.6,
      stdSi: 1.5,
      window: 14,
      meanPrior: 2,
      stdPrior: 1,
      cvPosterior: 0.2,
    });
    expect(parseRtOptions({ mean_si: 2.6, std_si: 1.5 })).toEqual({ meanSi: 2.6, stdSi: 1.5 });
  });

  it('reads t_start/t_end as lists, R ranges or comma lists', () => {
    expect(parseRtOptions({ mean_si: 2.6, std_si: 1.5, t_start: '2:4', t_end: '8,9,10' })).toMatchObject({
      tStart: [2, 3, 4],
      tEnd: [8, 9, 10],
    });
    expect(parseRtOptions({ mean_si: 2.6, std_si: 1.5, t_start: [2], t_end: [8] })).toMatchObject({ tStart: [2], tEnd: [8] });
  });

  it('rejects unknown names, listing the valid ones and the likely one', () => {
    expect(() => parseRtOptions({ mean_si: 2.6, std_si: 1.5, mean_prio: 3 })).toThrow(
      `unknown Rt option "mean_prio" (did you mean "mean_prior"?); valid options: ${RT_OPTION_NAMES.join(', ')}`,
    );
    expect(() => parseRtOptions({ mean_si: 2.6, std_si: 1.5, method: 'x' })).toThrow(/valid options: mean_si, std_si/);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['missing mean_si', { std_si: 1.5 }, /mean_si is required/],
    ['non-numeric value', { mean_si: 'abc', std_si: 1.5 }, /mean_si must be a number, got "abc"/],
    ['empty value', { mean_si: '', std_si: 1.5 }, /mean_si must be a number/],
    ['window and t_start', { mean_si: 2.6, std_si: 1.5, window: 7, t_start: [2], t_end: [8] }, /either window or t_start and t_end/],
    ['t_end alone', { mean_si: 2.6, std_si: 1.5, t_end: [8] }, /given together/],
  ])('rejects %s', (_name, input, message) => {
    expect(() => parseRtOptions(input)).toThrow(message);
  });
});

describe('properties', () => {
  const incidenceArb = fc.array(fc.nat({ max: 300 }), { minLength: 9, maxLength: 60 });
  const siArb = fc.record({
    meanSi: fc.double({ min: 1.05, max: 12, noNaN: true }),
    stdSi: fc.double({ min: 0.2, max: 8, noNaN: true }),
    window: fc.integer({ min: 1, max: 8 }),
  });

  it('never NaN; q025 ≤ median ≤ q975; mean > 0; undefined exactly when t_end ≤ the SI mean', () => {
    fc.assert(
      fc.property(incidenceArb, siArb, (incidence, options) => {
        const result = estimateRtDetailed(incidence, options);
        expect(result.rows).toHaveLength(incidence.length - options.window);
        for (const row of result.rows) {
          const values = [row.meanR, row.stdR, row.q025, row.medianR, row.q975];
          if (row.tEnd <= result.siMean) {
            expect(values.every((v) => v === null)).toBe(true);
            continue;
          }
          expect(values.every((v) => v !== null && Number.isFinite(v))).toBe(true);
          const [mean, std, q025, median, q975] = values as number[];
          expect(mean).toBeGreaterThan(0);
          expect(std).toBeGreaterThan(0);
          expect(q025).toBeLessThanOrEqual(median ?? NaN);
          expect(median).toBeLessThanOrEqual(q975 ?? NaN);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('doubling all incidence moves mean R only towards the prior-free estimate ΣI/ΣΛ, and little when counts are large', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 20, max: 400 }), { minLength: 9, maxLength: 40 }), siArb, (incidence, options) => {
        const once = estimateRtDetailed(incidence, options);
        const twice = estimateRt(
          incidence.map((x) => 2 * x),
          options,
        );
        const lambda = overallInfectivity(incidence, once.siDistr);
        once.rows.forEach((row, i) => {
          const doubled = twice[i]?.meanR;
          if (row.meanR === null || doubled === undefined || doubled === null) return;
          let sumI = 0;
          let sumLambda = 0;
          for (let t = row.tStart; t <= row.tEnd; t++) {
            sumI += incidence[t - 1] ?? 0;
            sumLambda += lambda[t - 1] ?? 0;
          }
          const mle = sumI / sumLambda;
          const slack = 1e-12 * row.meanR;
          expect(doubled).toBeGreaterThanOrEqual(Math.min(row.meanR, mle) - slack);
          expect(doubled).toBeLessThanOrEqual(Math.max(row.meanR, mle) + slack);
          if (sumI >= 100 && sumLambda >= 100) expect(Math.abs(doubled / row.meanR - 1)).toBeLessThan(0.02);
        });
      }),
      { numRuns: 100 },
    );
  });

  it('all-zero incidence gives the prior back', () => {
    const rows = estimateRt(new Array<number>(12).fill(0), { meanSi: 2.6, stdSi: 1.5 });
    expect(rows.every((row) => row.meanR === 5 && row.stdR === 5)).toBe(true);
  });
});
