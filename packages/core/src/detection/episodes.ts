/**
 * Turning weekly alarms into signals people triage: one signal per series and rising episode, not
 * one per week. An episode starts with an alarm and lasts while alarms keep coming with no more
 * than `quietWeeks` weeks without one in between; the next alarm after that is a new episode.
 */

export interface AlarmWeek {
  /** Index of the week on the series' weekly axis. */
  index: number;
  /** 1 alarm, 0 none, null undefined (missing data or too little history): undefined weeks neither extend nor end an episode. */
  alarm: 0 | 1 | null;
  count: number | null;
}

export interface Episode {
  /** First and last alarm weeks of the episode. */
  firstAlarm: number;
  lastAlarm: number;
  alarms: number;
  /** Highest count among its alarm weeks, and the week it was seen. */
  peakCount: number;
  peakIndex: number;
}

/** Weeks without an alarm that end an episode by default: three quiet weeks. */
export const DEFAULT_QUIET_WEEKS = 3;

/**
 * Groups the alarm weeks of one series (in any order) into episodes. Pure and incremental-safe:
 * run over the whole evaluated history, it gives the same episodes however the weeks were batched.
 */
export function alarmEpisodes(weeks: readonly AlarmWeek[], quietWeeks: number = DEFAULT_QUIET_WEEKS): Episode[] {
  if (!Number.isInteger(quietWeeks) || quietWeeks < 1) throw new Error(`quietWeeks must be a whole number of weeks ≥ 1, not ${quietWeeks}`);
  const sorted = [...weeks].sort((a, b) => a.index - b.index);
  const episodes: Episode[] = [];
  let current: Episode | null = null;
  let quiet = 0;
  for (const week of sorted) {
    if (week.alarm === null) continue;
    if (week.alarm === 0) {
      if (current && ++quiet >= quietWeeks) {
        episodes.push(current);
        current = null;
      }
      continue;
    }
    quiet = 0;
    const count = week.count ?? 0;
    if (current === null) {
      current = { firstAlarm: week.index, lastAlarm: week.index, alarms: 1, peakCount: count, peakIndex: week.index };
      continue;
    }
    current.lastAlarm = week.index;
    current.alarms++;
    if (count > current.peakCount) {
      current.peakCount = count;
      current.peakIndex = week.index;
    }
  }
  if (current) episodes.push(current);
  return episodes;
}

/** Whether an episode is still going at week `latest` (fewer than `quietWeeks` evaluated quiet weeks since its last alarm). */
export function episodeIsOpen(
  episode: Episode,
  weeks: readonly AlarmWeek[],
  latest: number,
  quietWeeks: number = DEFAULT_QUIET_WEEKS,
): boolean {
  const quietSince = weeks.filter((w) => w.index > episode.lastAlarm && w.index <= latest && w.alarm === 0).length;
  return quietSince < quietWeeks;
}
