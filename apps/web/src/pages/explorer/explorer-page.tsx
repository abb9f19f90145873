import { useCallback, useEffect, useMemo, type FormEvent } from 'react';
import { CountryOptions, DiseaseOptions } from '../../app/options';
import type { Language } from '@accord/core';
import type { CountryDto, LatestByCountryDto, LocationDto, UserDto } from '@accord/contracts';
import { api, apiUrl } from '../../api/client';
import { useCountries } from '../../app/countries';
import { setSearchParams, useSearchParams } from '../../app/navigation';
import { useSession } from '../../app/session-context';
import { byName, countriesInScope, useDiseases, useMetrics } from '../../app/surveillance-reference';
import { useAsync } from '../../app/use-async';
import { Field, Loading, Notice, PageHeader, ProblemAlert, TableHead } from '../../app/ui';
import { useI18n } from '../../i18n/i18n-context';
import { LatestMap } from './latest-map';
import { periodDates } from './period-format';
import { periodSpan } from './scales';
import { SeriesChart } from './series-chart';

/** The demo data hold weekly mpox cases for 116 countries: the choice that shows real data first. */
const PREFERRED_DISEASE = 'mpox';
const PREFERRED_METRIC = 'cases';

/**
 * Surveillance data explorer: a location, a disease and a metric give a time series (chart and table), and the
 * world map shows every country's latest weekly value. The choices live in the address (?location=…&disease=…
 * &metric=…), so a view can be shared as a link; what is not chosen is filled in with data that exist.
 */
export function ExplorerPage() {
  const { t, lang } = useI18n();
  const { session } = useSession();
  const params = useSearchParams();
  const countries = useCountries();
  const diseases = useDiseases();
  const metrics = useMetrics();

  const disease = params.get('disease') || pickCode(diseases.data, PREFERRED_DISEASE);
  const metric = params.get('metric') || pickCode(metrics.data, PREFERRED_METRIC);
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  // Empty until the series says which kind of period it has most of; the map then follows it.
  const periodType = asPeriodType(params.get('period'));
  const latest = useAsync(`latest:${disease}:${metric}:${periodType ?? 'week'}`, () =>
    disease && metric ? api('getLatestByCountry', { query: { disease, metric, periodType: periodType ?? 'week' } }) : Promise.resolve(null),
  );
  const scope = session?.user.scope;
  const inScope = useMemo(() => countriesInScope(countries.data ?? [], scope, lang), [countries.data, scope, lang]);
  const location =
    params.get('location') || (latest.data !== undefined && !latest.loading ? defaultLocation(latest.data, scope, inScope) : null);
  const country = countryOf(location, countries.data ?? []);
  const areas = useAsync(`locations:${country ?? ''}`, () =>
    country ? api('listLocations', { query: { country } }).then((r) => r.items) : Promise.resolve([] as LocationDto[]),
  );

  useEffect(() => {
    // Write what was filled in into the address, so the link shared shows exactly this view.
    if (!disease || !metric || !location) return;
    setSearchParams({ disease, metric, location }, { replace: true });
  }, [disease, metric, location]);

  const choose = useCallback((changes: Record<string, string | null>) => setSearchParams(changes), []);
  const diseaseName = diseases.data?.find((d) => d.code === disease)?.names[lang] ?? disease ?? '';
  const metricName = metrics.data?.find((m) => m.code === metric)?.names[lang] ?? metric ?? '';

  return (
    <div className="explorer">
      <PageHeader title={t('explorer.title')}>
        <p className="muted">{t('explorer.intro')}</p>
      </PageHeader>
      <ProblemAlert error={countries.error ?? diseases.error ?? metrics.error} />
      {!countries.data || !diseases.data || !metrics.data ? (
        !(countries.error || diseases.error || metrics.error) && <Loading />
      ) : (
        <>
          <section className="card" aria-labelledby="explorer-choose">
            <h2 id="explorer-choose" className="visually-hidden">
              {t('explorer.choose')}
            </h2>
            <div className="form-grid explorer-choices">
              <Field label={t('explorer.disease')}>
                <select
                  value={disease ?? ''}
                  onChange={(e) => choose({ disease: e.target.value, period: null })}
                  data-testid="explorer-disease"
                >
                  <DiseaseOptions diseases={diseases.data} />
                </select>
              </Field>
              <Field label={t('explorer.metric')}>
                <select
                  value={metric ?? ''}
                  onChange={(e) => choose({ metric: e.target.value, period: null })}
                  data-testid="explorer-metric"
                >
                  {byName(metrics.data, lang).map((m) => (
                    <option key={m.code} value={m.code}>
                      {m.names[lang]}
                    </option>
                  ))}
                </select>
              </Field>
              <LocationChooser
                location={location}
                country={country}
                countries={inScope}
                areas={areas.data ?? []}
                onChange={(code) => choose({ location: code })}
              />
              <Field label={t('explorer.periodType')}>
                <select
                  value={periodType ?? ''}
                  onChange={(e) => choose({ period: e.target.value, from: '', to: '' })}
                  data-testid="explorer-period-type"
                >
                  {periodType === null && <option value="" />}
                  {PERIOD_TYPES.map((type) => (
                    <option key={type} value={type}>
                      {t(PERIOD_TYPE_LABELS[type])}
                    </option>
                  ))}
                </select>
              </Field>
            </div>
            <PeriodRange from={from} to={to} onChange={(range) => choose(range)} />
          </section>

          {location && disease && metric && (
            <SeriesSection
              location={location}
              disease={disease}
              metric={metric}
              from={from}
              to={to}
              periodType={periodType}
              onPeriodType={(type) => choose({ period: type })}
              place={placeName(location, country, countries.data, areas.data ?? [], lang)}
              heading={t('explorer.seriesTitle', { disease: diseaseName, metric: metricName })}
            />
          )}

          <section className="card" aria-labelledby="explorer-map-heading">
            <h2 id="explorer-map-heading">{t('explorer.map.heading', { disease: diseaseName, metric: metricName })}</h2>
            <ProblemAlert error={latest.error} />
            {latest.data ? (
              <LatestMap
                data={latest.data}
                countries={countries.data}
                selected={location}
                onSelect={(iso3) => {
                  choose({ location: iso3 });
                  // The chart is above the map: bring it into view, so the choice visibly takes effect.
                  document.getElementById('explorer-series')?.scrollIntoView({ block: 'start', behavior: 'smooth' });
                }}
              />
            ) : (
              !latest.error && <Loading />
            )}
          </section>
        </>
      )}
    </div>
  );
}

