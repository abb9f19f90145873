import { ROLE_KEYS } from '../../app/labels';
import { useSession } from '../../app/session-context';
import { PageHeader } from '../../app/ui';
import { useI18n } from '../../i18n/i18n-context';
import { PasswordForm } from './password-form';
import { ProfileForm } from './profile-form';
import { TokensPanel } from './tokens-panel';

export function AccountPage() {
  const { t } = useI18n();
  const { session, can } = useSession();
  if (!session) return null;
  const { user } = session;
  const scope = user.scope.all ? t('account.scopeAll') : user.scope.countries.join(', ') || t('account.scopeNone');

  return (
    <>
      <PageHeader title={t('account.title')}>
        <p className="muted">
          {t('account.signedInAs', { username: user.username, role: t(ROLE_KEYS[user.role]) })} · {t('account.scope', { countries: scope })}
        </p>
      </PageHeader>
      <div className="grid-two">
        <ProfileForm user={user} />
        <PasswordForm />
      </div>
      {can('tokens:read-own') && <TokensPanel canManage={can('tokens:manage-own')} />}
    </>
  );
}
