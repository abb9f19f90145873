import type { Action } from '@accord/core';
import type { MessageKey } from '../i18n/catalogues';
import { useI18n } from '../i18n/i18n-context';
import { Link } from './link';
import { useRoute } from './navigation';
import type { Route } from './routes';
import { useSession } from './session-context';

interface NavItem {
  to: string;
  label: MessageKey;
  route: Route['name'];
  /** Shown only to logged-in users holding this ability (or any login when 'session'). */
  needs?: Action | 'session';
}

const MAIN_ITEMS: NavItem[] = [
  { to: '/', label: 'nav.home', route: 'home' },
  { to: '/account', label: 'nav.account', route: 'account', needs: 'session' },
];

/** Surveillance data: the explorer for every login, the rest as the session's abilities allow. */
const DATA_ITEMS: NavItem[] = [
  { to: '/explorer', label: 'nav.explorer', route: 'explorer', needs: 'session' },
  { to: '/imports', label: 'nav.imports', route: 'imports', needs: 'imports:read' },
  { to: '/admin/reference', label: 'nav.reference', route: 'admin-reference', needs: 'session' },
  { to: '/admin/dhis2', label: 'nav.dhis2', route: 'admin-dhis2', needs: 'dhis2-mappings:read' },
  { to: '/signals', label: 'nav.signals', route: 'signals', needs: 'signals:read' },
  { to: '/admin/detection', label: 'nav.detection', route: 'admin-detection', needs: 'detection:read' },
];

const ADMIN_ITEMS: NavItem[] = [
  { to: '/admin/users', label: 'nav.users', route: 'admin-users', needs: 'users:read' },
  { to: '/admin/audit', label: 'nav.audit', route: 'admin-audit', needs: 'audit:read' },
];

/** Capabilities on the roadmap, listed so users see where the platform is heading. */
const PLANNED: MessageKey[] = ['nav.planned.events', 'nav.planned.response', 'nav.planned.preparedness', 'nav.planned.diplomacy'];

export function SideNav() {
  const { t } = useI18n();
  const { session, can } = useSession();
  const route = useRoute();
  const visible = (item: NavItem) => !item.needs || (item.needs === 'session' ? !!session : can(item.needs));
  const admin = ADMIN_ITEMS.filter(visible);
  const data = DATA_ITEMS.filter(visible);

  const renderItem = (item: NavItem) => (
    <li key={item.to}>
      <Link to={item.to} className="nav-link" aria-current={route.name === item.route ? 'page' : undefined}>
        {t(item.label)}
      </Link>
    </li>
  );

  return (
    <nav className="side-nav" aria-label={t('nav.label')}>
      <ul className="nav-list">{MAIN_ITEMS.filter(visible).map(renderItem)}</ul>
      {data.length > 0 && (
        <>
          <h2 className="nav-heading">{t('nav.surveillance')}</h2>
          <ul className="nav-list" data-testid="nav-surveillance">
            {data.map(renderItem)}
          </ul>
        </>
      )}
      {admin.length > 0 && (
        <>
          <h2 className="nav-heading">{t('nav.administration')}</h2>
          <ul className="nav-list">{admin.map(renderItem)}</ul>
        </>
      )}
      <h2 className="nav-heading nav-planned">{t('nav.capabilities')}</h2>
      <ul className="nav-list nav-planned" data-testid="planned-capabilities">
        {PLANNED.map((key) => (
          <li key={key}>
            <span className="nav-link nav-link-disabled" aria-disabled="true">
              <span>{t(key)}</span>
              <span className="badge">{t('nav.plannedBadge')}</span>
            </span>
          </li>
        ))}
      </ul>
    </nav>
  );
}
