import { useEffect, type ReactNode } from 'react';
import type { Action } from '@accord/core';
import { useI18n } from '../i18n/i18n-context';
import { AccountPage } from '../pages/account/account-page';
import { AuditPage } from '../pages/admin/audit-page';
import { DetectionSettingsPage } from '../pages/admin/detection/detection-settings-page';
import { Dhis2Page } from '../pages/admin/dhis2/dhis2-page';
import { ReferencePage } from '../pages/admin/reference/reference-page';
import { UsersPage } from '../pages/admin/users-page';
import { CountryPage } from '../pages/country-page';
import { ExplorerPage } from '../pages/explorer/explorer-page';
import { HomePage } from '../pages/home-page';
import { ImportsPage } from '../pages/imports/imports-page';
import { LoginPage } from '../pages/login-page';
import { NotFoundPage } from '../pages/not-found-page';
import { SignalsPage } from '../pages/signals/signals-page';
import { navigate, useLocation, useRoute } from './navigation';
import { loginPath } from './routes';
import { useSession } from './session-context';
import { PageHeader } from './ui';

export function PageOutlet() {
  const route = useRoute();
  switch (route.name) {
    case 'home':
      return <HomePage />;
    case 'login':
      return <LoginPage next={route.next} />;
    case 'account':
      return (
        <Guard>
          <AccountPage />
        </Guard>
      );
    case 'admin-users':
      return (
        <Guard action="users:read">
          <UsersPage />
        </Guard>
      );
    case 'admin-audit':
      return (
        <Guard action="audit:read">
          <AuditPage />
        </Guard>
      );
    case 'explorer':
      return (
        <Guard>
          <ExplorerPage />
        </Guard>
      );
    case 'imports':
      return (
        <Guard action="imports:read">
          <ImportsPage />
        </Guard>
      );
    case 'admin-reference':
      return (
        <Guard>
          <ReferencePage />
        </Guard>
      );
    case 'admin-dhis2':
      return (
        <Guard action="dhis2-mappings:read">
          <Dhis2Page />
        </Guard>
      );
    case 'signals':
      return (
        <Guard action="signals:read">
          <SignalsPage />
        </Guard>
      );
    case 'admin-detection':
      return (
        <Guard action="detection:read">
          <DetectionSettingsPage />
        </Guard>
      );
    case 'country':
      return <CountryPage key={route.iso3} iso3={route.iso3} />;
    case 'not-found':
      return <NotFoundPage />;
  }
}

/** Sends anonymous visitors to the login page (and back afterwards); tells logged-in users what they lack. */
function Guard({ action, children }: { action?: Action; children: ReactNode }) {
  const { session, can } = useSession();
  const { t } = useI18n();
  const location = useLocation();

  useEffect(() => {
    if (!session) navigate(loginPath(location), { replace: true });
  }, [session, location]);

  if (!session) return null;
  if (action && !can(action)) {
    return (
      <>
        <PageHeader title={t('forbidden.title')} />
        <p>{t('forbidden.body')}</p>
      </>
    );
  }
  return <>{children}</>;
}
