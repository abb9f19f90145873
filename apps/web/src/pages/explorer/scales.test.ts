import { describe, expect, it } from 'vitest';
import { SCALE_COLOURS, ZERO_COLOUR, colourClasses, colourFor, niceStep, periodSpan, timeTicks, valueTicks } from './scales';

const utc = (date: string) => Date.parse(`${date}T00:00:00Z`);

describe('periodSpan', () => {
  it('spans ISO weeks, months and days', () => {
    expect(periodSpan('2022-W31')).toMatchObject({ type: 'week', start: '2022-08-01', end: '2022-08-07' });
    expect(periodSpan('2024-02')).toMatchObject({ type: 'month', start: '2024-02-01', end: '2024-02-29' });
    const day = periodSpan('2020-03-15');
    expect(day).toMatchObject({ type: 'day', start: '2020-03-15', end: '2020-03-15' });
    expect(day!.endMs - day!.startMs).toBe(86_400_000);
    expect(periodSpan('2024W5')).toBeNull();
  });
});

describe('value ticks', () => {
  it('uses round steps from zero past the maximum', () => {
    expect(niceStep(0.7)).toBe(1);
    expect(niceStep(830)).toBe(1000);
    expect(valueTicks(3324)).toEqual([0, 1000, 2000, 3000, 4000]);
    expect(valueTicks(10)).toEqual([0, 5, 10]);
    expect(valueTicks(0.3)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(valueTicks(0)).toEqual([0, 1]);
    expect(valueTicks(1, 5, true)).toEqual([0, 1]);
    expect(valueTicks(3, 5, true)).toEqual([0, 1, 2, 3]);
  });
});

describe('time ticks', () => {
  it('puts ticks on month starts, aligned to January, for a year of daily data', () => {
    const ticks = timeTicks(utc('2020-03-01'), utc('2021-03-01'));
    expect(ticks.length).toBeLessThanOrEqual(7);
    expect(ticks.map((t) => new Date(t.ms).toISOString().slice(0, 10))).toEqual([
      '2020-03-01',
      '2020-05-01',
      '2020-07-01',
      '2020-09-01',
      '2020-11-01',
      '2021-01-01',
      '2021-03-01',
    ]);
  });

  it('uses years for long series', () => {
    const ticks = timeTicks(utc('2010-05-03'), utc('2024-01-01'));
    expect(ticks.every((t) => t.yearOnly && new Date(t.ms).getUTCMonth() === 0)).toBe(true);
    expect(ticks.length).toBeLessThanOrEqual(7);
  });
});

describe('colour classes', () => {
  it('has no class without positive values, and zero keeps its own colour', () => {
    expect(colourClasses([0, 0])).toEqual([]);
    expect(colourFor(0, colourClasses([0, 3, 40]))).toBe(ZERO_COLOUR);
  });

  it('makes up to five classes on round bounds, darkest for the largest values', () => {
    const values = [1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597, 3324];
    const classes = colourClasses(values);
    expect(classes.length).toBe(5);
    expect(classes[0]!.from).toBe(1);
    expect(classes.map((c) => c.colour)).toEqual([...SCALE_COLOURS]);
    for (let i = 1; i < classes.length; i += 1) expect(classes[i]!.from).toBeGreaterThan(classes[i - 1]!.from);
    expect(colourFor(3324, classes)).toBe(SCALE_COLOURS[4]);
    expect(colourFor(1, classes)).toBe(SCALE_COLOURS[0]);
  });

  it('keeps whole-number bounds for counts', () => {
    const classes = colourClasses([1, 1, 1, 2, 2, 3, 3, 4, 6, 9, 15, 49, 61]);
    expect(classes.every((c) => Number.isInteger(c.from))).toBe(true);
    expect(colourClasses([0.4, 1.2, 2.7, 3.3, 8.1]).some((c) => c.from === 2.5)).toBe(true);
  });

  it('uses fewer, dark-ended classes when there are few distinct values', () => {
    const classes = colourClasses([4, 4, 4]);
    expect(classes).toEqual([{ from: 4, to: null, colour: SCALE_COLOURS[4] }]);
  });
});
