import type { SignalDto } from '@accord/contracts';
import type { MessageKey } from '../../i18n/catalogues';
import type { I18n } from '../../i18n/i18n-context';
import { isoWeekLabel, type WeekKind } from './signal-weeks';

type SignalStatus = SignalDto['status'];

export const SIGNAL_STATUSES: readonly SignalStatus[] = ['new', 'accepted', 'dismissed'];

export const SIGNAL_STATUS_KEYS: Record<SignalStatus, MessageKey> = {
  new: 'signals.status.new',
  accepted: 'signals.status.accepted',
  dismissed: 'signals.status.dismissed',
};

export const RUN_STATUS_KEYS: Record<string, MessageKey> = {
  running: 'signals.run.status.running',
  completed: 'signals.run.status.completed',
  failed: 'signals.run.status.failed',
};

export const RUN_TRIGGER_KEYS: Record<string, MessageKey> = {
  import: 'signals.run.trigger.import',
  manual: 'signals.run.trigger.manual',
  cli: 'signals.run.trigger.cli',
};

export const WEEK_KIND_KEYS: Record<WeekKind, MessageKey> = {
  alarm: 'signals.week.alarm',
  quiet: 'signals.week.quiet',
  'no-result': 'signals.week.noResult',
  'no-count': 'signals.week.noCount',
};

/** Expected values and thresholds are estimates: one decimal is plenty, whole counts stay whole. */
export function roundValue(value: number): number {
  return Math.round(value * 10) / 10;
}

/** "342 cases in week 2024-W10, above the threshold of 210 (expected 120)", with what the signal has of it. */
export function reasonText(i18n: Pick<I18n, 't' | 'formatNumber'>, signal: SignalDto, metric: string): string {
  const { t, formatNumber } = i18n;
  const params = {
    observed: formatNumber(signal.peakObserved),
    metric,
    week: isoWeekLabel(signal.peakWeek),
    method: signal.method,
  };
  if (signal.peakUpperbound === null) return t('signals.reasonNoThreshold', params);
  const threshold = formatNumber(roundValue(signal.peakUpperbound));
  if (signal.peakExpected === null) return t('signals.reasonNoExpected', { ...params, threshold });
  return t('signals.reason', { ...params, threshold, expected: formatNumber(roundValue(signal.peakExpected)) });
}
