import { useState } from 'react';
import type { Role } from '@accord/core';
import type { UpdateUserInput, UserDto } from '@accord/contracts';
import { api } from '../../api/client';
import { RoleOptions } from '../../app/options';
import { useFormSubmit } from '../../app/use-form-submit';
import { Field, ProblemAlert } from '../../app/ui';
import { useI18n } from '../../i18n/i18n-context';
import { UserScopeFields, readUserScope } from './user-scope-fields';

const COLUMNS = 8;

/** Edits role, status and country scope in place; only what changed is sent, so the audit log stays precise. */
export function UserEditRow({ user, onSaved, onCancel }: { user: UserDto; onSaved: (user: UserDto) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const [invalidCodes, setInvalidCodes] = useState<string[]>([]);
  const { onSubmit, error, busy } = useFormSubmit(
    (form) => {
      const role = String(form.get('role')) as Role;
      const active = form.get('active') === 'on';
      const { allCountries, codes, invalid } = readUserScope(form);
      setInvalidCodes(invalid);
      if (invalid.length > 0) return;

      const changes: UpdateUserInput = {};
      if (role !== user.role) changes.role = role;
      if (active !== user.active) changes.active = active;
      if (allCountries !== user.scope.all) changes.allCountries = allCountries;
      if (!allCountries && [...codes].sort().join() !== [...user.scope.countries].sort().join()) changes.countries = codes;
      if (Object.keys(changes).length === 0) {
        onCancel();
        return;
      }
      return api('updateUser', { params: { id: user.id }, body: changes }).then(onSaved);
    },
    { closesOnSuccess: true },
  );

  return (
    <tr className="row-editing">
      <td colSpan={COLUMNS}>
        <form
          className="form form-grid"
          onSubmit={onSubmit}
          data-testid="user-edit-form"
          aria-label={t('users.editTitle', { username: user.username })}
        >
          <p className="form-span">
            <strong>{t('users.editTitle', { username: user.username })}</strong>
          </p>
          <ProblemAlert error={error} />
          <Field label={t('users.role')}>
            <select name="role" defaultValue={user.role}>
              <RoleOptions />
            </select>
          </Field>
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
