import { useEffect, useRef, useState } from 'react';
import { CountryOptions, DiseaseOptions } from '../../app/options';
import type { CountryDto, DetectionRunDto, DiseaseDto } from '@accord/contracts';
import { api } from '../../api/client';
import { AsyncTable } from '../../app/async-table';
import { useAsync } from '../../app/use-async';
import { useFormSubmit } from '../../app/use-form-submit';
import { Field, ProblemAlert, TableHead } from '../../app/ui';
import { useI18n } from '../../i18n/i18n-context';
import { RUN_STATUS_KEYS, RUN_TRIGGER_KEYS } from './signal-labels';
import { isoWeekLabel } from './signal-weeks';

const POLL_MS = 1000;
const LATEST_RUNS = 5;

/** Starting a detection run and following it to its summary (for those who may run one), and the latest runs. */
export function DetectionRunsCard({
  canRun,
  countries,
  diseases,
  onFinished,
}: {
  canRun: boolean;
  countries: readonly CountryDto[];
  diseases: readonly DiseaseDto[];
  onFinished: () => void;
}) {
  const { t } = useI18n();
  const runs = useAsync('detection-runs', () => api('listDetectionRuns', { query: { limit: LATEST_RUNS } }));
  const [run, setRun] = useState<DetectionRunDto | null>(null);
  const [pollError, setPollError] = useState<unknown>(undefined);
  const finished = useRef<string | null>(null);
  const onFinishedRef = useRef(onFinished);
  useEffect(() => {
    onFinishedRef.current = onFinished;
  });
  const reloadRuns = runs.reload;

  useEffect(() => {
    // Each answer is a new object, so this asks again a second later until the run is over.
    if (!run || run.status !== 'running') return;
    const timer = window.setTimeout(() => {
      api('getDetectionRun', { params: { id: run.id } }).then(setRun, setPollError);
    }, POLL_MS);
    return () => window.clearTimeout(timer);
  }, [run]);

  useEffect(() => {
    if (!run || run.status === 'running' || finished.current === run.id) return;
    finished.current = run.id;
    onFinishedRef.current();
    reloadRuns();
  }, [run, reloadRuns]);

  return (
    <section className="card" aria-labelledby="detection-runs-heading" data-testid="detection-runs">
      <h2 id="detection-runs-heading">{t('signals.runs')}</h2>
      {canRun && (
        <RunForm
          countries={countries}
          diseases={diseases}
          running={run?.status === 'running'}
          onStarted={(started) => {
            setPollError(undefined);
            setRun(started);
            reloadRuns();
          }}
        />
      )}
      <ProblemAlert error={pollError} />
      {run && <RunProgress run={run} />}
      <h3>{t('signals.latestRuns')}</h3>
      <AsyncTable state={runs} emptyText={t('signals.noRuns')}>
        {(page) => <RunsTable runs={page.items} busy={runs.loading} />}
      </AsyncTable>
    </section>
  );
}

function RunForm({
  countries,
  diseases,
  running,
  onStarted,
}: {
  countries: readonly CountryDto[];
  diseases: readonly DiseaseDto[];
  running: boolean;
  onStarted: (run: DetectionRunDto) => void;
}) {
  const { t } = useI18n();
  const { onSubmit, error, busy } = useFormSubmit((form) => {
    const country = String(form.get('country') ?? '');
    const disease = String(form.get('disease') ?? '');
    return api('startDetectionRun', {
      body: { ...(country ? { countries: [country] } : {}), ...(disease ? { diseases: [disease] } : {}) },
    }).then(onStarted);
  });
  return (
    <form className="toolbar signal-run-form" onSubmit={onSubmit} data-testid="detection-run-form">
      <Field label={t('signals.filter.country')}>
        <select name="country" defaultValue="">
          <option value="">{t('signals.run.allCountries')}</option>
          <CountryOptions countries={countries} />
        </select>
      </Field>
      <Field label={t('signals.filter.disease')}>
        <select name="disease" defaultValue="">
          <option value="">{t('signals.run.allDiseases')}</option>
          <DiseaseOptions diseases={diseases} />
        </select>
      </Field>
      <button type="submit" className="button button-primary" disabled={busy || running} data-testid="detection-run-start">
        {t('signals.run.start')}
      </button>
      <ProblemAlert error={error} />
    </form>
  );
}

