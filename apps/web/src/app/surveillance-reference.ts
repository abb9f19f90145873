import type { CountryDto, DiseaseDto, MetricDto, UserDto } from '@accord/contracts';
import type { Language } from '@accord/core';
import { api } from '../api/client';
import { useAsync, type AsyncState } from './use-async';

let diseases: Promise<DiseaseDto[]> | null = null;
let metrics: Promise<MetricDto[]> | null = null;

/** Diseases change only when an administrator edits them: one load per page visit, refreshed after an edit. */
function loadDiseases(): Promise<DiseaseDto[]> {
  diseases ??= api('listDiseases').then(
    (r) => r.items,
    (error: unknown) => {
      diseases = null;
      throw error;
    },
  );
  return diseases;
}

function loadMetrics(): Promise<MetricDto[]> {
  metrics ??= api('listMetrics').then(
    (r) => r.items,
    (error: unknown) => {
      metrics = null;
      throw error;
    },
  );
  return metrics;
}

/** Forgets the loaded diseases and metrics, after a change, so every page shows the new names. */
export function forgetSurveillanceReference(): void {
  diseases = null;
  metrics = null;
}

export function useDiseases(version = 0): AsyncState<DiseaseDto[]> {
  return useAsync(`diseases#${version}`, loadDiseases);
}

export function useMetrics(version = 0): AsyncState<MetricDto[]> {
  return useAsync(`metrics#${version}`, loadMetrics);
}

/** Sorted by their name in the reader's language. */
export function byName<T extends { names: Record<Language, string> }>(items: readonly T[], lang: Language): T[] {
  const collator = new Intl.Collator(lang);
  return [...items].sort((a, b) => collator.compare(a.names[lang], b.names[lang]));
}

/** The countries a user's data is limited to (all of them for a global scope), by name in the reader's language. */
export function countriesInScope(countries: readonly CountryDto[], scope: UserDto['scope'] | undefined, lang: Language): CountryDto[] {
  const visible = !scope ? [] : scope.all ? countries : countries.filter((c) => scope.countries.includes(c.iso3));
  return byName(visible, lang);
}
