import { useEffect, useState, type FormEvent } from 'react';
import { LIMITS } from '@accord/core';
import { navigate } from '../app/navigation';
import { useSession } from '../app/session-context';
import { PageHeader, ProblemAlert } from '../app/ui';
import { useI18n } from '../i18n/i18n-context';

export function LoginPage({ next }: { next: string | null }) {
  const { t } = useI18n();
  const { session, login } = useSession();
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    // Someone already logged in has nothing to do here.
    if (session) navigate(next ?? '/', { replace: true });
  }, [session, next]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(undefined);
    try {
      await login(String(form.get('username') ?? '').trim(), String(form.get('password') ?? ''));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <div className="narrow">
      <PageHeader title={t('login.title')} />
      <p className="muted">{t('login.intro')}</p>
      <form className="card form" onSubmit={submit} noValidate>
        <ProblemAlert error={error} />
        <label className="field">
          <span>{t('login.username')}</span>
          <input name="username" autoComplete="username" required maxLength={LIMITS.usernameMaxLength} autoFocus dir="ltr" />
        </label>
        <label className="field">
          <span>{t('login.password')}</span>
          <input name="password" type="password" autoComplete="current-password" required maxLength={LIMITS.passwordMaxLength} dir="ltr" />
        </label>
        <div className="form-actions">
          <button type="submit" className="button button-primary" data-testid="login-submit" disabled={busy}>
            {busy ? t('login.submitting') : t('login.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
