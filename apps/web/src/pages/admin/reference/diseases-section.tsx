import { useState } from 'react';
import { IHR_CATEGORIES, type IhrCategory } from '@accord/core';
import type { DiseaseDto } from '@accord/contracts';
import { api } from '../../../api/client';
import { byName } from '../../../app/surveillance-reference';
import { useFormSubmit } from '../../../app/use-form-submit';
import { Field, Loading, Notice, ProblemAlert, TableHead } from '../../../app/ui';
import type { AsyncState } from '../../../app/use-async';
import type { MessageKey } from '../../../i18n/catalogues';
import { useI18n } from '../../../i18n/i18n-context';
import { SixNameFields, changedNames, readSixNames } from './six-names';

export const IHR_KEYS: Record<IhrCategory, MessageKey> = {
  always_notify: 'ihr.always_notify',
  always_assess: 'ihr.always_assess',
  other: 'ihr.other',
};

const COLUMNS = 5;

/** Diseases and conditions: everyone may read them; administrators add them and correct their names and codes. */
export function DiseasesSection({
  diseases,
  canManage,
  onChanged,
}: {
  diseases: AsyncState<DiseaseDto[]>;
  canManage: boolean;
  onChanged: () => void;
}) {
  const { t, lang } = useI18n();
  const [editing, setEditing] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const done = (disease: DiseaseDto, message: 'reference.diseaseCreated' | 'reference.diseaseUpdated') => {
    setEditing(null);
    setCreating(false);
    setNotice(t(message, { name: disease.names[lang] }));
    onChanged();
  };

  return (
    <section className="card" aria-labelledby="diseases-heading" data-testid="diseases-section">
      <div className="card-heading">
        <h2 id="diseases-heading">{t('reference.diseases')}</h2>
        {canManage && !creating && (
          <button type="button" className="button button-primary" onClick={() => setCreating(true)} data-testid="disease-new">
            {t('reference.newDisease')}
          </button>
        )}
      </div>
      {notice && <Notice>{notice}</Notice>}
      {creating && (
        <div className="subsection-form">
          <h3>{t('reference.newDisease')}</h3>
          <DiseaseForm onSaved={(d) => done(d, 'reference.diseaseCreated')} onCancel={() => setCreating(false)} />
        </div>
      )}
      <ProblemAlert error={diseases.error} />
      {!diseases.data ? (
        !diseases.error && <Loading />
      ) : (
        <div className="table-wrap">
          <table className="table table-compact" data-testid="diseases-table">
            <TableHead
              labels={[t('reference.code'), t('reference.name'), t('reference.icd11'), t('reference.ihrCategory')]}
              actions={canManage}
            />
            <tbody>
              {byName(diseases.data, lang).map((d) =>
                editing === d.code ? (
                  <tr key={d.code} className="row-editing">
                    <td colSpan={COLUMNS}>
                      <p>
                        <strong>{t('reference.editTitle', { name: d.names[lang] })}</strong>
                      </p>
                      <DiseaseForm
                        disease={d}
                        onSaved={(saved) => done(saved, 'reference.diseaseUpdated')}
                        onCancel={() => setEditing(null)}
                      />
                    </td>
                  </tr>
                ) : (
                  <tr key={d.code}>
                    <td>
                      <code dir="ltr">{d.code}</code>
                    </td>
                    <td>{d.names[lang]}</td>
                    <td>{d.icd11 ? <code dir="ltr">{d.icd11}</code> : '—'}</td>
                    <td>{t(IHR_KEYS[d.ihrCategory])}</td>
                    {canManage && (
                      <td className="cell-actions">
                        <button
                          type="button"
                          className="button"
                          onClick={() => setEditing(d.code)}
                          aria-label={t('reference.editTitle', { name: d.names[lang] })}
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

function DiseaseForm({ disease, onSaved, onCancel }: { disease?: DiseaseDto; onSaved: (d: DiseaseDto) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const { onSubmit, error, busy } = useFormSubmit(
    (form) => {
      const names = readSixNames(form);
      const icd11 = String(form.get('icd11') ?? '').trim() || null;
      const ihrCategory = String(form.get('ihrCategory')) as IhrCategory;
      if (!disease) {
        return api('createDisease', { body: { code: String(form.get('code') ?? '').trim(), names, icd11, ihrCategory } }).then(onSaved);
      }
      const changed = changedNames(disease.names, names);
      const body = {
        ...(Object.keys(changed).length > 0 ? { names: changed } : {}),
        ...(icd11 !== disease.icd11 ? { icd11 } : {}),
        ...(ihrCategory !== disease.ihrCategory ? { ihrCategory } : {}),
      };
      if (Object.keys(body).length === 0) {
        onCancel();
        return;
      }
      return api('updateDisease', { params: { code: disease.code }, body }).then(onSaved);
    },
    { closesOnSuccess: true },
  );

  return (
    <form className="form form-grid" onSubmit={onSubmit} data-testid="disease-form">
      <ProblemAlert error={error} />
      {!disease && (
        <Field label={t('reference.code')} error={error} field="code">
          <input
            name="code"
            required
            maxLength={64}
            pattern="[a-z0-9][a-z0-9_\-]*"
            dir="ltr"
            autoComplete="off"
            data-testid="disease-code"
          />
          <span className="hint">{t('reference.codeHint', { example: 'cholera' })}</span>
        </Field>
      )}
      <Field label={t('reference.icd11')} error={error} field="icd11">
        <input name="icd11" defaultValue={disease?.icd11 ?? ''} maxLength={7} pattern="[0-9A-Z]{4}(\.[0-9A-Z]{1,2})?" dir="ltr" />
        <span className="hint">{t('reference.icd11Hint', { example: '1A00' })}</span>
      </Field>
      <Field label={t('reference.ihrCategory')} error={error} field="ihrCategory">
        <select name="ihrCategory" defaultValue={disease?.ihrCategory ?? 'other'}>
          {IHR_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(IHR_KEYS[c])}
            </option>
          ))}
        </select>
      </Field>
      <SixNameFields names={disease?.names} error={error} required={!disease} />
      <div className="form-actions form-span">
        <button type="submit" className="button button-primary" disabled={busy} data-testid="disease-save">
          {t('common.save')}
        </button>
        <button type="button" className="button button-quiet" onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
