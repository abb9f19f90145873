import { useState } from 'react';
import { LIMITS, isLanguage, type Role } from '@accord/core';
import type { UserDto } from '@accord/contracts';
import { api } from '../../api/client';
import { LanguageOptions, RoleOptions } from '../../app/options';
import { useFormSubmit } from '../../app/use-form-submit';
import { Field, ProblemAlert } from '../../app/ui';
import { useI18n } from '../../i18n/i18n-context';
import { UserScopeFields, readUserScope } from './user-scope-fields';

export function UserCreateForm({ onCreated, onCancel }: { onCreated: (user: UserDto) => void; onCancel: () => void }) {
  const { t, lang, formatNumber } = useI18n();
  const [invalidCodes, setInvalidCodes] = useState<string[]>([]);
  const { onSubmit, error, busy } = useFormSubmit(
    (form) => {
      const text = (name: string) => String(form.get(name) ?? '').trim();
      const { allCountries, codes, invalid } = readUserScope(form);
      const language = text('preferredLanguage');
      setInvalidCodes(invalid);
      if (invalid.length > 0) return;
      return api('createUser', {
        body: {
          username: text('username'),
          displayName: text('displayName'),
          password: String(form.get('password') ?? ''),
          role: text('role') as Role,
          ...(text('email') ? { email: text('email') } : {}),
          ...(isLanguage(language) ? { preferredLanguage: language } : {}),
          ...(allCountries ? { allCountries: true } : { countries: codes }),
        },
      }).then(onCreated);
    },
    { closesOnSuccess: true },
  );

  return (
    <section className="card">
      <h2>{t('users.createTitle')}</h2>
      <form className="form form-grid" onSubmit={onSubmit} data-testid="user-create-form">
        <ProblemAlert error={error} />
        <Field label={t('users.username')} error={error} field="username">
          <input
            name="username"
            required
            minLength={LIMITS.usernameMinLength}
            maxLength={LIMITS.usernameMaxLength}
            pattern="[a-zA-Z0-9._@\-]+"
            dir="ltr"
            autoComplete="off"
          />
        </Field>
        <Field label={t('users.displayName')} error={error} field="displayName">
          <input name="displayName" required maxLength={LIMITS.displayNameMaxLength} />
        </Field>
        <Field label={t('users.email')} error={error} field="email">
          <input name="email" type="email" maxLength={LIMITS.emailMaxLength} dir="ltr" />
        </Field>
        <Field label={t('users.initialPassword')} error={error} field="password">
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
        </Field>
        <Field label={t('users.role')} error={error} field="role">
          <select name="role" defaultValue="observer">
            <RoleOptions />
          </select>
        </Field>
        <Field label={t('users.language')}>
          <select name="preferredLanguage" defaultValue={lang}>
            <LanguageOptions />
          </select>
        </Field>
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
