import { LANGUAGES, LANGUAGE_AUTONYMS, ROLES } from '@accord/core';
import { useI18n } from '../i18n/i18n-context';
import { ROLE_KEYS } from './labels';

/** The <option>s of a language picker: each language named in itself, so readers find theirs whatever the page's language. */
export function LanguageOptions() {
  return LANGUAGES.map((code) => (
    <option key={code} value={code} lang={code}>
      {LANGUAGE_AUTONYMS[code]}
    </option>
  ));
}

/** The <option>s of a role picker, named in the interface language. */
export function RoleOptions() {
  const { t } = useI18n();
  return ROLES.map((r) => (
    <option key={r} value={r}>
      {t(ROLE_KEYS[r])}
    </option>
  ));
}
