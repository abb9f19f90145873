import { useState } from 'react';
import { CountryOptions } from '../../../app/options';
import type { CountryDto, LocationDto } from '@accord/contracts';
import { api } from '../../../api/client';
import { setSearchParams, useSearchParams } from '../../../app/navigation';
import { useSession } from '../../../app/session-context';
import { byName, countriesInScope } from '../../../app/surveillance-reference';
import { useAsync } from '../../../app/use-async';
import { useFormSubmit } from '../../../app/use-form-submit';
import { Field, FieldError, Loading, Notice, ProblemAlert, TableHead } from '../../../app/ui';
import type { MessageKey } from '../../../i18n/catalogues';
import { useI18n } from '../../../i18n/i18n-context';

const LEVEL_KEYS: MessageKey[] = ['reference.level0', 'reference.level1', 'reference.level2'];
const COLUMNS = 5;

/** A country's sub-national areas (two levels) with their populations; those acting for the country maintain them. */
export function LocationsSection({ countries }: { countries: readonly CountryDto[] }) {
  const { t, lang } = useI18n();
  const { session, canForCountry } = useSession();
  const params = useSearchParams();
  const own = countriesInScope(countries, session?.user.scope, lang);
  const country = params.get('country') ?? (session?.user.scope.all ? '' : (own[0]?.iso3 ?? ''));
  const locations = useAsync(`locations:${country}`, () =>
    country ? api('listLocations', { query: { country } }).then((r) => r.items) : Promise.resolve([] as LocationDto[]),
  );
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const canEdit = !!country && canForCountry('locations:manage', country);
  const list = locations.data ?? [];
  const ordered = treeOrder(list, country, lang);

  const saved = (location: LocationDto, message: 'reference.locationCreated' | 'reference.locationUpdated') => {
    setEditing(null);
    setAdding(false);
    setNotice(t(message, { name: location.name }));
    locations.reload();
  };

  return (
    <section className="card" aria-labelledby="locations-heading" data-testid="locations-section">
      <div className="card-heading">
        <h2 id="locations-heading">{t('reference.locations')}</h2>
        {canEdit && !adding && (
          <button type="button" className="button button-primary" onClick={() => setAdding(true)} data-testid="location-new">
            {t('reference.newArea')}
          </button>
        )}
      </div>
      <p className="muted">{t('reference.locationsIntro')}</p>
      <div className="toolbar">
        <Field label={t('explorer.country')}>
          <select
            value={country}
            onChange={(e) => {
              setEditing(null);
              setAdding(false);
              setNotice(null);
              setSearchParams({ country: e.target.value });
            }}
            data-testid="locations-country"
          >
            <option value="">{t('common.choose')}</option>
            <CountryOptions countries={byName(countries, lang)} />
          </select>
        </Field>
      </div>
      {notice && <Notice>{notice}</Notice>}
      {adding && country && (
        <AreaCreateForm
          country={country}
          locations={list}
          onSaved={(l) => saved(l, 'reference.locationCreated')}
          onCancel={() => setAdding(false)}
        />
      )}
      <ProblemAlert error={locations.error} />
      {!country ? null : locations.data === undefined ? (
        !locations.error && <Loading />
      ) : (
        <>
          {ordered.length <= 1 && <p data-testid="locations-none">{t('reference.noAreas')}</p>}
          <div className="table-wrap">
            <table className="table table-compact" data-testid="locations-table" aria-busy={locations.loading}>
              <TableHead
                labels={[t('reference.name'), t('reference.code'), t('reference.level'), t('reference.population')]}
                actions={canEdit}
              />
              <tbody>
                {ordered.map((l) =>
                  editing === l.code ? (
                    <AreaEditRow
                      key={l.code}
                      location={l}
                      onSaved={(s) => saved(s, 'reference.locationUpdated')}
                      onCancel={() => setEditing(null)}
                    />
                  ) : (
                    <tr key={l.code} data-level={l.level}>
                      <td className={`level-${l.level}`}>
                        {l.level === 0 ? (countries.find((c) => c.iso3 === l.code)?.names[lang] ?? l.name) : l.name}
                      </td>
                      <td>
                        <code dir="ltr">{l.code}</code>
                      </td>
                      <td>{t(LEVEL_KEYS[l.level] ?? 'reference.level2')}</td>
                      <td>
                        <Population location={l} />
                      </td>
                      {canEdit && (
                        <td className="cell-actions">
                          <button
                            type="button"
                            className="button"
                            onClick={() => setEditing(l.code)}
                            aria-label={t('reference.editTitle', { name: l.name })}
                          >
                            {t('common.edit')}
                          </button>
                        </td>
                      )}
                    </tr>
                  ),
                )}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

/** The country, then each first-level area followed by its own areas, by name. */
function treeOrder(list: readonly LocationDto[], country: string, lang: string): LocationDto[] {
  const collator = new Intl.Collator(lang);
  const children = (parent: string) => list.filter((l) => l.parent === parent).sort((a, b) => collator.compare(a.name, b.name));
  const top = list.filter((l) => l.level === 0);
  const out: LocationDto[] = [...top];
  for (const area of children(country)) out.push(area, ...children(area.code));
  // Anything whose parent is missing from the list still shows, at the end.
  for (const l of list) if (!out.includes(l)) out.push(l);
  return out;
}

function Population({ location }: { location: LocationDto }) {
  const { t, formatNumber } = useI18n();
  const latest = location.populations[0];
  if (!latest) return <>—</>;
  return (
    <span title={location.populations.map((p) => `${p.year}: ${formatNumber(p.population)}`).join('\n')}>
      {t('country.populationValue', { value: formatNumber(latest.population), year: String(latest.year) })}
    </span>
  );
}

/** Reads an optional population for one year; both given or neither. */
function readPopulation(form: FormData): { populations?: { year: number; population: number }[]; missing: boolean } {
  const year = String(form.get('year') ?? '').trim();
  const population = String(form.get('population') ?? '').trim();
  if (!year && !population) return { missing: false };
  if (!year || !population) return { missing: true };
  return { populations: [{ year: Number(year), population: Number(population) }], missing: false };
}

function PopulationFields({ error, missing }: { error: unknown; missing: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <Field label={t('reference.populationYear')} error={error} field="populations.0.year">
        <input name="year" type="number" min={1900} max={2999} step={1} inputMode="numeric" dir="ltr" />
      </Field>
      <Field label={t('reference.population')} error={error} field="populations.0.population">
        <input name="population" type="number" min={0} step={1} inputMode="numeric" dir="ltr" />
        {missing && <span className="field-error">{t('reference.populationBoth')}</span>}
      </Field>
    </>
  );
}

function AreaCreateForm({
  country,
  locations,
  onSaved,
  onCancel,
}: {
  country: string;
  locations: readonly LocationDto[];
  onSaved: (l: LocationDto) => void;
  onCancel: () => void;
}) {
  const { t, lang } = useI18n();
  const [missing, setMissing] = useState(false);
  const parents = [
    country,
    ...treeOrder(locations, country, lang)
      .filter((l) => l.level === 1)
      .map((l) => l.code),
  ];
  const nameOf = (code: string) => locations.find((l) => l.code === code)?.name ?? code;
  const { onSubmit, error, busy } = useFormSubmit(
    (form) => {
      const { populations, missing: incomplete } = readPopulation(form);
      setMissing(incomplete);
      if (incomplete) return;
      return api('createLocation', {
        body: {
          code: String(form.get('code') ?? '')
            .trim()
            .toUpperCase(),
          name: String(form.get('name') ?? '').trim(),
          parent: String(form.get('parent') ?? country),
          ...(populations ? { populations } : {}),
        },
      }).then(onSaved);
    },
    { closesOnSuccess: true },
  );

  return (
    <form className="form form-grid subsection-form" onSubmit={onSubmit} data-testid="location-form">
      <h3 className="form-span">{t('reference.newArea')}</h3>
      <ProblemAlert error={error} />
      <Field label={t('reference.parent')} error={error} field="parent">
        <select name="parent" defaultValue={country}>
          {parents.map((code) => (
            <option key={code} value={code}>
              {code === country ? t('reference.directlyUnder', { country: nameOf(code) }) : nameOf(code)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('reference.code')} error={error} field="code">
        <input
          name="code"
          required
          maxLength={64}
          pattern="[A-Za-z0-9][A-Za-z0-9_.\-]*"
          dir="ltr"
          placeholder={`${country}.NAIROBI`}
          autoComplete="off"
        />
        <span className="hint">{t('reference.areaCodeHint', { example: `${country}.NAIROBI` })}</span>
      </Field>
      <Field label={t('reference.name')} error={error} field="name">
        <input name="name" required maxLength={200} />
      </Field>
      <PopulationFields error={error} missing={missing} />
      <div className="form-actions form-span">
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('reference.addArea')}
        </button>
        <button type="button" className="button button-quiet" onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function AreaEditRow({ location, onSaved, onCancel }: { location: LocationDto; onSaved: (l: LocationDto) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const [missing, setMissing] = useState(false);
  const { onSubmit, error, busy } = useFormSubmit(
    (form) => {
      const { populations, missing: incomplete } = readPopulation(form);
      setMissing(incomplete);
      if (incomplete) return;
      const name = String(form.get('name') ?? '').trim();
      const body = { ...(name !== location.name ? { name } : {}), ...(populations ? { populations } : {}) };
      if (Object.keys(body).length === 0) {
        onCancel();
        return;
      }
      return api('updateLocation', { params: { code: location.code }, body }).then(onSaved);
    },
    { closesOnSuccess: true },
  );
  return (
    <tr className="row-editing">
      <td colSpan={COLUMNS}>
        <form
          className="form form-grid"
          onSubmit={onSubmit}
          aria-label={t('reference.editTitle', { name: location.name })}
          data-testid="location-edit-form"
        >
          <p className="form-span">
            <strong>{t('reference.editTitle', { name: location.name })}</strong> <code dir="ltr">{location.code}</code>
          </p>
          <ProblemAlert error={error} />
          <Field label={t('reference.name')} error={error} field="name">
            <input name="name" required maxLength={200} defaultValue={location.name} />
          </Field>
          <PopulationFields error={error} missing={missing} />
          {location.populations.length > 0 && (
            <p className="hint form-span">
              {t('reference.populationsKnown', {
                years: location.populations.map((p) => p.year).join(', '),
              })}
            </p>
          )}
          <FieldError error={error} field="populations" />
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
