import { useState } from 'react';
import { LIMITS } from '@accord/core';
import type { FocalPointDto } from '@accord/contracts';
import { api, ApiProblem } from '../api/client';
import { useAsync } from '../app/use-async';
import { useFormSubmit } from '../app/use-form-submit';
import { Field, Loading, Notice, ProblemAlert } from '../app/ui';
import { useI18n } from '../i18n/i18n-context';

/** The National IHR Focal Point contact; none recorded yet is a normal state, not an error. */
async function loadFocalPoint(iso3: string): Promise<FocalPointDto | null> {
  try {
    return await api('getFocalPoint', { params: { iso3 } });
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 404) return null;
    throw error;
  }
}

export function FocalPointCard({ iso3, canEdit }: { iso3: string; canEdit: boolean }) {
  const { t, formatDateTime } = useI18n();
  const { data, error, loading, reload } = useAsync(`focal-point:${iso3}`, () => loadFocalPoint(iso3));
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);

  return (
    <section className="card focal-point" data-testid="focal-point">
      <div className="card-heading">
        <h2>{t('focalPoint.title')}</h2>
        {canEdit && !editing && !loading && (
          <button
            type="button"
            className="button"
            onClick={() => {
              setEditing(true);
              setSaved(false);
            }}
            data-testid="focal-point-edit"
          >
            {data ? t('common.edit') : t('focalPoint.add')}
          </button>
        )}
      </div>
      <p className="muted">{t('focalPoint.intro')}</p>
      <ProblemAlert error={error} />
      {saved && <Notice>{t('focalPoint.saved')}</Notice>}
      {loading && data === undefined ? (
        <Loading />
      ) : editing ? (
        <FocalPointForm
          iso3={iso3}
          current={data ?? null}
          onDone={(changed) => {
            setEditing(false);
            if (changed) {
              setSaved(true);
              reload();
            }
          }}
        />
      ) : data ? (
        <dl className="facts">
          <dt>{t('focalPoint.name')}</dt>
          <dd>{data.name}</dd>
          <dt>{t('focalPoint.email')}</dt>
          <dd>
            <a href={`mailto:${data.email}`} dir="ltr">
              {data.email}
            </a>
          </dd>
          <dt>{t('focalPoint.phone')}</dt>
          <dd>
            {data.phone ? (
              <a href={`tel:${data.phone.replace(/[^+0-9]/g, '')}`} dir="ltr">
                {data.phone}
              </a>
            ) : (
              '—'
            )}
          </dd>
          <dt>{t('focalPoint.updatedAt')}</dt>
          <dd>{formatDateTime(data.updatedAt)}</dd>
        </dl>
      ) : (
        !error && <p>{t('focalPoint.none')}</p>
      )}
    </section>
  );
}

function FocalPointForm({ iso3, current, onDone }: { iso3: string; current: FocalPointDto | null; onDone: (changed: boolean) => void }) {
  const { t } = useI18n();
  const { onSubmit, error, busy } = useFormSubmit(
    (form) => {
      const phone = String(form.get('phone') ?? '').trim();
      return api('putFocalPoint', {
        params: { iso3 },
        body: { name: String(form.get('name') ?? '').trim(), email: String(form.get('email') ?? '').trim(), phone: phone || null },
      }).then(() => onDone(true));
    },
    { closesOnSuccess: true },
  );

  return (
    <form className="form" onSubmit={onSubmit} data-testid="focal-point-form">
      <ProblemAlert error={error} />
      <Field label={t('focalPoint.name')} error={error} field="name">
        <input name="name" required maxLength={LIMITS.displayNameMaxLength} defaultValue={current?.name ?? ''} />
      </Field>
      <Field label={t('focalPoint.email')} error={error} field="email">
        <input name="email" type="email" required maxLength={LIMITS.emailMaxLength} defaultValue={current?.email ?? ''} dir="ltr" />
      </Field>
      <Field label={t('focalPoint.phone')} error={error} field="phone">
        <input
          name="phone"
          type="tel"
          maxLength={LIMITS.phoneMaxLength}
          defaultValue={current?.phone ?? ''}
          dir="ltr"
          placeholder="+41 22 791 2111"
        />
      </Field>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('common.save')}
        </button>
        <button type="button" className="button button-quiet" onClick={() => onDone(false)} disabled={busy}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
