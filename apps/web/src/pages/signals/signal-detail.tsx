import type { DetectionWeekDto, SignalDetailDto } from '@accord/contracts';
import { api } from '../../api/client';
import { setSearchParams } from '../../app/navigation';
import { useAsync } from '../../app/use-async';
import { Loading, ProblemAlert, TableHead } from '../../app/ui';
import { useI18n } from '../../i18n/i18n-context';
import { periodDates } from '../explorer/period-format';
import { periodSpan } from '../explorer/scales';
import { SignalChart } from './signal-chart';
import { SIGNAL_STATUS_KEYS, WEEK_KIND_KEYS, reasonText, roundValue } from './signal-labels';
import type { SignalNames } from './signal-names';
import { SignalTriage } from './signal-triage';
import { isoWeekLabel, weekKind } from './signal-weeks';

/** One signal: why it was raised, its series around the episode, and its triage. */
export function SignalDetail({ id, names, onChanged }: { id: string; names: SignalNames; onChanged: () => void }) {
  const { t } = useI18n();
  const detail = useAsync(`signal:${id}`, () => api('getSignal', { params: { id } }));

  return (
    <section id="signal-detail" className="card signal-detail" aria-labelledby="signal-detail-heading" data-testid="signal-detail">
      <div className="card-heading">
        <h2 id="signal-detail-heading">
          {detail.data ? `${names.disease(detail.data.signal.disease)} — ${names.place(detail.data.signal)}` : t('signals.detail')}
        </h2>
        <button type="button" className="button button-quiet" onClick={() => setSearchParams({ signal: null })}>
          {t('signals.close')}
        </button>
      </div>
      <ProblemAlert error={detail.error} />
      {detail.data ? (
        <SignalBody
          detail={detail.data}
          names={names}
          onDecided={() => {
            detail.reload();
            onChanged();
          }}
        />
      ) : (
        !detail.error && <Loading />
      )}
    </section>
  );
}

function SignalBody({ detail, names, onDecided }: { detail: SignalDetailDto; names: SignalNames; onDecided: () => void }) {
  const i18n = useI18n();
  const { t, formatNumber } = i18n;
  const { signal, weeks } = detail;
  const metric = names.metric(signal.metric);
  const value = (v: number | null) => (v === null ? '—' : formatNumber(roundValue(v)));
  const first = isoWeekLabel(signal.firstAlarm);
  const last = isoWeekLabel(signal.lastAlarm);
  const title = t('signals.chart.title', { disease: names.disease(signal.disease), metric, place: names.place(signal) });
  const summary = t('signals.chart.description', {
    count: formatNumber(weeks.length),
    first: weeks[0] ? isoWeekLabel(weeks[0].week) : '',
    last: weeks.length > 0 ? isoWeekLabel(weeks[weeks.length - 1]!.week) : '',
    alarms: formatNumber(weeks.filter((w) => w.alarm === true).length),
    reason: reasonText(i18n, signal, metric),
  });

  return (
    <>
      <p className="signal-lead" data-testid="signal-reason">
        {reasonText(i18n, signal, metric)}
      </p>
      <dl className="facts signal-facts">
        <div className="facts-row">
          <dt>{t('signals.weeks')}</dt>
          <dd>
            <bdi dir="ltr">{first === last ? first : `${first} → ${last}`}</bdi>{' '}
            <span className="muted">{t('signals.alarmWeeks', { count: formatNumber(signal.alarms) })}</span>
          </dd>
        </div>
        <div className="facts-row">
          <dt>{t('signals.method')}</dt>
          <dd>
            <code dir="ltr">{signal.method}</code>
          </dd>
        </div>
        <div className="facts-row">
          <dt>{t('signals.score')}</dt>
          <dd>{formatNumber(Math.round(signal.score * 100) / 100)}</dd>
        </div>
        <div className="facts-row">
          <dt>{t('signals.statusHeading')}</dt>
          <dd>
            <span className={`status signal-status-${signal.status}`}>{t(SIGNAL_STATUS_KEYS[signal.status])}</span>{' '}
            {signal.ongoing ? (
              <span className="badge badge-ongoing">{t('signals.ongoing')}</span>
            ) : (
              <span className="badge">{t('signals.ended')}</span>
            )}
          </dd>
        </div>
      </dl>
      {weeks.length > 0 ? (
        <SignalChart weeks={weeks} episode={{ first: signal.firstAlarm, last: signal.lastAlarm }} title={title} summary={summary} />
      ) : (
        <p>{t('signals.noWeeks')}</p>
      )}
      {weeks.length > 0 && (
        <details className="summary-details signal-weeks">
          <summary>{t('signals.tableSummary', { count: formatNumber(weeks.length) })}</summary>
          <div
            className="table-wrap table-scroll"
            tabIndex={0}
            role="region"
            aria-label={t('signals.tableSummary', { count: formatNumber(weeks.length) })}
          >
            <table className="table table-compact" data-testid="signal-weeks-table">
              <TableHead
                labels={[
                  t('explorer.period'),
                  t('explorer.dates'),
                  t('signals.observed'),
                  t('signals.expected'),
                  t('signals.threshold'),
                  t('signals.result'),
                ]}
              />
              <tbody>
                {weeks.map((w) => (
                  <WeekRow key={w.week} week={w} value={value} />
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
      <SignalTriage signal={signal} onDecided={onDecided} />
    </>
  );
}

function WeekRow({ week, value }: { week: DetectionWeekDto; value: (v: number | null) => string }) {
  const { t, lang } = useI18n();
  const label = isoWeekLabel(week.week);
  const span = periodSpan(label);
  const kind = weekKind(week);
  return (
    <tr data-kind={kind} className={kind === 'alarm' ? 'row-alarm' : undefined}>
      <td className="nowrap">
        <bdi>{label}</bdi>
      </td>
      <td>{span ? periodDates(span, lang) : ''}</td>
      <td className="numeric">{value(week.observed)}</td>
      <td className="numeric">{value(week.expected)}</td>
      <td className="numeric">{value(week.upperbound)}</td>
      <td>{t(WEEK_KIND_KEYS[kind])}</td>
    </tr>
  );
}
