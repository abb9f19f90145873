import { LIMITS, isLanguage } from '@accord/core';
import type { UserDto } from '@accord/contracts';
import { api } from '../../api/client';
import { LanguageOptions } from '../../app/options';
import { useSession } from '../../app/session-context';
import { useFormSubmit } from '../../app/use-form-submit';
import { Field, Notice, ProblemAlert } from '../../app/ui';
import { useI18n } from '../../i18n/i18n-context';

export function ProfileForm({ user }: { user: UserDto }) {
  const { t } = useI18n();
  const { updateUser } = useSession();
  const { onSubmit, error, busy, saved } = useFormSubmit((form) => {
    const displayName = String(form.get('displayName') ?? '').trim();
    const email = String(form.get('email') ?? '').trim();
    const language = String(form.get('preferredLanguage') ?? '');
    return api('updateAccount', {
      body: {
        displayName,
        email: email || null,
        ...(isLanguage(language) ? { preferredLanguage: language } : {}),
      },
    }).then(updateUser);
  });

  return (
    <section className="card">
      <h2>{t('account.profile')}</h2>
      {/* Keyed by the user so the fields pick up a language switched from the header. */}
      <form key={`${user.id}:${user.preferredLanguage}`} className="form" onSubmit={onSubmit} data-testid="profile-form">
        <ProblemAlert error={error} />
        {saved && <Notice>{t('account.saved')}</Notice>}
        <Field label={t('account.displayName')} error={error} field="displayName">
          <input name="displayName" required maxLength={LIMITS.displayNameMaxLength} defaultValue={user.displayName} />
        </Field>
        <Field label={t('account.email')} error={error} field="email">
          <input name="email" type="email" maxLength={LIMITS.emailMaxLength} defaultValue={user.email ?? ''} dir="ltr" />
        </Field>
        <Field label={t('account.language')}>
          <select name="preferredLanguage" defaultValue={user.preferredLanguage}>
            <LanguageOptions />
          </select>
        </Field>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {t('common.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
