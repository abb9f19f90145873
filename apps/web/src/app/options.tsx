import { LANGUAGES, LANGUAGE_AUTONYMS, ROLES, type Language } from '@accord/core';
import { useI18n } from '../i18n/i18n-context';
import { ROLE_KEYS } from './labels';
import { byName } from './surveillance-reference';

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

type Named = { names: Record<Language, string> };

/** The <option>s of a country picker, by name in the interface language (give them sorted: see byName). */
export function CountryOptions({ countries }: { countries: readonly (Named & { iso3: string })[] }) {
  const { lang } = useI18n();
  return countries.map((c) => (
    <option key={c.iso3} value={c.iso3}>
      {c.names[lang]}
    </option>
  ));
}

/** The <option>s of a disease picker, sorted by name in the interface language. */
export function DiseaseOptions({ diseases }: { diseases: readonly (Named & { code: string })[] }) {
  const { lang } = useI18n();
  return byName(diseases, lang).map((d) => (
    <option key={d.code} value={d.code}>
      {d.names[lang]}
    </option>
  ));
}
