import { useEffect, useMemo } from 'react';
import { CountryOptions, DiseaseOptions } from '../../app/options';
import type { SignalDto } from '@accord/contracts';
import { api } from '../../api/client';
import { AsyncTable } from '../../app/async-table';
import { Link } from '../../app/link';
import { setSearchParams, useSearchParams } from '../../app/navigation';
import { useSession } from '../../app/session-context';
import { countriesInScope } from '../../app/surveillance-reference';
import { useAsync } from '../../app/use-async';
import { Field, PageHeader, ProblemAlert, TableHead } from '../../app/ui';
import { useI18n } from '../../i18n/i18n-context';
import { DetectionRunsCard } from './detection-runs';
import { SignalDetail } from './signal-detail';
import { SIGNAL_STATUSES, SIGNAL_STATUS_KEYS, reasonText, roundValue } from './signal-labels';
import { useSignalNames, type SignalNames } from './signal-names';
import { isoWeekLabel } from './signal-weeks';
import './signals.css';

const PAGE_SIZE = 10;
type StatusFilter = SignalDto['status'] | 'all';

function asStatus(value: string | null): StatusFilter {
  return value === 'all' || (SIGNAL_STATUSES as readonly string[]).includes(value ?? '') ? (value as StatusFilter) : 'new';
}

/**
 * The triage queue: signals of the reader's country scope, highest score first, filtered by status (new by
 * default), country, disease and whether the episode is ongoing. The filters and the signal shown live in the
 * address (?status=…&signal=…), so a signal can be shared as a link. Detection runs can be started and followed here.
 */
export function SignalsPage() {
  const { t, lang } = useI18n();
  const { session, can } = useSession();
  const params = useSearchParams();
  const names = useSignalNames();
  const status = asStatus(params.get('status'));
  const country = params.get('country') ?? '';
  const disease = params.get('disease') ?? '';
  const ongoing = params.get('ongoing') === 'true' ? true : params.get('ongoing') === 'false' ? false : undefined;
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const selected = params.get('signal');

  const query = {
    ...(status !== 'all' ? { status } : {}),
    ...(country ? { country } : {}),
    ...(disease ? { disease } : {}),
    ...(ongoing !== undefined ? { ongoing } : {}),
    limit: PAGE_SIZE,
    offset,
  };
  const signals = useAsync(`signals:${JSON.stringify(query)}`, () => api('listSignals', { query }));
  const inScope = useMemo(() => countriesInScope(names.countries, session?.user.scope, lang), [names.countries, session, lang]);
  const filter = (changes: Record<string, string | null>) => setSearchParams({ ...changes, offset: null });

  useEffect(() => {
    // A signal chosen in the list comes into view, as its detail is under the list.
    if (selected) document.getElementById('signal-detail')?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [selected]);

  return (
    <div className="signals-page">
      <PageHeader title={t('signals.title')}>
        <p className="muted">{t('signals.intro')}</p>
      </PageHeader>
      <ProblemAlert error={names.error} />
      <section className="card" aria-labelledby="signals-queue-heading">
        <h2 id="signals-queue-heading">{t('signals.queue')}</h2>
        <div className="form-grid signals-filters">
          <Field label={t('signals.filter.status')}>
            <select
              value={status}
              onChange={(e) => filter({ status: e.target.value === 'new' ? null : e.target.value })}
              data-testid="signals-status"
            >
              {SIGNAL_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(SIGNAL_STATUS_KEYS[s])}
                </option>
              ))}
              <option value="all">{t('signals.filter.allStatuses')}</option>
            </select>
          </Field>
          <Field label={t('signals.filter.country')}>
            <select value={country} onChange={(e) => filter({ country: e.target.value })} data-testid="signals-country">
              <option value="">{t('signals.filter.allCountries')}</option>
              <CountryOptions countries={inScope} />
            </select>
          </Field>
          <Field label={t('signals.filter.disease')}>
            <select value={disease} onChange={(e) => filter({ disease: e.target.value })} data-testid="signals-disease">
              <option value="">{t('signals.filter.allDiseases')}</option>
              <DiseaseOptions diseases={names.diseases} />
            </select>
          </Field>
          <Field label={t('signals.filter.ongoing')}>
            <select
              value={ongoing === undefined ? '' : String(ongoing)}
              onChange={(e) => filter({ ongoing: e.target.value })}
              data-testid="signals-ongoing"
            >
              <option value="">{t('signals.filter.ongoingAny')}</option>
              <option value="true">{t('signals.filter.ongoingOnly')}</option>
              <option value="false">{t('signals.filter.endedOnly')}</option>
            </select>
          </Field>
        </div>
        <AsyncTable
          state={signals}
          emptyText={t(status === 'new' ? 'signals.noneNew' : 'signals.none')}
          onPage={(o) => setSearchParams({ offset: o > 0 ? String(o) : null })}
        >
          {(page) => <SignalTable signals={page.items} offset={page.offset} selected={selected} names={names} busy={signals.loading} />}
        </AsyncTable>
      </section>
      {selected && <SignalDetail key={selected} id={selected} names={names} onChanged={signals.reload} />}
      {can('detection:read') && (
        <DetectionRunsCard canRun={can('detection:run')} countries={inScope} diseases={names.diseases} onFinished={signals.reload} />
      )}
    </div>
  );
}

