import type { CountryDto, DiseaseDto, SignalDto } from '@accord/contracts';
import { useCountries } from '../../app/countries';
import { useDiseases, useMetrics } from '../../app/surveillance-reference';
import { useI18n } from '../../i18n/i18n-context';

export interface SignalNames {
  countries: readonly CountryDto[];
  diseases: readonly DiseaseDto[];
  /** A failed load of the reference lists; codes stand in for the names meanwhile. */
  error: unknown;
  disease: (code: string) => string;
  /** A metric's name as it reads inside a sentence ("342 cases"). */
  metric: (code: string) => string;
  country: (iso3: string) => string;
  /** "Kenya" for a country's own series, "Nairobi · Kenya" for an area's. */
  place: (signal: SignalDto) => string;
}

/** Names in the reader's language for the codes a signal carries, falling back to the codes themselves. */
export function useSignalNames(): SignalNames {
  const { lang } = useI18n();
  const countries = useCountries();
  const diseases = useDiseases();
  const metrics = useMetrics();
  const country = (iso3: string) => countries.data?.find((c) => c.iso3 === iso3)?.names[lang] ?? iso3;
  return {
    countries: countries.data ?? [],
    diseases: diseases.data ?? [],
    error: countries.error ?? diseases.error ?? metrics.error,
    disease: (code) => diseases.data?.find((d) => d.code === code)?.names[lang] ?? code,
    metric: (code) => (metrics.data?.find((m) => m.code === code)?.names[lang] ?? code).toLocaleLowerCase(lang),
    country,
    place: (s) => (s.location === s.country ? country(s.country) : `${s.locationName} · ${country(s.country)}`),
  };
}
