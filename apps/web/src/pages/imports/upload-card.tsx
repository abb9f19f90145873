import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ImportSummaryDto } from '@accord/contracts';
import { ApiProblem, apiUrl } from '../../api/client';
import { uploadCsv, type Upload, type UploadProgress } from '../../api/upload';
import { Field, Notice, ProblemAlert, TableHead } from '../../app/ui';
import { useI18n } from '../../i18n/i18n-context';
import { formatBytes } from './format-bytes';

type State =
  | { step: 'idle' }
  | { step: 'sending'; fileName: string; progress: UploadProgress }
  | { step: 'done'; summary: ImportSummaryDto }
  | { step: 'failed'; error: unknown }
  | { step: 'cancelled' };

/**
 * Choose a CSV file and send it. The progress bar follows the bytes sent; the server imports as it reads, so
 * when the last byte is sent only the final checks remain. Cancel stops the upload and the server changes nothing.
 */
export function UploadCard({ onImported }: { onImported: () => void }) {
  const { t, lang, formatNumber } = useI18n();
  const [state, setState] = useState<State>({ step: 'idle' });
  const upload = useRef<Upload | null>(null);

  // Leaving the page mid-upload cancels it, as closing the tab would.
  useEffect(() => () => upload.current?.abort(), []);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get('file');
    if (!(file instanceof File) || file.name === '') return;
    const running = uploadCsv(file, {
      fileName: file.name,
      atomic: form.get('atomic') === 'on',
      onProgress: (progress) => setState({ step: 'sending', fileName: file.name, progress }),
    });
    upload.current = running;
    setState({ step: 'sending', fileName: file.name, progress: { loaded: 0, total: file.size } });
    const settle = (next: State) => {
      if (upload.current === running) upload.current = null;
      setState(next);
      onImported();
    };
    running.result.then(
      (summary) => settle({ step: 'done', summary }),
      (error: unknown) =>
        settle(error instanceof ApiProblem && error.code === 'cancelled' ? { step: 'cancelled' } : { step: 'failed', error }),
    );
  };

  const sending = state.step === 'sending' ? state : null;
  const total = sending?.progress.total ?? null;
  const loaded = sending?.progress.loaded ?? 0;
  const sent = total !== null && total > 0 && loaded >= total;
  const percent = total ? Math.min(100, Math.round((loaded / total) * 100)) : null;

  return (
    <section className="card" aria-labelledby="upload-heading" data-testid="upload-card">
      <h2 id="upload-heading">{t('imports.uploadHeading')}</h2>
      <form className="form upload-form" onSubmit={submit}>
        <Field label={t('imports.file')}>
          <input type="file" name="file" accept=".csv,text/csv" required disabled={!!sending} data-testid="upload-file" />
        </Field>
        <label className="checkbox">
          <input type="checkbox" name="atomic" disabled={!!sending} data-testid="upload-atomic" />
          {t('imports.atomic')}
        </label>
        <p className="hint">{t('imports.atomicHint')}</p>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={!!sending} data-testid="upload-submit">
            {t('imports.upload')}
          </button>
          {/* Once every byte is sent the server only has the final step left, and a cancel could no longer stop it. */}
          {sending && !sent && (
            <button type="button" className="button" onClick={() => upload.current?.abort()} data-testid="upload-cancel">
              {t('common.cancel')}
            </button>
          )}
        </div>
      </form>

      {sending && (
        <div className="upload-progress" data-testid="upload-progress">
          <label className="field">
            <span>{sent ? t('imports.finishing', { file: sending.fileName }) : t('imports.sending', { file: sending.fileName })}</span>
            <progress max={total ?? undefined} value={total ? loaded : undefined} />
          </label>
          <p className="hint" aria-live="polite">
            {total
              ? t('imports.progress', {
                  sent: formatBytes(loaded, lang),
                  total: formatBytes(total, lang),
                  percent: formatNumber(percent ?? 0),
                })
              : formatBytes(loaded, lang)}
          </p>
        </div>
      )}
      {state.step === 'cancelled' && <Notice tone="info">{t('imports.cancelled')}</Notice>}
      {state.step === 'failed' && <ProblemAlert error={state.error} />}
      {state.step === 'done' && <ImportSummary summary={state.summary} />}
    </section>
  );
}

function ImportSummary({ summary }: { summary: ImportSummaryDto }) {
  const { t, formatNumber } = useI18n();
  const accepted = summary.status === 'completed';
  const counts: [string, number, string][] = [
    [t('imports.rowsRead'), summary.rowsRead, 'read'],
    [t('imports.inserted'), summary.inserted, 'inserted'],
    [t('imports.updated'), summary.updated, 'updated'],
    [t('imports.unchanged'), summary.unchanged, 'unchanged'],
    [t('imports.rejected'), summary.rejected, 'rejected'],
  ];
  return (
    <div className="import-summary" data-testid="import-summary" data-status={summary.status}>
      <div className={`alert ${!accepted ? 'alert-error' : summary.rejected > 0 ? 'alert-warning' : 'alert-success'}`} role="status">
        <strong className="alert-title">
          {accepted
            ? summary.rejected === 0
              ? t('imports.summaryCompleted')
              : t('imports.summaryPartial', { count: formatNumber(summary.rejected) })
            : t('imports.summaryRejected')}
        </strong>
        <span lang="en" dir="auto" data-testid="import-message">
          {summary.message}
        </span>
      </div>
      <dl className="counts">
        {counts.map(([label, value, key]) => (
          <div key={key} className="count" data-count={key}>
            <dt>{label}</dt>
            <dd>{formatNumber(value)}</dd>
          </div>
        ))}
      </dl>
      {summary.duplicateOf && <Notice tone="info">{t('imports.duplicate', { batch: summary.duplicateOf.slice(0, 8) })}</Notice>}
      {summary.errors.length > 0 && (
        <>
          <h3>{summary.moreErrors ? t('imports.firstErrors', { count: formatNumber(summary.errors.length) }) : t('imports.errors')}</h3>
          <div className="table-wrap table-scroll">
            <table className="table table-compact" data-testid="import-errors">
              <TableHead labels={[t('imports.line'), t('imports.column'), t('imports.value'), t('imports.reason')]} />
              <tbody>
                {summary.errors.map((e, i) => (
                  <tr key={`${e.line}:${e.column ?? ''}:${i}`}>
                    <td className="numeric">{formatNumber(e.line)}</td>
                    <td>{e.column ? <code dir="ltr">{e.column}</code> : '—'}</td>
                    <td>{e.value !== null ? <code dir="ltr">{e.value}</code> : '—'}</td>
                    <td lang="en" dir="auto">
                      {e.reason}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {summary.rejected > 0 && (
        <p className="error-report-link">
          <a href={apiUrl('getImportErrors', { params: { id: summary.batchId } })} download data-testid="import-error-report">
            {t('imports.errorReport')}
          </a>
        </p>
      )}
    </div>
  );
}
