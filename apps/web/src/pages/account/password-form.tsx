import { useState } from 'react';
import { LIMITS } from '@accord/core';
import { api } from '../../api/client';
import { useFormSubmit } from '../../app/use-form-submit';
import { Field, Notice, ProblemAlert } from '../../app/ui';
import { useI18n } from '../../i18n/i18n-context';

export function PasswordForm() {
  const { t, formatNumber } = useI18n();
  const [mismatch, setMismatch] = useState(false);
  const { onSubmit, error, busy, saved } = useFormSubmit((form, formElement) => {
    const currentPassword = String(form.get('currentPassword') ?? '');
    const newPassword = String(form.get('newPassword') ?? '');
    // A typo in a password nobody can see is caught here rather than at the next login.
    const differ = newPassword !== String(form.get('confirmPassword') ?? '');
    setMismatch(differ);
    if (differ) return;
    return api('changePassword', { body: { currentPassword, newPassword } }).then(() => formElement.reset());
  });

  return (
    <section className="card">
      <h2>{t('account.password')}</h2>
      <form className="form" onSubmit={onSubmit} data-testid="password-form">
        <ProblemAlert error={error} />
        {saved && <Notice>{t('account.passwordChanged')}</Notice>}
        <Field label={t('account.currentPassword')} error={error} field="currentPassword">
          <input name="currentPassword" type="password" autoComplete="current-password" required dir="ltr" />
        </Field>
        <Field label={t('account.newPassword')} error={error} field="newPassword">
          <input
            name="newPassword"
            type="password"
            autoComplete="new-password"
            required
            minLength={LIMITS.passwordMinLength}
            maxLength={LIMITS.passwordMaxLength}
            dir="ltr"
            aria-describedby="new-password-hint"
          />
          <span id="new-password-hint" className="hint">
            {t('account.passwordHint', { min: formatNumber(LIMITS.passwordMinLength) })}
          </span>
        </Field>
        <Field label={t('account.confirmPassword')}>
          <input name="confirmPassword" type="password" autoComplete="new-password" required dir="ltr" />
          {mismatch && <span className="field-error">{t('account.passwordMismatch')}</span>}
        </Field>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {t('account.changePassword')}
          </button>
        </div>
      </form>
    </section>
  );
}
