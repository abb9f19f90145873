import { useState, type FormEvent } from 'react';
import { LIMITS } from '@accord/core';
import { api } from '../../api/client';
import { FieldError, Notice, ProblemAlert } from '../../app/ui';
import { useI18n } from '../../i18n/i18n-context';

export function PasswordForm() {
  const { t, formatNumber } = useI18n();
  const [error, setError] = useState<unknown>(undefined);
  const [mismatch, setMismatch] = useState(false);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const currentPassword = String(form.get('currentPassword') ?? '');
    const newPassword = String(form.get('newPassword') ?? '');
    setSaved(false);
    setError(undefined);
    // A typo in a password nobody can see is caught here rather than at the next login.
    const differ = newPassword !== String(form.get('confirmPassword') ?? '');
    setMismatch(differ);
    if (differ) return;
    setBusy(true);
    try {
      await api('changePassword', { body: { currentPassword, newPassword } });
      formElement.reset();
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card">
      <h2>{t('account.password')}</h2>
      <form className="form" onSubmit={submit} data-testid="password-form">
        <ProblemAlert error={error} />
        {saved && <Notice>{t('account.passwordChanged')}</Notice>}
        <label className="field">
          <span>{t('account.currentPassword')}</span>
          <input name="currentPassword" type="password" autoComplete="current-password" required dir="ltr" />
          <FieldError error={error} field="currentPassword" />
        </label>
        <label className="field">
          <span>{t('account.newPassword')}</span>
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
          <FieldError error={error} field="newPassword" />
        </label>
        <label className="field">
          <span>{t('account.confirmPassword')}</span>
          <input name="confirmPassword" type="password" autoComplete="new-password" required dir="ltr" />
          {mismatch && <span className="field-error">{t('account.passwordMismatch')}</span>}
        </label>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {t('account.changePassword')}
          </button>
        </div>
      </form>
    </section>
  );
}
