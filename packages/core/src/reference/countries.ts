import type { Language, WhoRegion } from '../limits.js';
import { WHO_REGIONS } from '../limits.js';
import { parseCsvRecords } from '../text/csv.js';
import { namesFromColumns } from '../i18n/languages.js';

declare const countryCodeBrand: unique symbol;
/** ISO 3166-1 alpha-3 code (or XKX for Kosovo), upper case. */
export type CountryCode = string & { readonly [countryCodeBrand]: true };

const ISO3_PATTERN = /^[A-Z]{3}$/;

export function isCountryCode(value: string): value is CountryCode {
  return ISO3_PATTERN.test(value);
}

export function toCountryCode(value: string): CountryCode {
  const upper = value.trim().toUpperCase();
  if (!isCountryCode(upper)) {
    throw new Error(`"${value}" is not an ISO 3166-1 alpha-3 country code (three letters, e.g. KEN)`);
  }
  return upper;
}

export interface Country {
  iso3: CountryCode;
  iso2: string;
  m49: string | null;
  names: Record<Language, string>;
  whoRegion: WhoRegion | null;
  whoMemberState: boolean;
  unMember: boolean;
  population: number | null;
  populationYear: number | null;
  atlasId: string | null;
  centroid: { lat: number; lon: number } | null;
}

function optionalNumber(value: string | undefined): number | null {
  if (value === undefined || value.trim() === '') return null;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`"${value}" is not a number`);
  return n;
}

/** Reads the committed `countries.csv` (see data/README.md for its columns and provenance). */
export function parseCountriesCsv(text: string): Country[] {
  return parseCsvRecords(text).map((r, index) => {
    const line = index + 2;
    const iso3 = r.iso3 ?? '';
    if (!isCountryCode(iso3)) throw new Error(`countries.csv line ${line}: iso3 "${iso3}" is not three capital letters`);
    const region = r.who_region ?? '';
    if (region !== '' && !(WHO_REGIONS as readonly string[]).includes(region)) {
      throw new Error(`countries.csv line ${line}: who_region "${region}" is not one of ${WHO_REGIONS.join(', ')}`);
    }
    const lat = optionalNumber(r.centroid_lat);
    const lon = optionalNumber(r.centroid_lon);
    return {
      iso3,
      iso2: r.iso2 ?? '',
      m49: r.m49 || null,
      names: namesFromColumns(r),
      whoRegion: region === '' ? null : (region as WhoRegion),
      whoMemberState: r.who_member_state === '1',
      unMember: r.un_member === '1',
      population: optionalNumber(r.population),
      populationYear: optionalNumber(r.population_year),
      atlasId: r.atlas_id || null,
      centroid: lat !== null && lon !== null ? { lat, lon } : null,
    };
  });
}
