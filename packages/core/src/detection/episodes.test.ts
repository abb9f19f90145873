import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { alarmEpisodes, episodeIsOpen, type AlarmWeek } from './episodes.js';

const weeks = (pattern: string, counts: number[] = []): AlarmWeek[] =>
  [...pattern].map((c, index) => ({ index, alarm: c === '1' ? 1 : c === '0' ? 0 : null, count: counts[index] ?? 1 }));

describe('alarm episodes', () => {
  it('makes one episode of alarms separated by fewer than three quiet weeks, and a new one after', () => {
    const episodes = alarmEpisodes(weeks('0011010011000111', [0, 0, 5, 9, 0, 7, 0, 0, 4, 3, 0, 0, 0, 2, 8, 6]));
    expect(episodes).toEqual([
      { firstAlarm: 2, lastAlarm: 9, alarms: 5, peakCount: 9, peakIndex: 3 },
      { firstAlarm: 13, lastAlarm: 15, alarms: 3, peakCount: 8, peakIndex: 14 },
    ]);
  });

  it('lets weeks without a result (missing data) neither extend nor end an episode', () => {
    expect(alarmEpisodes(weeks('1--0-0--1'))).toEqual([{ firstAlarm: 0, lastAlarm: 8, alarms: 2, peakCount: 1, peakIndex: 0 }]);
    expect(alarmEpisodes(weeks('1000-1')).map((e) => e.firstAlarm)).toEqual([0, 5]);
  });

  it('says whether the latest episode is still open', () => {
    const history = weeks('011000100');
    const [first, second] = alarmEpisodes(history);
    expect(episodeIsOpen(first!, history, 8)).toBe(false);
    expect(episodeIsOpen(second!, history, 8)).toBe(true);
    expect(() => alarmEpisodes(history, 0)).toThrow('quietWeeks must be a whole number');
  });

  it('gives the same episodes whatever the order of the weeks, and counts every alarm once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom<0 | 1 | null>(0, 1, null), { maxLength: 200 }),
        fc.integer({ min: 1, max: 6 }),
        (alarms, quiet) => {
          const history = alarms.map((alarm, index) => ({ index, alarm, count: index % 7 }));
          const episodes = alarmEpisodes(history, quiet);
          expect(alarmEpisodes([...history].reverse(), quiet)).toEqual(episodes);
          expect(episodes.reduce((n, e) => n + e.alarms, 0)).toBe(alarms.filter((a) => a === 1).length);
          for (const e of episodes) expect(e.firstAlarm <= e.peakIndex && e.peakIndex <= e.lastAlarm).toBe(true);
        },
      ),
    );
  });
});