const PERIOD_TYPES = ['week', 'month', 'day'] as const;
type PeriodType = (typeof PERIOD_TYPES)[number];
const PERIOD_TYPE_LABELS = {
  week: 'explorer.periodType.week',
  month: 'explorer.periodType.month',
  day: 'explorer.periodType.day',
} as const;

function asPeriodType(value: string | null): PeriodType | null {
  return (PERIOD_TYPES as readonly string[]).includes(value ?? '') ? (value as PeriodType) : null;
}

function pickCode(items: readonly { code: string }[] | undefined, preferred: string): string | null {
  if (!items || items.length === 0) return null;
  return items.some((i) => i.code === preferred) ? preferred : items[0]!.code;
}

/**
 * Where to start when no location is chosen: among the countries of the reader's scope, the one whose latest
 * weekly value is largest (the darkest on the map), or the first of them when none has weekly data.
 */
export function defaultLocation(
  latest: LatestByCountryDto | null,
  scope: UserDto['scope'] | undefined,
  inScope: readonly CountryDto[],
): string | null {
  const visible = new Set(inScope.map((c) => c.iso3));
  const items = (latest?.items ?? []).filter((i) => scope?.all || visible.has(i.country));
  const best = [...items].sort((a, b) => b.value - a.value || b.period.localeCompare(a.period))[0];
  return best?.country ?? inScope[0]?.iso3 ?? null;
}

