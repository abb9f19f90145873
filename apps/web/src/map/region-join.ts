import { WHO_REGIONS, type Language, type WhoRegion } from '@accord/core';
import type { CountryDto } from '@accord/contracts';

/** What the map needs to know about a country drawn on it. */
export interface MapCountry {
  iso3: string;
  region: WhoRegion | null;
  names: Record<Language, string>;
}

/** A map shape joined to its country; `country` is null for shapes the reference data does not list. */
export interface JoinedShape<F> {
  key: string;
  feature: F;
  country: MapCountry | null;
  fill: string;
}

/** Distinct hues that stay apart for the common colour-vision deficiencies and keep dark borders readable. */
export const REGION_COLOURS: Record<WhoRegion, string> = {
  AFR: '#e69f00',
  AMR: '#56b4e9',
  SEAR: '#009e73',
  EUR: '#2c6fbb',
  EMR: '#cc79a7',
  WPR: '#d9b92b',
};

/** Territories outside any WHO region, and shapes without an identifier. */
export const NO_REGION_COLOUR = '#c5ccd3';

export function regionFill(region: WhoRegion | null): string {
  return region ? REGION_COLOURS[region] : NO_REGION_COLOUR;
}

/** Natural Earth ids are ISO 3166 numeric codes as zero-padded strings; a numeric id is padded the same way. */
export function normaliseAtlasId(id: string | number | null | undefined): string | null {
  if (id === undefined || id === null || id === '') return null;
  return String(id).padStart(3, '0');
}

/**
 * Country by world-atlas feature id. Should two countries claim one id, the WHO Member State wins, so a
 * Member State is never coloured as someone else's territory.
 */
export function regionByAtlasId(countries: readonly CountryDto[]): Map<string, MapCountry> {
  const byId = new Map<string, MapCountry & { member: boolean }>();
  for (const c of countries) {
    const id = normaliseAtlasId(c.atlasId);
    if (!id) continue;
    const existing = byId.get(id);
    if (existing && (existing.member || !c.whoMemberState)) continue;
    byId.set(id, { iso3: c.iso3, region: c.whoRegion, names: c.names, member: c.whoMemberState });
  }
  return new Map([...byId].map(([id, { member: _member, ...country }]) => [id, country]));
}

/**
 * Joins shapes to countries. Several shapes may share an id (world-atlas draws Australia and the Ashmore
 * and Cartier Islands both as "036"): each is joined. Shapes without an id (disputed or unlisted areas) stay grey.
 */
export function joinShapes<F extends { id?: string | number }>(
  features: readonly F[],
  byAtlasId: Map<string, MapCountry>,
): JoinedShape<F>[] {
  return features.map((feature, index) => {
    const id = normaliseAtlasId(feature.id);
    const country = (id && byAtlasId.get(id)) || null;
    return { key: `${index}:${id ?? 'none'}`, feature, country, fill: regionFill(country?.region ?? null) };
  });
}

/** WHO Member States per region, for the legend. */
export function memberStateCounts(countries: readonly CountryDto[]): Record<WhoRegion, number> {
  const counts = Object.fromEntries(WHO_REGIONS.map((r) => [r, 0])) as Record<WhoRegion, number>;
  for (const c of countries) if (c.whoMemberState && c.whoRegion) counts[c.whoRegion] += 1;
  return counts;
}
