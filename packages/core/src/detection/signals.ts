import { addDays, daysBetween, type IsoDate } from '../time/periods.js';
import { DEFAULT_QUIET_WEEKS, alarmEpisodes, episodeIsOpen, type AlarmWeek } from './episodes.js';

/**
 * From the stored evaluations of one series to its signals: one per alarm episode, with the peak
 * that ranks it in the triage queue and whether it may still grow.
 */

/** One evaluated week of a series, as stored by a detection run. */
export interface EvaluatedWeek {
  /** Monday of the ISO week. */
  week: IsoDate;
  observed: number | null;
  expected: number | null;
  upperbound: number | null;
  /** null when the method's result is undefined for the week. */
  alarm: boolean | null;
}

export interface SignalEpisode {
  firstAlarm: IsoDate;
  lastAlarm: IsoDate;
  alarms: number;
  /** The alarm week with the highest count, and its expected value and threshold. */
  peakWeek: IsoDate;
  peakObserved: number;
  peakExpected: number | null;
  peakUpperbound: number | null;
  /** Rank in the queue: peak count ÷ its threshold (a threshold below 1 counts as 1, so a first case after zeros ranks by its count). */
  score: number;
  /** Fewer than `quietWeeks` evaluated weeks without an alarm since the last alarm. */
  ongoing: boolean;
}

/** Why a week has no result: no count reported, or not enough history before it for the method. */
export type UndefinedResultNote = 'no_count' | 'too_little_history';

export function undefinedResultNote(observed: number | null): UndefinedResultNote {
  return observed === null ? 'no_count' : 'too_little_history';
}

/** The episodes of one series' evaluated weeks (any order, no repeated week). */
export function signalEpisodesOf(weeks: readonly EvaluatedWeek[], quietWeeks: number = DEFAULT_QUIET_WEEKS): SignalEpisode[] {
  if (weeks.length === 0) return [];
  const origin = weeks.reduce((min, w) => (w.week < min ? w.week : min), weeks[0]!.week);
  const byIndex = new Map<number, EvaluatedWeek>();
  const alarmWeeks: AlarmWeek[] = weeks.map((w) => {
    const days = daysBetween(origin, w.week);
    if (days % 7 !== 0) throw new Error(`week ${w.week} is not a Monday ${days} days after ${origin}`);
    const index = days / 7;
    if (byIndex.has(index)) throw new Error(`week ${w.week} appears twice`);
    byIndex.set(index, w);
    return { index, alarm: w.alarm === null ? null : w.alarm ? 1 : 0, count: w.observed };
  });
  const latest = Math.max(...alarmWeeks.map((w) => w.index));
  const monday = (index: number) => addDays(origin, index * 7);
  return alarmEpisodes(alarmWeeks, quietWeeks).map((episode) => {
    const peak = byIndex.get(episode.peakIndex)!;
    const peakObserved = peak.observed ?? 0;
    return {
      firstAlarm: monday(episode.firstAlarm),
      lastAlarm: monday(episode.lastAlarm),
      alarms: episode.alarms,
      peakWeek: peak.week,
      peakObserved,
      peakExpected: peak.expected,
      peakUpperbound: peak.upperbound,
      score: peakObserved / Math.max(peak.upperbound ?? 0, 1),
      ongoing: episodeIsOpen(episode, alarmWeeks, latest, quietWeeks),
    };
  });
}
