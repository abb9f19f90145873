import { useState, type FormEvent } from 'react';
import type { RouteResult } from '@accord/contracts';
import { api } from '../../api/client';
import { AsyncTable } from '../../app/async-table';
import { useAsync } from '../../app/use-async';
import { Field, Loading, Notice, PageHeader, ProblemAlert, TableHead } from '../../app/ui';
import { useI18n } from '../../i18n/i18n-context';

const PAGE_SIZE = 50;

export function AuditPage() {
  const { t, formatDateTime, formatNumber } = useI18n();
  const [query, setQuery] = useState({ action: '', offset: 0 });
  const entries = useAsync(`audit:${query.action}:${query.offset}`, () =>
    api('listAudit', { query: { limit: PAGE_SIZE, offset: query.offset, action: query.action || undefined } }),
  );

  const filter = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setQuery({ action: String(new FormData(event.currentTarget).get('action') ?? '').trim(), offset: 0 });
  };

  return (
    <>
      <PageHeader title={t('audit.title')} />
      <p className="muted">{t('audit.intro')}</p>
      <ChainCheck />
      <form className="toolbar" role="search" onSubmit={filter}>
        <Field label={t('audit.action')}>
          <input name="action" defaultValue={query.action} placeholder="user.create" dir="ltr" maxLength={100} />
        </Field>
        <button type="submit" className="button">
          {t('audit.filter')}
        </button>
      </form>
      <AsyncTable state={entries} emptyText={t('audit.none')} onPage={(offset) => setQuery((q) => ({ ...q, offset }))}>
        {(page) => (
          <table className="table table-compact" data-testid="audit-table" aria-busy={entries.loading}>
            <TableHead
              labels={[
                t('audit.seq'),
                t('audit.at'),
                t('audit.actor'),
                t('audit.action'),
                t('audit.target'),
                t('audit.summary'),
                t('audit.hash'),
              ]}
            />
            <tbody>
              {page.items.map((entry) => (
                <tr key={entry.seq}>
                  <td className="numeric">{formatNumber(entry.seq)}</td>
                  <td className="nowrap">{formatDateTime(entry.at)}</td>
                  <td>
                    <bdi>{entry.actorLabel}</bdi>
                  </td>
                  <td>
                    <code>{entry.action}</code>
                  </td>
                  <td className="nowrap">
                    <bdi title={entry.targetId ?? undefined}>
                      {[entry.targetType, shortId(entry.targetId)].filter(Boolean).join(' ') || '—'}
                    </bdi>
                  </td>
                  <td className="cell-summary">
                    <SummaryCell summary={entry.summary} />
                  </td>
                  <td>
                    <code title={entry.hash}>{entry.hash.slice(0, 12)}…</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </AsyncTable>
    </>
  );
}

/** UUIDs are long and alike at a glance: the first block tells rows apart, the full id is in the tooltip. */
function shortId(id: string | null): string | null {
  return id && /^[0-9a-f]{8}-[0-9a-f-]{27}$/i.test(id) ? `${id.slice(0, 8)}…` : id;
}

/** Summaries are free-form JSON: show a one-line preview and the whole document on demand. */
function SummaryCell({ summary }: { summary: unknown }) {
  const { t } = useI18n();
  if (summary === null || summary === undefined) return <>—</>;
  const text = JSON.stringify(summary, null, 2);
  const preview = JSON.stringify(summary);
  if (preview.length <= 48) return <code dir="ltr">{preview}</code>;
  return (
    <details className="summary-details">
      <summary>
        <code dir="ltr">{preview.slice(0, 45)}…</code>
        <span className="visually-hidden">{t('audit.showSummary')}</span>
      </summary>
      <pre dir="ltr">{text}</pre>
    </details>
  );
}

type Verification = RouteResult<'verifyAudit'>;

function ChainCheck() {
  const { t, formatNumber } = useI18n();
  const [result, setResult] = useState<Verification | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  const verify = async () => {
    setBusy(true);
    setError(undefined);
    setResult(null);
    try {
      setResult(await api('verifyAudit'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="chain-check" data-testid="audit-verify">
      <button type="button" className="button" onClick={verify} disabled={busy} data-testid="audit-verify-button">
        {busy ? t('audit.verifying') : t('audit.verify')}
      </button>
      <ProblemAlert error={error} />
      {busy && <Loading />}
      {result?.ok && <Notice>{t('audit.chainOk', { count: formatNumber(result.checked) })}</Notice>}
      {result && !result.ok && (
        <div className="alert alert-error" role="alert" data-testid="audit-broken">
          <strong className="alert-title">
            {t('audit.chainBroken', {
              seq: result.firstBroken ? formatNumber(result.firstBroken.seq) : '?',
              count: formatNumber(result.checked),
            })}
          </strong>
          {result.firstBroken && (
            <span lang="en" dir="auto">
              {result.firstBroken.problem}: {result.firstBroken.detail}
            </span>
          )}
        </div>
      )}
    </div>
  );
}
