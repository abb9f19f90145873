import { describe, expect, it } from 'vitest';
import { createDetectionInputCollector, createRtInputCollector, mondayAt, weekIndexOf } from './series-input.js';

const collect = (header: string, rows: string[], collector = createDetectionInputCollector()) => {
  const problems = collector.header(header.split(','));
  if (problems.length > 0) return { problems };
  rows.forEach((row, i) => collector.add(i + 2, row.split(',')));
  return { result: collector.finish() };
};

describe('weekly detection input', () => {
  it('puts rows in any order on one weekly axis shared by all series; a week without a row is missing', () => {
    const { result } = collect('series,period,count', ['b,2024-01-15,4', 'a,2024-01-01,1', 'a,2024-01-15,3', 'b,2024-01-08,']);
    expect(result).toEqual({
      ok: true,
      set: {
        firstMonday: '2024-01-01',
        weeks: 3,
        series: [
          { name: 'b', counts: [null, null, 4], population: null },
          { name: 'a', counts: [1, null, 3], population: null },
        ],
      },
    });
    if (result?.ok) {
      expect(weekIndexOf(result.set, '2024-01-08', '--from')).toBe(1);
      expect(mondayAt(result.set, 2)).toBe('2024-01-15');
      expect(() => weekIndexOf(result.set, '2024-02-05', '--to')).toThrow(
        '--to 2024-02-05 is outside the data, which run from 2024-01-01 to 2024-01-15',
      );
    }
  });

  it('reads the optional population column', () => {
    const { result } = collect('Series,Period,Count,Population', ['a,2024-01-01,1,1000', 'a,2024-01-08,2,']);
    expect(result).toMatchObject({ ok: true, set: { series: [{ counts: [1, 2], population: [1000, null] }] } });
  });

  it('names the line, column and reason of every bad row', () => {
    const { result } = collect('series,period,count', [
      'a,2024-01-01,-3',
      'a,2024-01-03,2',
      'a,2024-13-01,2',
      'a,2024-01-08,2.5',
      'a,2024-01-15,1',
      'a,2024-01-15,2',
      ',2024-01-22,1',
    ]);
    expect(result?.ok).toBe(false);
    if (result && !result.ok) {
      expect(result.errors.map((e) => [e.line, e.column])).toEqual([
        [2, 'count'],
        [3, 'period'],
        [4, 'period'],
        [5, 'count'],
        [7, 'period'],
        [8, 'series'],
      ]);
      expect(result.errors[0]!.reason).toBe('negative count -3: counts cannot be below zero');
      expect(result.errors[1]!.reason).toContain("that week's Monday is 2024-01-01");
      expect(result.errors[4]!.reason).toBe('series "a" has week 2024-01-15 twice (also on line 6); keep one row');
    }
  });

  it('refuses a header without the required columns, suggesting the misspelt one', () => {
    expect(collect('series,perod,cases', []).problems).toEqual([
      'unknown column "perod" (did you mean "period"?)',
      'unknown column "cases" (column 3)',
      'missing column "count"',
    ]);
  });

  it('reads daily Rt input and requires every day of each series', () => {
    const daily = (rows: string[]) => collect('series,date,incidence', rows, createRtInputCollector()).result;
    expect(daily(['x,2009-04-28,2', 'x,2009-04-27,1'])).toMatchObject({
      ok: true,
      set: { firstMonday: '2009-04-27', series: [{ counts: [1, 2] }] },
    });
    const gap = daily(['x,2009-04-27,1', 'x,2009-04-29,1']);
    expect(gap).toMatchObject({
      ok: false,
      errors: [{ line: 3, reason: 'series "x" has no row for 2009-04-28: give every day, with 0 for days without cases' }],
    });
    expect(daily(['x,2009-04-27,'])).toMatchObject({ ok: false, errors: [{ line: 2, column: 'incidence' }] });
  });
});
