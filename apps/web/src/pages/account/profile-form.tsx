import { useState, type FormEvent } from 'react';
import { LANGUAGES, LANGUAGE_AUTONYMS, LIMITS, isLanguage } from '@accord/core';
import type { UserDto } from '@accord/contracts';
import { api } from '../../api/client';
import { useSession } from '../../app/session-context';
import { FieldError, Notice, ProblemAlert } from '../../app/ui';
import { useI18n } from '../../i18n/i18n-context';

export function ProfileForm({ user }: { user: UserDto }) {
  const { t } = useI18n();
  const { updateUser } = useSession();
  const [error, setError] = useState<unknown>(undefined);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const displayName = String(form.get('displayName') ?? '').trim();
    const email = String(form.get('email') ?? '').trim();
    const language = String(form.get('preferredLanguage') ?? '');
    setBusy(true);
    setError(undefined);
    setSaved(false);
    try {
      const updated = await api('updateAccount', {
        body: {
          displayName,
          email: email || null,
          ...(isLanguage(language) ? { preferredLanguage: language } : {}),
        },
      });
      updateUser(updated);
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card">
      <h2>{t('account.profile')}</h2>
      {/* Keyed by the user so the fields pick up a language switched from the header. */}
      <form key={`${user.id}:${user.preferredLanguage}`} className="form" onSubmit={submit} data-testid="profile-form">
        <ProblemAlert error={error} />
        {saved && <Notice>{t('account.saved')}</Notice>}
        <label className="field">
          <span>{t('account.displayName')}</span>
          <input name="displayName" required maxLength={LIMITS.displayNameMaxLength} defaultValue={user.displayName} />
          <FieldError error={error} field="displayName" />
        </label>
        <label className="field">
          <span>{t('account.email')}</span>
          <input name="email" type="email" maxLength={LIMITS.emailMaxLength} defaultValue={user.email ?? ''} dir="ltr" />
          <FieldError error={error} field="email" />
        </label>
        <label className="field">
          <span>{t('account.language')}</span>
          <select name="preferredLanguage" defaultValue={user.preferredLanguage}>
            {LANGUAGES.map((code) => (
              <option key={code} value={code} lang={code}>
                {LANGUAGE_AUTONYMS[code]}
              </option>
            ))}
          </select>
        </label>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {t('common.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
