import { useEffect, type ReactNode } from 'react';
import { ApiProblem } from '../api/client';
import type { MessageKey } from '../i18n/catalogues';
import { useI18n } from '../i18n/i18n-context';

/** Translated headlines for the API's stable error codes; the server's detail follows in English. */
const PROBLEM_TITLES: Record<string, MessageKey> = {
  validation_failed: 'error.validation_failed',
  malformed_json: 'error.generic',
  body_too_large: 'error.generic',
  unsupported_media_type: 'error.generic',
  unauthenticated: 'error.unauthenticated',
  invalid_credentials: 'error.invalid_credentials',
  csrf_token_missing: 'error.csrf_token_missing',
  forbidden: 'error.forbidden',
  not_found: 'error.not_found',
  conflict: 'error.conflict',
  too_many_attempts: 'error.too_many_attempts',
  not_ready: 'error.not_ready',
  internal: 'error.internal',
  network_error: 'error.network',
};

/** Shows what went wrong: a translated headline by error code and the server's own explanation. */
export function ProblemAlert({ error }: { error: unknown }) {
  const { t, lang } = useI18n();
  if (error === undefined || error === null) return null;
  const problem = error instanceof ApiProblem ? error.problem : null;
  const title = t(PROBLEM_TITLES[problem?.code ?? ''] ?? 'error.generic');
  const detail = problem?.detail ?? (error instanceof Error ? error.message : String(error));
  return (
    <div className="alert alert-error" role="alert" data-testid="problem">
      {/* The detail is written by the server in English; in English alone it says everything. */}
      {lang !== 'en' && <strong className="alert-title">{title}</strong>}
      <span lang="en" dir="auto">
        {detail}
      </span>
    </div>
  );
}

export function FieldError({ error, field }: { error: unknown; field: string }) {
  const reason = error instanceof ApiProblem ? error.fieldReason(field) : undefined;
  if (!reason) return null;
  return (
    <span className="field-error" lang="en" dir="auto">
      {reason}
    </span>
  );
}

/**
 * A labelled form control (children: the control, then any hint or note of its own) followed by the reason the
 * server gave if it rejected `field`. The whole block is the label, so a click on the text focuses the control.
 */
export function Field({ label, error, field, children }: { label: string; error?: unknown; field?: string; children: ReactNode }) {
  return (
    <label className="field">
      <span>{label}</span>
      {children}
      {field !== undefined && <FieldError error={error} field={field} />}
    </label>
  );
}

export function Notice({ children, tone = 'success' }: { children: ReactNode; tone?: 'success' | 'info' }) {
  return (
    <div className={`alert alert-${tone}`} role="status">
      {children}
    </div>
  );
}

/**
 * The header row of a data table: one column a label and, with `actions`, a last column for the row buttons,
 * named for screen readers only (the buttons say what they do).
 */
export function TableHead({ labels, actions = false }: { labels: readonly string[]; actions?: boolean }) {
  const { t } = useI18n();
  return (
    <thead>
      <tr>
        {labels.map((label, i) => (
          <th key={i} scope="col">
            {label}
          </th>
        ))}
        {actions && (
          <th scope="col">
            <span className="visually-hidden">{t('common.actions')}</span>
          </th>
        )}
      </tr>
    </thead>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      {t('common.loading')}
    </p>
  );
}

export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  const { t } = useI18n();
  const product = t('app.name');
  useEffect(() => {
    document.title = title === product ? product : `${title} · ${product}`;
  }, [title, product]);
  return (
    <header className="page-header">
      <h1 tabIndex={-1}>{title}</h1>
      {children}
    </header>
  );
}
