import { useState } from 'react';
import { useCountries } from '../../../app/countries';
import { useSession } from '../../../app/session-context';
import { forgetSurveillanceReference, useDiseases, useMetrics } from '../../../app/surveillance-reference';
import { Loading, PageHeader, ProblemAlert } from '../../../app/ui';
import { useI18n } from '../../../i18n/i18n-context';
import { DiseasesSection } from './diseases-section';
import { LocationsSection } from './locations-section';
import { MetricsSection } from './metrics-section';

/** The reference data surveillance values refer to: diseases, metrics and locations. */
export function ReferencePage() {
  const { t } = useI18n();
  const { can } = useSession();
  const [version, setVersion] = useState(0);
  const diseases = useDiseases(version);
  const metrics = useMetrics(version);
  const countries = useCountries();
  const changed = () => {
    forgetSurveillanceReference();
    setVersion((v) => v + 1);
  };

  return (
    <>
      <PageHeader title={t('reference.title')}>
        <p className="muted">{t('reference.intro')}</p>
      </PageHeader>
      <nav className="page-sections" aria-label={t('reference.sections')}>
        <a href="#diseases-heading">{t('reference.diseases')}</a>
        <a href="#metrics-heading">{t('reference.metrics')}</a>
        <a href="#locations-heading">{t('reference.locations')}</a>
      </nav>
      <DiseasesSection diseases={diseases} canManage={can('reference:manage')} onChanged={changed} />
      <MetricsSection metrics={metrics} canManage={can('reference:manage')} onChanged={changed} />
      <ProblemAlert error={countries.error} />
      {countries.data ? <LocationsSection countries={countries.data} /> : !countries.error && <Loading />}
    </>
  );
}
