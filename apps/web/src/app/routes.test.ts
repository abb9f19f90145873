import { describe, expect, it } from 'vitest';
import { loginPath, matchRoute, safeNext } from './routes';

describe('matchRoute', () => {
  it('matches the pages, tolerating a trailing slash', () => {
    expect(matchRoute('/')).toEqual({ name: 'home' });
    expect(matchRoute('/account/')).toEqual({ name: 'account' });
    expect(matchRoute('/admin/users')).toEqual({ name: 'admin-users' });
    expect(matchRoute('/admin/audit')).toEqual({ name: 'admin-audit' });
    expect(matchRoute('/explorer')).toEqual({ name: 'explorer' });
    expect(matchRoute('/imports/')).toEqual({ name: 'imports' });
    expect(matchRoute('/admin/reference')).toEqual({ name: 'admin-reference' });
    expect(matchRoute('/admin/dhis2')).toEqual({ name: 'admin-dhis2' });
    expect(matchRoute('/signals')).toEqual({ name: 'signals' });
    expect(matchRoute('/admin/detection/')).toEqual({ name: 'admin-detection' });
    expect(matchRoute('/constructor')).toEqual({ name: 'not-found' });
    expect(matchRoute('/countries/ken')).toEqual({ name: 'country', iso3: 'KEN' });
    expect(matchRoute('/countries/KENY')).toEqual({ name: 'not-found' });
    expect(matchRoute('/nowhere')).toEqual({ name: 'not-found' });
  });

  it('keeps only same-site destinations after login', () => {
    expect(matchRoute('/login', '?next=%2Faccount')).toEqual({ name: 'login', next: '/account' });
    expect(matchRoute('/login', '?next=https://evil.example')).toEqual({ name: 'login', next: null });
    expect(safeNext('//evil.example/x')).toBeNull();
    expect(loginPath('/admin/users?x=1')).toBe('/login?next=%2Fadmin%2Fusers%3Fx%3D1');
  });
});
