import { useState } from 'react';
import { CountryOptions, DiseaseOptions } from '../../../app/options';
import type { CountryDto, DataElementMappingDto, DiseaseDto, MetricDto, OrgUnitMappingDto } from '@accord/contracts';
import { api } from '../../../api/client';
import { AsyncTable } from '../../../app/async-table';
import { useCountries } from '../../../app/countries';
import { useSession } from '../../../app/session-context';
import { byName, useDiseases, useMetrics } from '../../../app/surveillance-reference';
import { useAsync } from '../../../app/use-async';
import { useFormSubmit } from '../../../app/use-form-submit';
import { Field, PageHeader, TableHead, ProblemAlert } from '../../../app/ui';
import { useI18n } from '../../../i18n/i18n-context';
import { DATA_ELEMENT_COLUMNS, ORG_UNIT_COLUMNS, parseDataElementLines, parseOrgUnitLines } from './mapping-lines';
import { PasteForm } from './paste-form';

const PAYLOAD = `{
  "dataSet": "pBOMPrpg1QX",
  "period": "2024W5",
  "orgUnit": "ImspTQPwCqd",
  "dataValues": [
    { "dataElement": "fbfJHSPpUQD", "categoryOptionCombo": "pq2XI5kz2BY", "value": "12" },
    { "dataElement": "cYeuwXTCPkU", "value": "0" }
  ]
}`;

const CURL = `curl -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" \\
     --data @payload.json "$ACCORD/api/dataValueSets?dryRun=true"`;

/** How DHIS2 identifiers translate to Accord's: data elements to disease and metric, org units to locations. */
export function Dhis2Page() {
  const { t } = useI18n();
  const { can } = useSession();
  const diseases = useDiseases();
  const metrics = useMetrics();
  const countries = useCountries();

  return (
    <>
      <PageHeader title={t('dhis2.title')}>
        <p className="muted">{t('dhis2.intro')}</p>
      </PageHeader>
      <Dhis2Help />
      <DataElementsCard
        canManage={can('dhis2-mappings:manage-data-elements')}
        diseases={diseases.data ?? []}
        metrics={metrics.data ?? []}
      />
      <OrgUnitsCard canManage={can('dhis2-mappings:manage-org-units')} countries={countries.data ?? []} />
    </>
  );
}

function Dhis2Help() {
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby="dhis2-help-heading">
      <h2 id="dhis2-help-heading">{t('dhis2.helpHeading')}</h2>
      <p>{t('dhis2.help1', { endpoint: 'POST /api/dataValueSets' })}</p>
      <ul className="format-rules">
        <li>{t('dhis2.help2', { week: '2024W5', month: '202403', day: '20240315' })}</li>
        <li>
          {t('dhis2.help3', {
            dryRun: 'dryRun=true',
            atomic: 'atomicMode=ALL',
            strategy: 'importStrategy',
            createAndUpdate: 'CREATE_AND_UPDATE',
          })}
        </li>
        <li>{t('dhis2.help4')}</li>
        <li>{t('dhis2.help5')}</li>
      </ul>
      <pre className="code-sample" dir="ltr" lang="en">
        {PAYLOAD}
      </pre>
      <pre className="code-sample" dir="ltr" lang="en">
        {CURL}
      </pre>
    </section>
  );
}

function RemoveButton({ label, onRemove, testId }: { label: string; onRemove: () => Promise<void>; testId: string }) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!confirming) {
    return (
      <button type="button" className="button" onClick={() => setConfirming(true)} aria-label={label} data-testid={testId}>
        {t('dhis2.remove')}
      </button>
    );
  }
  return (
    <>
      <button
        type="button"
        className="button button-danger"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void onRemove().finally(() => {
            setBusy(false);
            setConfirming(false);
          });
        }}
        data-testid={`${testId}-confirm`}
      >
        {t('dhis2.confirmRemove')}
      </button>
      <button type="button" className="button button-quiet" onClick={() => setConfirming(false)}>
        {t('common.cancel')}
      </button>
    </>
  );
}

