import { isLanguage, type Language } from '@accord/core';
import { useI18n } from '../i18n/i18n-context';
import { Link } from './link';
import { navigate } from './navigation';
import { LanguageOptions } from './options';
import { useSession } from './session-context';

export function AppHeader({ onLanguageChange }: { onLanguageChange: (lang: Language) => void }) {
  const { t, lang } = useI18n();
  const { session, logout } = useSession();

  const handleLogout = () => {
    void logout().finally(() => navigate('/'));
  };

  return (
    <header className="app-header">
      <Link to="/" className="brand" aria-label={t('app.homeLink')}>
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">{t('app.name')}</span>
        <span className="brand-tagline">{t('app.tagline')}</span>
      </Link>
      <div className="header-tools">
        <label className="language-picker">
          <span className="visually-hidden">{t('header.language')}</span>
          <select
            data-testid="language-switcher"
            value={lang}
            onChange={(e) => isLanguage(e.target.value) && onLanguageChange(e.target.value)}
          >
            <LanguageOptions />
          </select>
        </label>
        {session ? (
          <>
            <Link to="/account" className="header-user" data-testid="header-user">
              {session.user.displayName}
            </Link>
            <button type="button" className="button button-quiet" onClick={handleLogout} data-testid="logout">
              {t('header.logout')}
            </button>
          </>
        ) : (
          <Link to="/login" className="button button-primary" data-testid="header-login">
            {t('header.login')}
          </Link>
        )}
      </div>
    </header>
  );
}
