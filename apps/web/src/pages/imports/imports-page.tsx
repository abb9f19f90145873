import { useState } from 'react';
import type { ImportBatchDto } from '@accord/contracts';
import { api, apiUrl } from '../../api/client';
import { AsyncTable } from '../../app/async-table';
import { useSession } from '../../app/session-context';
import { useAsync } from '../../app/use-async';
import { PageHeader, TableHead } from '../../app/ui';
import type { MessageKey } from '../../i18n/catalogues';
import { useI18n } from '../../i18n/i18n-context';
import { formatBytes } from './format-bytes';
import { UploadCard } from './upload-card';

const PAGE_SIZE = 20;

const STATUS_KEYS: Record<string, MessageKey> = {
  running: 'imports.status.running',
  completed: 'imports.status.completed',
  rejected: 'imports.status.rejected',
  failed: 'imports.status.failed',
  cancelled: 'imports.status.cancelled',
};

const CHANNEL_KEYS: Record<string, MessageKey> = {
  web: 'imports.channel.web',
  api: 'imports.channel.api',
  cli: 'imports.channel.cli',
  seed: 'imports.channel.seed',
  dhis2: 'imports.channel.dhis2',
};

const SAMPLE = `location,disease,metric,period,value
KEN,cholera,cases,2024-W05,12
KEN,cholera,deaths,2024-W05,0
KEN,measles,cases,2024-03,41`;

/** Upload surveillance data as canonical CSV, and the list of import batches with their reports and files. */
export function ImportsPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const [offset, setOffset] = useState(0);
  const batches = useAsync(`imports:${offset}`, () => api('listImports', { query: { limit: PAGE_SIZE, offset } }));

  return (
    <>
      <PageHeader title={t('imports.title')}>
        <p className="muted">{t('imports.intro')}</p>
      </PageHeader>
      <div className="grid-two imports-top">
        {can('observations:import') && (
          <UploadCard
            onImported={() => {
              setOffset(0);
              batches.reload();
            }}
          />
        )}
        <FormatHelp />
      </div>
      <section className="card" aria-labelledby="batches-heading">
        <h2 id="batches-heading">{t('imports.batches')}</h2>
        <AsyncTable state={batches} emptyText={t('imports.noBatches')} onPage={setOffset}>
          {(page) => <BatchTable batches={page.items} busy={batches.loading} />}
        </AsyncTable>
      </section>
    </>
  );
}

function FormatHelp() {
  const { t } = useI18n();
  return (
    <section className="card format-help" aria-labelledby="format-heading">
      <h2 id="format-heading">{t('imports.formatHeading')}</h2>
      <p>{t('imports.formatColumns', { columns: 'location, disease, metric, period, value' })}</p>
      <pre className="code-sample" dir="ltr" lang="en">
        {SAMPLE}
      </pre>
      <ul className="format-rules">
        <li>{t('imports.formatLocation', { location: 'location', example: 'KEN' })}</li>
        <li>{t('imports.formatCodes', { disease: 'disease', metric: 'metric' })}</li>
        <li>{t('imports.formatPeriod', { period: 'period', week: '2024-W05', month: '2024-03', day: '2024-03-15' })}</li>
        <li>{t('imports.formatValue', { value: 'value' })}</li>
        <li>{t('imports.formatRows', { encoding: 'UTF-8' })}</li>
        <li>{t('imports.formatAgain')}</li>
      </ul>
      <p className="hint">
        {t('imports.formatDocs', { file: 'docs/surveillance.md' })} <a href="/api/docs">{t('imports.apiDocs')}</a>
      </p>
    </section>
  );
}

function BatchTable({ batches, busy }: { batches: ImportBatchDto[]; busy: boolean }) {
  const { t, lang, formatNumber, formatDateTime } = useI18n();
  return (
    <table className="table table-compact batches-table" data-testid="batches-table" aria-busy={busy}>
      <TableHead
        labels={[
          t('imports.when'),
          t('imports.fileName'),
          t('imports.by'),
          t('imports.statusHeading'),
          t('imports.rowsRead'),
          t('imports.inserted'),
          t('imports.updated'),
          t('imports.unchanged'),
          t('imports.rejected'),
          t('imports.downloads'),
        ]}
      />
      <tbody>
        {batches.map((b) => {
          const status = STATUS_KEYS[b.status];
          const channel = CHANNEL_KEYS[b.channel];
          return (
            <tr key={b.id} data-status={b.status}>
              <td>{formatDateTime(b.createdAt)}</td>
              <td className="cell-file">
                <bdi>{b.fileName ?? '—'}</bdi>
                <span className="hint">
                  {[channel ? t(channel) : b.channel, formatBytes(b.bytes, lang), b.atomic ? t('imports.atomicShort') : null]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              </td>
              <td>
                <bdi>{b.actorLabel}</bdi>
              </td>
              <td>
                <span className={`status status-${b.status}`}>{status ? t(status) : b.status}</span>
                {b.message && b.status !== 'completed' && (
                  <span className="hint cell-message" lang="en" dir="auto">
                    {b.message}
                  </span>
                )}
              </td>
              <td className="numeric">{formatNumber(b.rowsRead)}</td>
              <td className="numeric">{formatNumber(b.rowsInserted)}</td>
              <td className="numeric">{formatNumber(b.rowsUpdated)}</td>
              <td className="numeric">{formatNumber(b.rowsUnchanged)}</td>
              <td className="numeric">{formatNumber(b.rowsRejected)}</td>
              <td className="cell-links">
                {(b.rowsRejected > 0 || b.status === 'rejected') && (
                  <a href={apiUrl('getImportErrors', { params: { id: b.id } })} download>
                    {t('imports.errorReportShort')}
                  </a>
                )}
                {b.bytes > 0 && (
                  <a href={apiUrl('getImportFile', { params: { id: b.id } })} download>
                    {t('imports.originalFile')}
                  </a>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
