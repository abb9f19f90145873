import { LANGUAGES, LANGUAGE_AUTONYMS, textDirection } from '@accord/core';
import { useCountries } from '../app/countries';
import { Link } from '../app/link';
import { useSession } from '../app/session-context';
import { Loading, PageHeader, ProblemAlert } from '../app/ui';
import { useI18n } from '../i18n/i18n-context';
import { regionNameKey } from '../map/region-names';
import { FocalPointCard } from './focal-point-card';

export function CountryPage({ iso3 }: { iso3: string }) {
  const { t, lang, formatNumber } = useI18n();
  const { can, canForCountry } = useSession();
  const { data: countries, error } = useCountries();

  if (error) return <ProblemAlert error={error} />;
  if (!countries) return <Loading />;
  const country = countries.find((c) => c.iso3 === iso3);
  if (!country) {
    return (
      <>
        <PageHeader title={t('country.notFoundTitle')} />
        <p>{t('country.notFound', { code: iso3 })}</p>
        <Link to="/">{t('country.backToMap')}</Link>
      </>
    );
  }

  const yesNo = (value: boolean) => (value ? t('common.yes') : t('common.no'));
  return (
    <div className="country-page" data-testid="country-page" data-iso3={country.iso3}>
      <p className="breadcrumb">
        <Link to="/">{t('country.backToMap')}</Link>
      </p>
      <PageHeader title={country.names[lang]} />
      <div className="grid-two">
        <section className="card">
          <h2>{t('country.facts')}</h2>
          <dl className="facts">
            <dt>{t('country.whoRegion')}</dt>
            <dd data-testid="country-region">{t(regionNameKey(country.whoRegion))}</dd>
            <dt>{t('country.whoMemberState')}</dt>
            <dd>{yesNo(country.whoMemberState)}</dd>
            <dt>{t('country.unMember')}</dt>
            <dd>{yesNo(country.unMember)}</dd>
            <dt>{t('country.population')}</dt>
            <dd>
              {country.population === null
                ? t('common.unknown')
                : country.populationYear === null
                  ? formatNumber(country.population)
                  : t('country.populationValue', { value: formatNumber(country.population), year: String(country.populationYear) })}
            </dd>
            <dt>{t('country.codes')}</dt>
            <dd className="codes">
              <bdi>{[country.iso3, country.iso2, country.m49].filter(Boolean).join(' · ')}</bdi>
            </dd>
          </dl>
        </section>
        <section className="card">
          <h2>{t('country.names')}</h2>
          <dl className="facts">
            {LANGUAGES.map((code) => (
              <div key={code} className="facts-row">
                <dt lang={code}>{LANGUAGE_AUTONYMS[code]}</dt>
                <dd lang={code}>
                  {/* Isolated, so each name keeps its own direction while the column stays aligned. */}
                  <bdi dir={textDirection(code)}>{country.names[code]}</bdi>
                </dd>
              </div>
            ))}
          </dl>
        </section>
      </div>
      {can('focal-point:read') && <FocalPointCard iso3={country.iso3} canEdit={canForCountry('focal-point:update', country.iso3)} />}
    </div>
  );
}
