import { useState } from 'react';
import { parseCountryCodes } from '../../app/country-codes';
import { FieldError } from '../../app/ui';
import { useI18n } from '../../i18n/i18n-context';

/**
 * Reads what UserScopeFields hold. `invalid` lists what is not an ISO3 code, to show and stop on before sending;
 * it is empty when "all countries" is ticked, since the list then does not count.
 */
export function readUserScope(form: FormData): { allCountries: boolean; codes: string[]; invalid: string[] } {
  const allCountries = form.get('allCountries') === 'on';
  const { codes, invalid } = parseCountryCodes(String(form.get('countries') ?? ''));
  return { allCountries, codes, invalid: allCountries ? [] : invalid };
}

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