/** The country a location belongs to: a country is its own; an area's code starts with its country's (KEN.NAIROBI). */
function countryOf(location: string | null, countries: readonly CountryDto[]): string | null {
  if (!location) return null;
  const prefix = location.split(/[._-]/)[0] ?? '';
  if (countries.some((c) => c.iso3 === location)) return location;
  if (countries.some((c) => c.iso3 === prefix)) return prefix;
  return countries.length === 1 ? countries[0]!.iso3 : null;
}

/** "Kenya", or "Kenya › Nairobi › Westlands" for an area. */
function placeName(
  location: string,
  country: string | null,
  countries: readonly CountryDto[],
  areas: readonly LocationDto[],
  lang: Language,
): string {
  const countryName = countries.find((c) => c.iso3 === country)?.names[lang];
  const chain: string[] = [];
  for (let at = areas.find((l) => l.code === location); at && at.level > 0; at = areas.find((l) => l.code === at?.parent)) {
    chain.unshift(at.name);
  }
  if (location === country || chain.length > 0) return [countryName ?? country ?? location, ...chain].join(' › ');
  return location;
}

/** Country, then first- and second-level area; each level offers "the whole" of the one above. */
function LocationChooser({
  location,
  country,
  countries,
  areas: list,
  onChange,
}: {
  location: string | null;
  country: string | null;
  countries: readonly CountryDto[];
  areas: readonly LocationDto[];
  onChange: (code: string) => void;
}) {
  const { t, lang } = useI18n();
  const current = list.find((l) => l.code === location);
  const level1 = current?.level === 1 ? current.code : current?.level === 2 ? (current.parent ?? '') : '';
  const level2 = current?.level === 2 ? current.code : '';
  const collator = new Intl.Collator(lang);
  const under = (parent: string) => list.filter((l) => l.parent === parent).sort((a, b) => collator.compare(a.name, b.name));
  const firstLevel = country ? under(country) : [];
  const secondLevel = level1 ? under(level1) : [];
  const listed = countries.some((c) => c.iso3 === country);

  return (
    <>
      <Field label={t('explorer.country')}>
        <select value={listed ? (country ?? '') : ''} onChange={(e) => onChange(e.target.value)} data-testid="explorer-country">
          {!listed && <option value="">{t('common.choose')}</option>}
          <CountryOptions countries={countries} />
        </select>
      </Field>
      {firstLevel.length > 0 && country && (
        <Field label={t('explorer.area')}>
          <select value={level1} onChange={(e) => onChange(e.target.value || country)} data-testid="explorer-area">
            <option value="">{t('explorer.wholeCountry')}</option>
            {firstLevel.map((l) => (
              <option key={l.code} value={l.code}>
                {l.name}
              </option>
            ))}
          </select>
        </Field>
      )}
      {secondLevel.length > 0 && (
        <Field label={t('explorer.subArea')}>
          <select value={level2} onChange={(e) => onChange(e.target.value || level1)} data-testid="explorer-subarea">
            <option value="">{t('explorer.wholeArea')}</option>
            {secondLevel.map((l) => (
              <option key={l.code} value={l.code}>
                {l.name}
              </option>
            ))}
          </select>
        </Field>
      )}
    </>
  );
}

function PeriodRange({ from, to, onChange }: { from: string; to: string; onChange: (range: { from: string; to: string }) => void }) {
  const { t } = useI18n();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    onChange({ from: String(form.get('from') ?? '').trim(), to: String(form.get('to') ?? '').trim() });
  };
  return (
    // Keyed by the values, so going back in history shows the range of that page.
    <form key={`${from}|${to}`} className="toolbar explorer-range" onSubmit={submit}>
      <Field label={t('explorer.from')}>
        <input name="from" defaultValue={from} placeholder="2022-W20" maxLength={10} dir="ltr" size={11} />
      </Field>
      <Field label={t('explorer.to')}>
        <input name="to" defaultValue={to} placeholder="2023-W10" maxLength={10} dir="ltr" size={11} />
      </Field>
      <button type="submit" className="button">
        {t('explorer.applyRange')}
      </button>
      {(from || to) && (
        <button type="button" className="button button-quiet" onClick={() => onChange({ from: '', to: '' })}>
          {t('explorer.allPeriods')}
        </button>
      )}
      <p className="hint form-span">{t('explorer.rangeHint', { week: '2024-W05', month: '2024-03', day: '2024-03-15' })}</p>
    </form>
  );
}

