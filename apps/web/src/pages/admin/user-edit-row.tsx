import { useState, type FormEvent } from 'react';
import { ROLES, type Role } from '@accord/core';
import type { UpdateUserInput, UserDto } from '@accord/contracts';
import { api } from '../../api/client';
import { parseCountryCodes } from '../../app/country-codes';
import { ROLE_KEYS } from '../../app/labels';
import { ProblemAlert } from '../../app/ui';
import { useI18n } from '../../i18n/i18n-context';
import { UserScopeFields } from './user-scope-fields';

const COLUMNS = 8;

/** Edits role, status and country scope in place; only what changed is sent, so the audit log stays precise. */
export function UserEditRow({ user, onSaved, onCancel }: { user: UserDto; onSaved: (user: UserDto) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>(undefined);
  const [invalidCodes, setInvalidCodes] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const role = String(form.get('role')) as Role;
    const active = form.get('active') === 'on';
    const allCountries = form.get('allCountries') === 'on';
    const { codes, invalid } = parseCountryCodes(String(form.get('countries') ?? ''));
    setInvalidCodes(allCountries ? [] : invalid);
    setError(undefined);
    if (!allCountries && invalid.length > 0) return;

    const changes: UpdateUserInput = {};
    if (role !== user.role) changes.role = role;
    if (active !== user.active) changes.active = active;
    if (allCountries !== user.scope.all) changes.allCountries = allCountries;
    if (!allCountries && [...codes].sort().join() !== [...user.scope.countries].sort().join()) changes.countries = codes;
    if (Object.keys(changes).length === 0) return onCancel();

    setBusy(true);
    try {
      onSaved(await api('updateUser', { params: { id: user.id }, body: changes }));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <tr className="row-editing">
      <td colSpan={COLUMNS}>
        <form
          className="form form-grid"
          onSubmit={submit}
          data-testid="user-edit-form"
          aria-label={t('users.editTitle', { username: user.username })}
        >
          <p className="form-span">
            <strong>{t('users.editTitle', { username: user.username })}</strong>
          </p>
          <ProblemAlert error={error} />
          <label className="field">
            <span>{t('users.role')}</span>
            <select name="role" defaultValue={user.role}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(ROLE_KEYS[r])}
                </option>
              ))}
            </select>
          </label>
          <label className="checkbox">
            <input type="checkbox" name="active" defaultChecked={user.active} />
            {t('users.active')}
          </label>
          <div className="form-span">
            <UserScopeFields
              all={user.scope.all}
              countries={user.scope.countries}
              invalidCodes={invalidCodes}
              error={error}
              idPrefix={`edit-${user.id}`}
            />
          </div>
          <div className="form-actions form-span">
            <button type="submit" className="button button-primary" disabled={busy}>
              {t('common.save')}
            </button>
            <button type="button" className="button button-quiet" onClick={onCancel} disabled={busy}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      </td>
    </tr>
  );
}
