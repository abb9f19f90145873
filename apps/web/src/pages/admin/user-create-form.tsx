import { useState, type FormEvent } from 'react';
import { LANGUAGES, LANGUAGE_AUTONYMS, LIMITS, ROLES, isLanguage, type Role } from '@accord/core';
import type { UserDto } from '@accord/contracts';
import { api } from '../../api/client';
import { parseCountryCodes } from '../../app/country-codes';
import { ROLE_KEYS } from '../../app/labels';
import { FieldError, ProblemAlert } from '../../app/ui';
import { useI18n } from '../../i18n/i18n-context';
import { UserScopeFields } from './user-scope-fields';

export function UserCreateForm({ onCreated, onCancel }: { onCreated: (user: UserDto) => void; onCancel: () => void }) {
  const { t, lang, formatNumber } = useI18n();
  const [error, setError] = useState<unknown>(undefined);
  const [invalidCodes, setInvalidCodes] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const { codes, invalid } = parseCountryCodes(text('countries'));
    const allCountries = form.get('allCountries') === 'on';
    const language = text('preferredLanguage');
    setInvalidCodes(allCountries ? [] : invalid);
    setError(undefined);
    if (!allCountries && invalid.length > 0) return;
    setBusy(true);
    try {
      const user = await api('createUser', {
        body: {
          username: text('username'),
          displayName: text('displayName'),
          password: String(form.get('password') ?? ''),
          role: text('role') as Role,
          ...(text('email') ? { email: text('email') } : {}),
          ...(isLanguage(language) ? { preferredLanguage: language } : {}),
          ...(allCountries ? { allCountries: true } : { countries: codes }),
        },
      });
      onCreated(user);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <section className="card">
      <h2>{t('users.createTitle')}</h2>
      <form className="form form-grid" onSubmit={submit} data-testid="user-create-form">
        <ProblemAlert error={error} />
        <label className="field">
          <span>{t('users.username')}</span>
          <input
            name="username"
            required
            minLength={LIMITS.usernameMinLength}
            maxLength={LIMITS.usernameMaxLength}
            pattern="[a-zA-Z0-9._@\-]+"
            dir="ltr"
            autoComplete="off"
          />
          <FieldError error={error} field="username" />
        </label>
        <label className="field">
          <span>{t('users.displayName')}</span>
          <input name="displayName" required maxLength={LIMITS.displayNameMaxLength} />
          <FieldError error={error} field="displayName" />
        </label>
        <label className="field">
          <span>{t('users.email')}</span>
          <input name="email" type="email" maxLength={LIMITS.emailMaxLength} dir="ltr" />
          <FieldError error={error} field="email" />
        </label>
        <label className="field">
          <span>{t('users.initialPassword')}</span>
          <input
            name="password"
            type="password"
            required
            minLength={LIMITS.passwordMinLength}
            maxLength={LIMITS.passwordMaxLength}
            autoComplete="new-password"
            dir="ltr"
          />
          <span className="hint">{t('account.passwordHint', { min: formatNumber(LIMITS.passwordMinLength) })}</span>
          <FieldError error={error} field="password" />
        </label>
        <label className="field">
          <span>{t('users.role')}</span>
          <select name="role" defaultValue="observer">
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(ROLE_KEYS[r])}
              </option>
            ))}
          </select>
          <FieldError error={error} field="role" />
        </label>
        <label className="field">
          <span>{t('users.language')}</span>
          <select name="preferredLanguage" defaultValue={lang}>
            {LANGUAGES.map((code) => (
              <option key={code} value={code} lang={code}>
                {LANGUAGE_AUTONYMS[code]}
              </option>
            ))}
          </select>
        </label>
        <div className="form-span">
          <UserScopeFields all={false} countries={[]} invalidCodes={invalidCodes} error={error} idPrefix="create" />
        </div>
        <div className="form-actions form-span">
          <button type="submit" className="button button-primary" disabled={busy} data-testid="user-create-submit">
            {t('users.createSubmit')}
          </button>
          <button type="button" className="button button-quiet" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
