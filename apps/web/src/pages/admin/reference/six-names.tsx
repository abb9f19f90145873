import { LANGUAGES, LANGUAGE_AUTONYMS, textDirection, type Language } from '@accord/core';
import { Field } from '../../../app/ui';
import { useI18n } from '../../../i18n/i18n-context';

/** The name in each of the six UN languages; each input is marked with its language, so it is typed and read right. */
export function SixNameFields({ names, error, required }: { names?: Record<Language, string>; error: unknown; required: boolean }) {
  const { t } = useI18n();
  return (
    <fieldset className="field form-span six-names">
      <legend>{t('reference.names')}</legend>
      <div className="form-grid">
        {LANGUAGES.map((code) => (
          <Field key={code} label={LANGUAGE_AUTONYMS[code]} error={error} field={`names.${code}`}>
            <input
              name={`name-${code}`}
              lang={code}
              dir={textDirection(code)}
              defaultValue={names?.[code] ?? ''}
              required={required}
              maxLength={200}
              data-testid={`name-${code}`}
            />
          </Field>
        ))}
      </div>
    </fieldset>
  );
}

/** The six names as typed (trimmed). */
export function readSixNames(form: FormData): Record<Language, string> {
  return Object.fromEntries(LANGUAGES.map((code) => [code, String(form.get(`name-${code}`) ?? '').trim()])) as Record<Language, string>;
}

/** Only the names that differ from `before`, for a change that records exactly what changed. */
export function changedNames(before: Record<Language, string>, after: Record<Language, string>): Partial<Record<Language, string>> {
  return Object.fromEntries(LANGUAGES.filter((code) => after[code] !== before[code]).map((code) => [code, after[code]]));
}
