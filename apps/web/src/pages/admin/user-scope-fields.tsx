import { useState } from 'react';
import { FieldError } from '../../app/ui';
import { useI18n } from '../../i18n/i18n-context';

/** "All countries" or a comma-separated list of ISO3 codes: the country scope of a user. */
export function UserScopeFields({
  all,
  countries,
  invalidCodes,
  error,
  idPrefix,
}: {
  all: boolean;
  countries: readonly string[];
  invalidCodes: readonly string[];
  error: unknown;
  idPrefix: string;
}) {
  const { t } = useI18n();
  const [allCountries, setAllCountries] = useState(all);
  return (
    <>
      <label className="checkbox">
        <input type="checkbox" name="allCountries" checked={allCountries} onChange={(e) => setAllCountries(e.target.checked)} />
        {t('users.allCountries')}
      </label>
      <label className="field">
        <span>{t('users.countries')}</span>
        <input
          name="countries"
          defaultValue={countries.join(', ')}
          disabled={allCountries}
          placeholder="KEN, UGA"
          dir="ltr"
          aria-describedby={`${idPrefix}-countries-hint`}
        />
        <span id={`${idPrefix}-countries-hint`} className="hint">
          {t('users.countriesHint')}
        </span>
        {invalidCodes.length > 0 && <span className="field-error">{t('common.invalidCodes', { codes: invalidCodes.join(', ') })}</span>}
        <FieldError error={error} field="countries" />
      </label>
    </>
  );
}
