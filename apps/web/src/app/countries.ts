import type { CountryDto } from '@accord/contracts';
import { api } from '../api/client';
import { useAsync, type AsyncState } from './use-async';

let cached: Promise<CountryDto[]> | null = null;

/** The country list is public reference data that changes with releases, so one load per page visit is enough. */
export function loadCountries(): Promise<CountryDto[]> {
  cached ??= api('listCountries').then(
    (r) => r.items,
    (error: unknown) => {
      cached = null;
      throw error;
    },
  );
  return cached;
}

export function useCountries(): AsyncState<CountryDto[]> {
  return useAsync('countries', loadCountries);
}