function RunProgress({ run }: { run: DetectionRunDto }) {
  const { t, formatNumber } = useI18n();
  if (run.status === 'running') {
    return (
      <div className="upload-progress" data-testid="detection-run-progress">
        <label>
          <span>{t('signals.run.progress', { done: formatNumber(run.seriesDone), total: formatNumber(run.seriesTotal) })}</span>
          <progress value={run.seriesDone} max={Math.max(run.seriesTotal, 1)} />
        </label>
      </div>
    );
  }
  const counts: [string, number, string][] = [
    [t('signals.run.weeksEvaluated'), run.weeksEvaluated, 'weeks'],
    [t('signals.run.alarms'), run.alarms, 'alarms'],
    [t('signals.run.signalsOpened'), run.signalsOpened, 'signals'],
  ];
  return (
    <div className="detection-run-summary" data-testid="detection-run-summary" data-status={run.status}>
      <div className={`alert ${run.status === 'completed' ? 'alert-success' : 'alert-error'}`} role="status">
        <strong className="alert-title">{t(run.status === 'completed' ? 'signals.run.completed' : 'signals.run.failed')}</strong>
        {run.message && (
          <span lang="en" dir="auto">
            {run.message}
          </span>
        )}
      </div>
      <dl className="counts">
        {counts.map(([label, value, key]) => (
          <div key={key} className="count" data-count={key}>
            <dt>{label}</dt>
            <dd>{formatNumber(value)}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

function RunsTable({ runs, busy }: { runs: readonly DetectionRunDto[]; busy: boolean }) {
  const { t, formatNumber, formatDateTime } = useI18n();
  const weeks = (r: DetectionRunDto) =>
    !r.from ? '—' : r.from === r.to ? isoWeekLabel(r.from) : `${isoWeekLabel(r.from)} → ${r.to ? isoWeekLabel(r.to) : '…'}`;
  return (
    <table className="table table-compact" data-testid="detection-runs-table" aria-busy={busy}>
      <TableHead
        labels={[
          t('signals.run.when'),
          t('signals.run.by'),
          t('signals.run.weeks'),
          t('signals.statusHeading'),
          t('signals.run.weeksEvaluated'),
          t('signals.run.alarms'),
          t('signals.run.signalsOpened'),
        ]}
      />
      <tbody>
        {runs.map((r) => {
          const status = RUN_STATUS_KEYS[r.status];
          const trigger = RUN_TRIGGER_KEYS[r.trigger];
          const scope = [...(r.countries ?? []), ...(r.diseases ?? [])].join(', ');
          return (
            <tr key={r.id} data-status={r.status}>
              <td>{formatDateTime(r.createdAt)}</td>
              <td>
                <bdi>{r.actorLabel}</bdi>
                <span className="hint cell-message">
                  {trigger ? t(trigger) : r.trigger}
                  {scope && (
                    <>
                      {' · '}
                      <bdi dir="ltr">{scope}</bdi>
                    </>
                  )}
                </span>
              </td>
              <td className="nowrap">
                <bdi dir="ltr">{weeks(r)}</bdi>
              </td>
              <td>
                <span className={`status status-${r.status}`}>{status ? t(status) : r.status}</span>
              </td>
              <td className="numeric">{formatNumber(r.weeksEvaluated)}</td>
              <td className="numeric">{formatNumber(r.alarms)}</td>
              <td className="numeric">{formatNumber(r.signalsOpened)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
