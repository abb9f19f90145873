import { useState } from 'react';
import type { MetricDto } from '@accord/contracts';
import { api } from '../../../api/client';
import { byName } from '../../../app/surveillance-reference';
import { useFormSubmit } from '../../../app/use-form-submit';
import { Field, Loading, Notice, ProblemAlert, TableHead } from '../../../app/ui';
import type { AsyncState } from '../../../app/use-async';
import { useI18n } from '../../../i18n/i18n-context';
import { SixNameFields, changedNames, readSixNames } from './six-names';

const COLUMNS = 4;

/** Metrics (cases, deaths…): everyone may read them; administrators add more and correct their names. */
export function MetricsSection({
  metrics,
  canManage,
  onChanged,
}: {
  metrics: AsyncState<MetricDto[]>;
  canManage: boolean;
  onChanged: () => void;
}) {
  const { t, lang } = useI18n();
  const [editing, setEditing] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const done = (metric: MetricDto, message: 'reference.metricCreated' | 'reference.metricUpdated') => {
    setEditing(null);
    setCreating(false);
    setNotice(t(message, { name: metric.names[lang] }));
    onChanged();
  };

  return (
    <section className="card" aria-labelledby="metrics-heading" data-testid="metrics-section">
      <div className="card-heading">
        <h2 id="metrics-heading">{t('reference.metrics')}</h2>
        {canManage && !creating && (
          <button type="button" className="button button-primary" onClick={() => setCreating(true)} data-testid="metric-new">
            {t('reference.newMetric')}
          </button>
        )}
      </div>
      {notice && <Notice>{notice}</Notice>}
      {creating && (
        <div className="subsection-form">
          <h3>{t('reference.newMetric')}</h3>
          <MetricForm onSaved={(m) => done(m, 'reference.metricCreated')} onCancel={() => setCreating(false)} />
        </div>
      )}
      <ProblemAlert error={metrics.error} />
      {!metrics.data ? (
        !metrics.error && <Loading />
      ) : (
        <div className="table-wrap">
          <table className="table table-compact" data-testid="metrics-table">
            <TableHead labels={[t('reference.code'), t('reference.name'), t('reference.wholeNumbers')]} actions={canManage} />
            <tbody>
              {byName(metrics.data, lang).map((m) =>
                editing === m.code ? (
                  <tr key={m.code} className="row-editing">
                    <td colSpan={COLUMNS}>
                      <p>
                        <strong>{t('reference.editTitle', { name: m.names[lang] })}</strong>
                      </p>
                      <MetricForm
                        metric={m}
                        onSaved={(saved) => done(saved, 'reference.metricUpdated')}
                        onCancel={() => setEditing(null)}
                      />
                    </td>
                  </tr>
                ) : (
                  <tr key={m.code}>
                    <td>
                      <code dir="ltr">{m.code}</code>
                    </td>
                    <td>{m.names[lang]}</td>
                    <td>{m.wholeNumbers ? t('common.yes') : t('common.no')}</td>
                    {canManage && (
                      <td className="cell-actions">
                        <button
                          type="button"
                          className="button"
                          onClick={() => setEditing(m.code)}
                          aria-label={t('reference.editTitle', { name: m.names[lang] })}
                        >
                          {t('common.edit')}
                        </button>
                      </td>
                    )}
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function MetricForm({ metric, onSaved, onCancel }: { metric?: MetricDto; onSaved: (m: MetricDto) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const { onSubmit, error, busy } = useFormSubmit(
    (form) => {
      const names = readSixNames(form);
      const wholeNumbers = form.get('wholeNumbers') === 'on';
      if (!metric) {
        return api('createMetric', { body: { code: String(form.get('code') ?? '').trim(), names, wholeNumbers } }).then(onSaved);
      }
      const changed = changedNames(metric.names, names);
      const body = {
        ...(Object.keys(changed).length > 0 ? { names: changed } : {}),
        ...(wholeNumbers !== metric.wholeNumbers ? { wholeNumbers } : {}),
      };
      if (Object.keys(body).length === 0) {
        onCancel();
        return;
      }
      return api('updateMetric', { params: { code: metric.code }, body }).then(onSaved);
    },
    { closesOnSuccess: true },
  );

  return (
    <form className="form form-grid" onSubmit={onSubmit} data-testid="metric-form">
      <ProblemAlert error={error} />
      {!metric && (
        <Field label={t('reference.code')} error={error} field="code">
          <input name="code" required maxLength={64} pattern="[a-z0-9][a-z0-9_\-]*" dir="ltr" autoComplete="off" />
          <span className="hint">{t('reference.codeHint', { example: 'hospitalised' })}</span>
        </Field>
      )}
      <label className="checkbox">
        <input type="checkbox" name="wholeNumbers" defaultChecked={metric?.wholeNumbers ?? true} />
        {t('reference.wholeNumbersLabel')}
      </label>
      <SixNameFields names={metric?.names} error={error} required={!metric} />
      <div className="form-actions form-span">
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('common.save')}
        </button>
        <button type="button" className="button button-quiet" onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
