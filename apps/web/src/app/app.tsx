import { useEffect, useRef } from 'react';
import { I18nProvider, useI18n } from '../i18n/i18n-context';
import { AppHeader } from './app-header';
import { useLocation } from './navigation';
import { PageOutlet } from './page-outlet';
import { SessionProvider, useSession } from './session-context';
import { SideNav } from './side-nav';
import { useLanguage } from './use-language';

export function App() {
  return (
    <SessionProvider>
      <LocalisedShell />
    </SessionProvider>
  );
}

function LocalisedShell() {
  const [lang, setLang] = useLanguage();
  return (
    <I18nProvider lang={lang}>
      <Shell onLanguageChange={setLang} />
    </I18nProvider>
  );
}

function Shell({ onLanguageChange }: { onLanguageChange: Parameters<typeof AppHeader>[0]['onLanguageChange'] }) {
  const { t } = useI18n();
  const { ready } = useSession();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstLocation = useRef(location);

  useEffect(() => {
    // After in-app navigation, move focus to the new content so screen readers announce it.
    if (location !== firstLocation.current) mainRef.current?.focus({ preventScroll: true });
  }, [location]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <AppHeader onLanguageChange={onLanguageChange} />
      <div className="shell-body">
        <SideNav />
        <main id="main" ref={mainRef} tabIndex={-1} className="main">
          {ready ? <PageOutlet /> : null}
        </main>
      </div>
      <footer className="app-footer">
        <p>{t('app.footer')}</p>
      </footer>
    </div>
  );
}
