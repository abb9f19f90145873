import { useState, type FormEvent } from 'react';
import { LANGUAGE_AUTONYMS, ROLES, type Role } from '@accord/core';
import type { UserDto } from '@accord/contracts';
import { api } from '../../api/client';
import { AsyncTable } from '../../app/async-table';
import { ROLE_KEYS } from '../../app/labels';
import { RoleOptions } from '../../app/options';
import { useSession } from '../../app/session-context';
import { useAsync } from '../../app/use-async';
import { Field, Notice, PageHeader, TableHead } from '../../app/ui';
import { useI18n } from '../../i18n/i18n-context';
import { UserCreateForm } from './user-create-form';
import { UserEditRow } from './user-edit-row';

const PAGE_SIZE = 50;

export function UsersPage() {
  const { t, formatDate } = useI18n();
  const { can } = useSession();
  const canManage = can('users:manage');
  const [query, setQuery] = useState<{ q: string; role: Role | ''; offset: number }>({ q: '', role: '', offset: 0 });
  const [editing, setEditing] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const users = useAsync(`users:${query.q}:${query.role}:${query.offset}`, () =>
    api('listUsers', { query: { limit: PAGE_SIZE, offset: query.offset, q: query.q || undefined, role: query.role || undefined } }),
  );

  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const role = String(form.get('role') ?? '');
    setQuery({ q: String(form.get('q') ?? '').trim(), role: (ROLES as readonly string[]).includes(role) ? (role as Role) : '', offset: 0 });
  };

  const saved = (user: UserDto, message: 'users.created' | 'users.updated') => {
    setEditing(null);
    setCreating(false);
    setNotice(t(message, { username: user.username }));
    users.reload();
  };

  return (
    <>
      <PageHeader title={t('users.title')}>
        {canManage && !creating && (
          <button type="button" className="button button-primary" onClick={() => setCreating(true)} data-testid="user-create-open">
            {t('users.new')}
          </button>
        )}
      </PageHeader>
      {notice && <Notice>{notice}</Notice>}
      {creating && <UserCreateForm onCreated={(u) => saved(u, 'users.created')} onCancel={() => setCreating(false)} />}
      <form className="toolbar" role="search" onSubmit={search}>
        <Field label={t('users.search')}>
          <input name="q" type="search" defaultValue={query.q} maxLength={100} />
        </Field>
        <Field label={t('users.role')}>
          <select name="role" defaultValue={query.role}>
            <option value="">{t('users.anyRole')}</option>
            <RoleOptions />
          </select>
        </Field>
        <button type="submit" className="button">
          {t('users.searchSubmit')}
        </button>
      </form>
      <AsyncTable state={users} emptyText={t('users.none')} onPage={(offset) => setQuery((q) => ({ ...q, offset }))}>
        {(page) => (
          <table className="table" data-testid="users-table" aria-busy={users.loading}>
            <TableHead
              labels={[
                t('users.username'),
                t('users.displayName'),
                t('users.role'),
                t('users.countries'),
                t('users.language'),
                t('users.status'),
                t('users.createdAt'),
              ]}
              actions={canManage}
            />
            <tbody>
              {page.items.map((user) =>
                editing === user.id ? (
                  <UserEditRow key={user.id} user={user} onSaved={(u) => saved(u, 'users.updated')} onCancel={() => setEditing(null)} />
                ) : (
                  <tr key={user.id} className={user.active ? undefined : 'row-muted'}>
                    <td>
                      <bdi>{user.username}</bdi>
                    </td>
                    <td>{user.displayName}</td>
                    <td>{t(ROLE_KEYS[user.role])}</td>
                    <td>{user.scope.all ? t('users.allCountries') : <bdi>{user.scope.countries.join(', ') || '—'}</bdi>}</td>
                    <td lang={user.preferredLanguage}>{LANGUAGE_AUTONYMS[user.preferredLanguage]}</td>
                    <td>{user.active ? t('users.active') : t('users.inactive')}</td>
                    <td>{formatDate(user.createdAt)}</td>
                    {canManage && (
                      <td className="cell-actions">
                        <button type="button" className="button" onClick={() => setEditing(user.id)}>
                          {t('common.edit')}
                        </button>
                      </td>
                    )}
                  </tr>
                ),
              )}
            </tbody>
          </table>
        )}
      </AsyncTable>
    </>
  );
}
