import { describe, expect, it } from 'vitest';
import { addDays, type IsoDate } from '../time/periods.js';
import { signalEpisodesOf, undefinedResultNote, type EvaluatedWeek } from './signals.js';

const START = '2024-01-01' as IsoDate; // a Monday

/** Weeks from START: 'A' alarm, '.' no alarm, '?' undefined; counts are the week number + 10 (alarms) or 5. */
function weeks(pattern: string): EvaluatedWeek[] {
  return [...pattern].map((c, i) => ({
    week: addDays(START, i * 7),
    observed: c === 'A' ? 10 + i : 5,
    expected: 4,
    upperbound: c === '?' ? null : 8,
    alarm: c === '?' ? null : c === 'A',
  }));
}

describe('signalEpisodesOf', () => {
  it('makes one signal per episode, not one per alarm week', () => {
    const episodes = signalEpisodesOf(weeks('..AA.A...A.'));
    expect(episodes.map((e) => [e.firstAlarm, e.lastAlarm, e.alarms])).toEqual([
      ['2024-01-15', '2024-02-05', 3],
      ['2024-03-04', '2024-03-04', 1],
    ]);
  });

  it('ranks by the peak count over its threshold and keeps that week', () => {
    const [episode] = signalEpisodesOf(weeks('.AAA.'));
    expect(episode).toMatchObject({ peakWeek: '2024-01-22', peakObserved: 13, peakExpected: 4, peakUpperbound: 8, score: 13 / 8 });
  });

  it('a threshold of zero ranks by the count itself', () => {
    const [episode] = signalEpisodesOf([{ week: START, observed: 3, expected: 0, upperbound: 0, alarm: true }]);
    expect(episode!.score).toBe(3);
  });

  it('an episode is ongoing until three evaluated quiet weeks follow it; undefined weeks do not count', () => {
    expect(signalEpisodesOf(weeks('.A..')).map((e) => e.ongoing)).toEqual([true]);
    expect(signalEpisodesOf(weeks('.A.??.')).map((e) => e.ongoing)).toEqual([true]);
    expect(signalEpisodesOf(weeks('.A...')).map((e) => e.ongoing)).toEqual([false]);
  });

  it('gives the same episodes whatever the order of the weeks', () => {
    const ordered = weeks('.AA...A..A');
    expect(signalEpisodesOf([...ordered].reverse())).toEqual(signalEpisodesOf(ordered));
  });

  it('refuses a week that is not on the weekly axis or that appears twice', () => {
    expect(() =>
      signalEpisodesOf([...weeks('.A'), { week: '2024-01-03' as IsoDate, observed: 1, expected: 1, upperbound: 1, alarm: false }]),
    ).toThrow(/not a Monday/);
    expect(() => signalEpisodesOf([...weeks('.A'), ...weeks('.')])).toThrow(/appears twice/);
  });

  it('says why a week has no result', () => {
    expect(undefinedResultNote(null)).toBe('no_count');
    expect(undefinedResultNote(4)).toBe('too_little_history');
  });
});