function SignalTable({
  signals,
  offset,
  selected,
  names,
  busy,
}: {
  signals: readonly SignalDto[];
  offset: number;
  selected: string | null;
  names: SignalNames;
  busy: boolean;
}) {
  const i18n = useI18n();
  const { t, formatNumber } = i18n;
  const params = useSearchParams();
  const hrefFor = (id: string) => {
    const next = new URLSearchParams(params);
    next.set('signal', id);
    return `/signals?${next.toString()}`;
  };
  const value = (v: number | null) => (v === null ? '—' : formatNumber(roundValue(v)));

  return (
    <table className="table table-compact signals-table" data-testid="signals-table" aria-busy={busy}>
      <TableHead
        labels={[
          t('signals.rank'),
          t('signals.signal'),
          t('signals.weeks'),
          t('signals.peak'),
          t('signals.method'),
          t('signals.statusHeading'),
        ]}
      />
      <tbody>
        {signals.map((s, i) => (
          <tr
            key={s.id}
            className={s.id === selected ? 'row-selected' : undefined}
            data-signal={s.id}
            data-status={s.status}
            aria-current={s.id === selected ? 'true' : undefined}
          >
            <td className="numeric">{formatNumber(offset + i + 1)}</td>
            <td className="signal-cell">
              <Link to={hrefFor(s.id)} className="signal-link" data-testid="signal-link">
                {names.disease(s.disease)}
              </Link>{' '}
              <span className="signal-place">
                <bdi>{names.place(s)}</bdi> <code dir="ltr">{s.location}</code>
              </span>
              <span className="hint signal-reason">{reasonText(i18n, s, names.metric(s.metric))}</span>
            </td>
            <td className="nowrap">
              <bdi dir="ltr">
                {isoWeekLabel(s.firstAlarm)}
                {s.lastAlarm !== s.firstAlarm && ` → ${isoWeekLabel(s.lastAlarm)}`}
              </bdi>
              <span className="hint cell-message">{t('signals.alarmWeeks', { count: formatNumber(s.alarms) })}</span>
            </td>
            <td className="nowrap">
              <strong className="signal-peak">{formatNumber(s.peakObserved)}</strong>
              <span className="hint cell-message">
                {t('signals.chart.thresholdValue', { value: value(s.peakUpperbound) })}
                <br />
                {t('signals.chart.expectedValue', { value: value(s.peakExpected) })}
              </span>
            </td>
            <td className="nowrap">
              <code dir="ltr">{s.method}</code>
            </td>
            <td>
              <span className={`status signal-status-${s.status}`}>{t(SIGNAL_STATUS_KEYS[s.status])}</span>
              {s.ongoing && <span className="badge badge-ongoing">{t('signals.ongoing')}</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
