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
  // Only the path: a page that keeps its choices in the query (the explorer) must not lose the focus on each change.
  const path = useLocation().split('?')[0];
  const mainRef = useRef<HTMLElement>(null);
  const previousPath = useRef(path);

  useEffect(() => {
    // After in-app navigation, move focus to the new content so screen readers announce it.
    if (path === previousPath.current) return;
    previousPath.current = path;
    mainRef.current?.focus({ preventScroll: true });
  }, [path]);

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
