import { useState } from 'react';
import { DETECTION_METHODS } from '@accord/core';
import type { DetectionConfigDto, DiseaseDto, MetricDto } from '@accord/contracts';
import { api } from '../../../api/client';
import { AsyncTable } from '../../../app/async-table';
import { useSession } from '../../../app/session-context';
import { byName, useDiseases, useMetrics } from '../../../app/surveillance-reference';
import { useAsync } from '../../../app/use-async';
import { PageHeader, ProblemAlert, TableHead } from '../../../app/ui';
import type { MessageKey } from '../../../i18n/catalogues';
import { useI18n } from '../../../i18n/i18n-context';
import '../../signals/signals.css';
import { paramsToLines, parseParamLines, type ParamLinesProblem } from './param-lines';

const LINE_PROBLEM_KEYS: Record<ParamLinesProblem, MessageKey> = {
  'no-equals': 'detection.lineNoEquals',
  'no-name': 'detection.lineNoName',
  duplicate: 'detection.lineDuplicate',
};

/**
 * Which method, with which R control parameters, monitors each disease's weekly series. Everyone with access
 * reads the table; administrators change a row and save it on its own.
 */
export function DetectionSettingsPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const configs = useAsync('detection-configs', () => api('listDetectionConfigs'));
  const diseases = useDiseases();
  const metrics = useMetrics();
  const canEdit = can('detection:configure');

  return (
    <>
      <PageHeader title={t('detection.title')}>
        <p className="muted">{t('detection.intro')}</p>
      </PageHeader>
      <section className="card" aria-labelledby="detection-configs-heading">
        <h2 id="detection-configs-heading">{t('detection.configs')}</h2>
        <p className="hint">{t('detection.paramsHint', { example: 'alpha=0.01', methods: DETECTION_METHODS.join(', ') })}</p>
        <ProblemAlert error={diseases.error ?? metrics.error} />
        <AsyncTable state={configs} emptyText={t('detection.none')}>
          {(list) => (
            <table className="table table-compact detection-table" data-testid="detection-table" aria-busy={configs.loading}>
              <TableHead
                labels={[t('explorer.disease'), t('explorer.metric'), t('signals.method'), t('detection.params'), t('detection.enabled')]}
                actions={canEdit}
              />
              <tbody>
                {list.items.map((c) => (
                  <ConfigRow key={c.disease} config={c} canEdit={canEdit} diseases={diseases.data ?? []} metrics={metrics.data ?? []} />
                ))}
              </tbody>
            </table>
          )}
        </AsyncTable>
      </section>
    </>
  );
}

function ConfigRow({
  config: initial,
  canEdit,
  diseases,
  metrics,
}: {
  config: DetectionConfigDto;
  canEdit: boolean;
  diseases: readonly DiseaseDto[];
  metrics: readonly MetricDto[];
}) {
  const { t, lang, formatDateTime } = useI18n();
  const [config, setConfig] = useState(initial);
  const [metric, setMetric] = useState(initial.metric);
  const [method, setMethod] = useState(initial.method);
  const [lines, setLines] = useState(paramsToLines(initial.params));
  const [enabled, setEnabled] = useState(initial.enabled);
  const [lineError, setLineError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const disease = diseases.find((d) => d.code === config.disease)?.names[lang] ?? config.disease;
  const metricName = (code: string) => metrics.find((m) => m.code === code)?.names[lang] ?? code;
  const columns = canEdit ? 6 : 5;
  const label = (key: MessageKey) => `${t(key)} — ${disease}`;

  const save = () => {
    setError(undefined);
    setSaved(false);
    const parsed = parseParamLines(lines);
    if (!parsed.ok) {
      setLineError(t(LINE_PROBLEM_KEYS[parsed.problem], { line: parsed.line, name: parsed.name }));
      return;
    }
    setLineError(null);
    setBusy(true);
    api('updateDetectionConfig', { params: { disease: config.disease }, body: { metric, method, params: parsed.params, enabled } }).then(
      (next) => {
        setConfig(next);
        setLines(paramsToLines(next.params));
        setSaved(true);
        setBusy(false);
      },
      (err: unknown) => {
        setError(err);
        setBusy(false);
      },
    );
  };

  return (
    <>
      <tr data-disease={config.disease} data-default={config.isDefault}>
        <td className="detection-disease">
          <strong>{disease}</strong>
          <span className="hint cell-message">
            <code dir="ltr">{config.disease}</code>{' '}
            {config.isDefault && (
              <span className="badge" data-testid="detection-default" title={t('detection.defaultHint')}>
                {t('detection.default')}
              </span>
            )}
          </span>
          {config.updatedAt && (
            <span className="hint cell-message">
              {t('detection.changed', { when: formatDateTime(config.updatedAt), who: config.updatedBy ?? '—' })}
            </span>
          )}
        </td>
        <td>
          {canEdit ? (
            <select value={metric} onChange={(e) => setMetric(e.target.value)} aria-label={label('explorer.metric')} name="metric">
              {!metrics.some((m) => m.code === metric) && <option value={metric}>{metric}</option>}
              {byName(metrics, lang).map((m) => (
                <option key={m.code} value={m.code}>
                  {m.names[lang]}
                </option>
              ))}
            </select>
          ) : (
            metricName(config.metric)
          )}
        </td>
        <td>
          {canEdit ? (
            <select
              value={method}
              onChange={(e) => setMethod(e.target.value as DetectionConfigDto['method'])}
              aria-label={label('signals.method')}
              name="method"
              dir="ltr"
            >
              {DETECTION_METHODS.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          ) : (
            <code dir="ltr">{config.method}</code>
          )}
        </td>
        <td>
          {canEdit ? (
            <>
              <textarea
                value={lines}
                onChange={(e) => setLines(e.target.value)}
                rows={Math.max(2, lines.split('\n').length)}
                aria-label={label('detection.params')}
                aria-invalid={lineError ? true : undefined}
                name="params"
                dir="ltr"
                spellCheck={false}
              />
              {lineError && <span className="field-error">{lineError}</span>}
            </>
          ) : Object.keys(config.params).length > 0 ? (
            <code dir="ltr" className="signal-note">
              {paramsToLines(config.params)}
            </code>
          ) : (
            <span className="muted">{t('detection.methodDefaults')}</span>
          )}
        </td>
        <td>
          {canEdit ? (
            <input
              type="checkbox"
              checked={enabled}
              onChange={(e) => setEnabled(e.target.checked)}
              aria-label={label('detection.enabled')}
              name="enabled"
            />
          ) : (
            t(config.enabled ? 'common.yes' : 'common.no')
          )}
        </td>
        {canEdit && (
          <td className="cell-actions">
            <button type="button" className="button" onClick={save} disabled={busy} data-testid="detection-save">
              {t('common.save')}
            </button>
            {saved && (
              <span className="hint cell-message" role="status">
                {t('detection.saved')}
              </span>
            )}
          </td>
        )}
      </tr>
      {error !== undefined && (
        <tr className="row-editing" data-testid="detection-row-error">
          <td colSpan={columns}>
            <ProblemAlert error={error} />
          </td>
        </tr>
      )}
    </>
  );
}