function SeriesSection({
  location,
  disease,
  metric,
  from,
  to,
  periodType,
  onPeriodType,
  place,
  heading,
}: {
  location: string;
  disease: string;
  metric: string;
  from: string;
  to: string;
  periodType: PeriodType | null;
  onPeriodType: (type: PeriodType) => void;
  place: string;
  heading: string;
}) {
  const { t, lang, formatNumber } = useI18n();
  const query = { location, disease, metric, ...(from ? { from } : {}), ...(to ? { to } : {}), ...(periodType ? { periodType } : {}) };
  const series = useAsync(`series:${JSON.stringify(query)}`, () => api('getSeries', { query }));
  // Only a finished answer counts: while loading, the previous choice's answer may still be shown.
  const resolved = series.loading ? null : (series.data?.periodType ?? null);
  useEffect(() => {
    // The kind of period the server chose goes into the address, so the map and a shared link follow it.
    if (periodType === null && resolved !== null) setSearchParams({ period: resolved }, { replace: true });
  }, [periodType, resolved]);
  const others = (series.data?.periodTypes ?? []).filter((type) => type !== series.data?.periodType);
  const csv = apiUrl('listObservations', { query: { ...query, format: 'csv' } });
  const data = series.data;
  const title = `${heading} — ${place}`;

  return (
    <section id="explorer-series" className="card" aria-labelledby="explorer-series-heading" aria-busy={series.loading}>
      <div className="card-heading">
        <h2 id="explorer-series-heading">{title}</h2>
        <a className="button" href={csv} download data-testid="explorer-csv">
          {t('explorer.downloadCsv')}
        </a>
      </div>
      <ProblemAlert error={series.error} />
      {!data ? (
        !series.error && <Loading />
      ) : data.source === 'none' || data.points.length === 0 ? (
        <>
          <p data-testid="series-empty">{t('explorer.noData')}</p>
          <OtherPeriodTypes types={others} onChoose={onPeriodType} />
        </>
      ) : (
        <>
          {(data.source === 'sum-of-sub-areas' || data.source === 'mixed') && (
            <Notice tone="info">
              <span data-testid="series-summed">{t(data.source === 'mixed' ? 'explorer.summedSome' : 'explorer.summed')}</span>
            </Notice>
          )}
          <OtherPeriodTypes types={others} onChoose={onPeriodType} />
          <SeriesChart points={data.points} title={title} />
          <h3 className="series-table-heading">{t('explorer.tableSummary', { count: formatNumber(data.points.length) })}</h3>
          <div
            className="table-wrap table-scroll"
            tabIndex={0}
            role="region"
            aria-label={t('explorer.tableSummary', { count: formatNumber(data.points.length) })}
          >
            <table className="table table-compact" data-testid="series-table">
              <TableHead labels={[t('explorer.period'), t('explorer.dates'), t('explorer.value')]} />
              <tbody>
                {data.points.map((p) => {
                  const span = periodSpan(p.period);
                  return (
                    <tr key={p.period}>
                      <td className="nowrap">
                        <bdi>{p.period}</bdi>
                      </td>
                      <td>{span ? periodDates(span, lang) : ''}</td>
                      <td className="numeric">{formatNumber(p.value)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

/** Buttons to switch to the other kinds of period this choice has values for. */
function OtherPeriodTypes({ types, onChoose }: { types: readonly PeriodType[]; onChoose: (type: PeriodType) => void }) {
  const { t } = useI18n();
  if (types.length === 0) return null;
  return (
    <p className="other-period-types" data-testid="other-period-types">
      {t('explorer.alsoAvailable')}{' '}
      {types.map((type) => (
        <button key={type} type="button" className="button button-quiet" onClick={() => onChoose(type)}>
          {t(PERIOD_TYPE_LABELS[type])}
        </button>
      ))}
    </p>
  );
}
