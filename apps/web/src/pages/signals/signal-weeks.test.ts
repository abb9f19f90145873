import { describe, expect, it } from 'vitest';
import type { DetectionWeekDto } from '@accord/contracts';
import { isoWeekLabel, segments, valueAxisMax, weekKind } from './signal-weeks';

const week = (overrides: Partial<DetectionWeekDto>): DetectionWeekDto => ({
  week: '2024-03-04',
  observed: 10,
  expected: 5,
  upperbound: 8,
  alarm: true,
  note: null,
  ...overrides,
});

describe('signal weeks', () => {
  it('writes a Monday as its ISO week, including across a year boundary', () => {
    expect(isoWeekLabel('2024-03-04')).toBe('2024-W10');
    expect(isoWeekLabel('2024-12-30')).toBe('2025-W01');
    expect(isoWeekLabel('2024-03-05')).toBe('2024-03-05');
  });

  it('tells alarms, quiet weeks and weeks without a result apart', () => {
    expect(weekKind(week({}))).toBe('alarm');
    expect(weekKind(week({ alarm: false }))).toBe('quiet');
    expect(weekKind(week({ alarm: null, expected: null, upperbound: null, note: 'too_little_history' }))).toBe('no-result');
    expect(weekKind(week({ observed: null, alarm: null, note: 'no_count' }))).toBe('no-count');
  });

  it('breaks a line where values are missing', () => {
    expect(segments([1, 2, null, 4, Number.NaN, 6])).toEqual([
      [
        [0, 1],
        [1, 2],
      ],
      [[3, 4]],
      [[5, 6]],
    ]);
    expect(segments([null])).toEqual([]);
  });

  it('keeps the bars readable when a threshold is far above them', () => {
    expect(valueAxisMax([week({ observed: 10, expected: 5, upperbound: 1000 })])).toBe(20);
    expect(valueAxisMax([week({ observed: 10, expected: 5, upperbound: 15 })])).toBe(15);
    expect(valueAxisMax([week({ observed: 0, expected: 0, upperbound: null })])).toBe(1);
  });
});