function DataElementsCard({ canManage, diseases, metrics }: { canManage: boolean; diseases: DiseaseDto[]; metrics: MetricDto[] }) {
  const { t, lang } = useI18n();
  const mappings = useAsync('dhis2:data-elements', () => api('listDataElementMappings'));
  const [actionError, setActionError] = useState<unknown>(undefined);
  const diseaseName = (code: string) => diseases.find((d) => d.code === code)?.names[lang];
  const metricName = (code: string) => metrics.find((m) => m.code === code)?.names[lang];

  const remove = async (m: DataElementMappingDto) => {
    setActionError(undefined);
    try {
      await api('deleteDataElementMapping', {
        params: { id: m.dataElement },
        query: m.categoryOptionCombo ? { categoryOptionCombo: m.categoryOptionCombo } : {},
      });
      mappings.reload();
    } catch (error) {
      setActionError(error);
    }
  };
  const upsert = (rows: DataElementMappingDto[]) => api('upsertDataElementMappings', { body: { mappings: rows } }).then(mappings.reload);

  return (
    <section className="card" aria-labelledby="dhis2-de-heading" data-testid="dhis2-data-elements">
      <h2 id="dhis2-de-heading">{t('dhis2.dataElements')}</h2>
      <p className="muted">{t('dhis2.dataElementsIntro')}</p>
      <AsyncTable state={mappings} actionError={actionError} emptyText={t('dhis2.noDataElements')}>
        {(list) => (
          <table className="table table-compact" aria-busy={mappings.loading} data-testid="dhis2-data-elements-table">
            <TableHead
              labels={[t('dhis2.dataElement'), t('dhis2.categoryOptionCombo'), t('explorer.disease'), t('explorer.metric')]}
              actions={canManage}
            />
            <tbody>
              {list.items.map((m) => (
                <tr key={`${m.dataElement}/${m.categoryOptionCombo ?? ''}`}>
                  <td>
                    <code dir="ltr">{m.dataElement}</code>
                  </td>
                  <td>
                    {m.categoryOptionCombo ? (
                      <code dir="ltr">{m.categoryOptionCombo}</code>
                    ) : (
                      <span className="muted">{t('dhis2.anyCombo')}</span>
                    )}
                  </td>
                  <td>
                    {diseaseName(m.disease) ?? ''} <code dir="ltr">{m.disease}</code>
                  </td>
                  <td>
                    {metricName(m.metric) ?? ''} <code dir="ltr">{m.metric}</code>
                  </td>
                  {canManage && (
                    <td className="cell-actions">
                      <RemoveButton
                        label={t('dhis2.removeMapping', { id: m.dataElement })}
                        onRemove={() => remove(m)}
                        testId="dhis2-de-remove"
                      />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </AsyncTable>
      {canManage && (
        <div className="subsection">
          <DataElementForm diseases={diseases} metrics={metrics} onSave={upsert} />
          <PasteForm
            columns={DATA_ELEMENT_COLUMNS}
            example={'dataElement,categoryOptionCombo,disease,metric\nfbfJHSPpUQD,pq2XI5kz2BY,cholera,cases\ncYeuwXTCPkU,,cholera,deaths'}
            parse={parseDataElementLines}
            send={upsert}
            testId="dhis2-de-paste"
          />
        </div>
      )}
    </section>
  );
}

function DataElementForm({
  diseases,
  metrics,
  onSave,
}: {
  diseases: DiseaseDto[];
  metrics: MetricDto[];
  onSave: (rows: DataElementMappingDto[]) => Promise<unknown>;
}) {
  const { t, lang } = useI18n();
  const { onSubmit, error, busy } = useFormSubmit((form, element) => {
    const text = (name: string) => String(form.get(name) ?? '').trim();
    return onSave([
      {
        dataElement: text('dataElement'),
        categoryOptionCombo: text('categoryOptionCombo') || null,
        disease: text('disease'),
        metric: text('metric'),
      },
    ]).then(() => element.reset());
  });
  return (
    <form className="form form-grid" onSubmit={onSubmit} data-testid="dhis2-de-form">
      <h3 className="form-span">{t('dhis2.addDataElement')}</h3>
      <ProblemAlert error={error} />
      <Field label={t('dhis2.dataElement')} error={error} field="mappings.0.dataElement">
        <input name="dataElement" required maxLength={255} dir="ltr" autoComplete="off" placeholder="fbfJHSPpUQD" />
      </Field>
      <Field label={t('dhis2.categoryOptionCombo')} error={error} field="mappings.0.categoryOptionCombo">
        <input name="categoryOptionCombo" maxLength={255} dir="ltr" autoComplete="off" />
        <span className="hint">{t('dhis2.comboHint')}</span>
      </Field>
      <Field label={t('explorer.disease')} error={error} field="mappings.0.disease">
        <select name="disease" required defaultValue="">
          <option value="" disabled>
            {t('common.choose')}
          </option>
          <DiseaseOptions diseases={diseases} />
        </select>
      </Field>
      <Field label={t('explorer.metric')} error={error} field="mappings.0.metric">
        {/* The metrics arrive after the form is shown, and a default value only applies to the options there at
            first: the select starts again once they are here, so "cases" is chosen (and kept after a reset)
            rather than whichever metric comes first by name in the reader's language. */}
        <select name="metric" required defaultValue="cases" key={metrics.length > 0 ? 'metrics' : 'loading'}>
          {byName(metrics, lang).map((m) => (
            <option key={m.code} value={m.code}>
              {m.names[lang]}
            </option>
          ))}
        </select>
      </Field>
      <div className="form-actions form-span">
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('dhis2.add')}
        </button>
      </div>
    </form>
  );
}

function OrgUnitsCard({ canManage, countries }: { canManage: boolean; countries: CountryDto[] }) {
  const { t, lang } = useI18n();
  const [country, setCountry] = useState('');
  const mappings = useAsync(`dhis2:org-units:${country}`, () => api('listOrgUnitMappings', { query: country ? { country } : {} }));
  const [actionError, setActionError] = useState<unknown>(undefined);
  const countryName = (iso3: string) => countries.find((c) => c.iso3 === iso3)?.names[lang] ?? iso3;

  const remove = async (m: OrgUnitMappingDto) => {
    setActionError(undefined);
    try {
      await api('deleteOrgUnitMapping', { params: { id: m.orgUnit } });
      mappings.reload();
    } catch (error) {
      setActionError(error);
    }
  };
  const upsert = (rows: { orgUnit: string; location: string }[]) =>
    api('upsertOrgUnitMappings', { body: { mappings: rows } }).then(mappings.reload);

  return (
    <section className="card" aria-labelledby="dhis2-ou-heading" data-testid="dhis2-org-units">
      <h2 id="dhis2-ou-heading">{t('dhis2.orgUnits')}</h2>
      <p className="muted">{t('dhis2.orgUnitsIntro')}</p>
      <div className="toolbar">
        <Field label={t('explorer.country')}>
          <select value={country} onChange={(e) => setCountry(e.target.value)}>
            <option value="">{t('dhis2.allCountries')}</option>
            <CountryOptions countries={byName(countries, lang)} />
          </select>
        </Field>
      </div>
      <AsyncTable state={mappings} actionError={actionError} emptyText={t('dhis2.noOrgUnits')}>
        {(list) => (
          <table className="table table-compact" aria-busy={mappings.loading} data-testid="dhis2-org-units-table">
            <TableHead labels={[t('dhis2.orgUnit'), t('dhis2.location'), t('explorer.country')]} actions={canManage} />
            <tbody>
              {list.items.map((m) => (
                <tr key={m.orgUnit}>
                  <td>
                    <code dir="ltr">{m.orgUnit}</code>
                  </td>
                  <td>
                    <code dir="ltr">{m.location}</code>
                  </td>
                  <td>{countryName(m.country)}</td>
                  {canManage && (
                    <td className="cell-actions">
                      <RemoveButton
                        label={t('dhis2.removeMapping', { id: m.orgUnit })}
                        onRemove={() => remove(m)}
                        testId="dhis2-ou-remove"
                      />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </AsyncTable>
      {canManage && (
        <div className="subsection">
          <OrgUnitForm onSave={upsert} />
          <PasteForm
            columns={ORG_UNIT_COLUMNS}
            example={'orgUnit,location\nImspTQPwCqd,KEN\nO6uvpzGd5pu,KEN.NAIROBI'}
            parse={parseOrgUnitLines}
            send={upsert}
            testId="dhis2-ou-paste"
          />
        </div>
      )}
    </section>
  );
}

function OrgUnitForm({ onSave }: { onSave: (rows: { orgUnit: string; location: string }[]) => Promise<unknown> }) {
  const { t } = useI18n();
  const { onSubmit, error, busy } = useFormSubmit((form, element) => {
    const text = (name: string) => String(form.get(name) ?? '').trim();
    return onSave([{ orgUnit: text('orgUnit'), location: text('location').toUpperCase() }]).then(() => element.reset());
  });
  return (
    <form className="form form-grid" onSubmit={onSubmit} data-testid="dhis2-ou-form">
      <h3 className="form-span">{t('dhis2.addOrgUnit')}</h3>
      <ProblemAlert error={error} />
      <Field label={t('dhis2.orgUnit')} error={error} field="mappings.0.orgUnit">
        <input name="orgUnit" required maxLength={255} dir="ltr" autoComplete="off" placeholder="ImspTQPwCqd" />
      </Field>
      <Field label={t('dhis2.location')} error={error} field="mappings.0.location">
        <input name="location" required maxLength={64} dir="ltr" autoComplete="off" placeholder="KEN.NAIROBI" />
        <span className="hint">{t('dhis2.locationHint')}</span>
      </Field>
      <div className="form-actions form-span">
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('dhis2.add')}
        </button>
      </div>
    </form>
  );
}
