import { lazy, Suspense, useMemo } from 'react';
import { CountryOptions } from '../app/options';
import type { CountryDto } from '@accord/contracts';
import { useCountries } from '../app/countries';
import { Link } from '../app/link';
import { navigate } from '../app/navigation';
import { Loading, PageHeader, ProblemAlert } from '../app/ui';
import { useI18n } from '../i18n/i18n-context';
import { MapDisclaimer, MapLegend } from '../map/map-legend';
import { memberStateCounts } from '../map/region-join';

// The map geometry is the largest part of the app: load it in its own chunk, after the page shell.
const WorldMap = lazy(() => import('../map/world-map').then((m) => ({ default: m.WorldMap })));

export function HomePage() {
  const { t, formatNumber } = useI18n();
  const { data: countries, error } = useCountries();
  const counts = useMemo(() => memberStateCounts(countries ?? []), [countries]);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);

  return (
    <div className="home">
      <section className="hero">
        <PageHeader title={t('home.title')} />
        <p className="hero-lead">{t('home.lead')}</p>
        <p>
          <Link to="/explorer" className="button button-primary" data-testid="home-explorer">
            {t('home.explore')}
          </Link>
        </p>
      </section>

      <section className="map-section" aria-labelledby="map-heading">
        <div className="section-heading">
          <h2 id="map-heading">{t('home.mapHeading')}</h2>
          {countries && <p className="stat">{t('home.memberStatesTotal', { count: formatNumber(total) })}</p>}
        </div>
        <ProblemAlert error={error} />
        {countries ? (
          <>
            <Suspense fallback={<div className="map-placeholder" />}>
              <WorldMap countries={countries} />
            </Suspense>
            <MapLegend counts={counts} />
            <CountryFinder countries={countries} />
            <MapDisclaimer />
          </>
        ) : (
          !error && <Loading />
        )}
      </section>
    </div>
  );
}

/** The same destinations as the map, for keyboard and screen-reader users and for small territories. */
function CountryFinder({ countries }: { countries: readonly CountryDto[] }) {
  const { t, lang } = useI18n();
  const sorted = useMemo(() => {
    const collator = new Intl.Collator(lang);
    return [...countries].sort((a, b) => collator.compare(a.names[lang], b.names[lang]));
  }, [countries, lang]);
  return (
    <label className="country-finder">
      <span>{t('home.findCountry')}</span>
      <select data-testid="country-finder" value="" onChange={(e) => e.target.value && navigate(`/countries/${e.target.value}`)}>
        <option value="">{t('home.chooseCountry')}</option>
        <CountryOptions countries={sorted} />
      </select>
    </label>
  );
}
