import { useState } from 'react';
import { LIMITS, TOKEN_SCOPES, type TokenScope } from '@accord/core';
import { api } from '../../api/client';
import { parseCountryCodes } from '../../app/country-codes';
import { TOKEN_SCOPE_KEYS } from '../../app/labels';
import { useFormSubmit } from '../../app/use-form-submit';
import { Field, FieldError, ProblemAlert } from '../../app/ui';
import { useI18n } from '../../i18n/i18n-context';

export function TokenCreateForm({ onCreated }: { onCreated: () => void }) {
  const { t, formatNumber } = useI18n();
  const [invalidCodes, setInvalidCodes] = useState<string[]>([]);
  const [secret, setSecret] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const { onSubmit, error, busy } = useFormSubmit((form, formElement) => {
    const scopes = TOKEN_SCOPES.filter((s) => form.get(`scope-${s}`) === 'on') as TokenScope[];
    const { codes, invalid } = parseCountryCodes(String(form.get('countries') ?? ''));
    const days = String(form.get('expiresInDays') ?? '').trim();
    setInvalidCodes(invalid);
    setSecret(null);
    setCopied(false);
    if (invalid.length > 0) return;
    return api('createToken', {
      body: {
        name: String(form.get('name') ?? '').trim(),
        scopes,
        ...(codes.length > 0 ? { countries: codes } : {}),
        ...(days ? { expiresInDays: Number(days) } : {}),
      },
    }).then((created) => {
      formElement.reset();
      setSecret(created.token);
      onCreated();
    });
  });

  const copy = () => {
    if (!secret) return;
    navigator.clipboard.writeText(secret).then(
      () => setCopied(true),
      // Without clipboard permission the secret stays selectable on screen.
      () => setCopied(false),
    );
  };

  return (
    <div className="subsection">
      <h3>{t('tokens.create')}</h3>
      {secret && (
        <div className="secret-box" role="status" data-testid="token-secret-box">
          <p>
            <strong>{t('tokens.secretTitle')}</strong> {t('tokens.secretHint')}
          </p>
          <div className="secret-row">
            <code dir="ltr" data-testid="token-secret">
              {secret}
            </code>
            <button type="button" className="button" onClick={copy}>
              {copied ? t('tokens.copied') : t('tokens.copy')}
            </button>
          </div>
        </div>
      )}
      <form className="form form-grid" onSubmit={onSubmit} data-testid="token-create-form">
        <ProblemAlert error={error} />
        <Field label={t('tokens.name')} error={error} field="name">
          <input name="name" required maxLength={LIMITS.tokenNameMaxLength} />
        </Field>
        <fieldset className="field">
          <legend>{t('tokens.scopes')}</legend>
          {TOKEN_SCOPES.map((scope) => (
            <label key={scope} className="checkbox">
              <input type="checkbox" name={`scope-${scope}`} defaultChecked={scope === 'read'} />
              {t(TOKEN_SCOPE_KEYS[scope])}
            </label>
          ))}
          <FieldError error={error} field="scopes" />
        </fieldset>
        <Field label={t('tokens.countries')} error={error} field="countries">
          <input name="countries" placeholder="KEN, UGA" dir="ltr" aria-describedby="token-countries-hint" />
          <span id="token-countries-hint" className="hint">
            {t('tokens.countriesHint')}
          </span>
          {invalidCodes.length > 0 && <span className="field-error">{t('common.invalidCodes', { codes: invalidCodes.join(', ') })}</span>}
        </Field>
        <Field label={t('tokens.expiresInDays')} error={error} field="expiresInDays">
          <input name="expiresInDays" type="number" min={1} max={LIMITS.tokenMaxLifetimeDays} inputMode="numeric" />
          <span className="hint">{t('tokens.expiresHint', { max: formatNumber(LIMITS.tokenMaxLifetimeDays) })}</span>
        </Field>
        <div className="form-actions form-span">
          <button type="submit" className="button button-primary" disabled={busy} data-testid="token-create-submit">
            {t('tokens.createSubmit')}
          </button>
        </div>
      </form>
    </div>
  );
}
