import { describe, expect, it } from 'vitest';
import type { CountryDto } from '@accord/contracts';
import {
  NO_REGION_COLOUR,
  REGION_COLOURS,
  joinShapes,
  memberStateCounts,
  normaliseAtlasId,
  regionByAtlasId,
  regionFill,
} from './region-join';

function country(iso3: string, atlasId: string | null, whoRegion: CountryDto['whoRegion'], whoMemberState = true): CountryDto {
  const name = `${iso3} name`;
  return {
    iso3,
    iso2: iso3.slice(0, 2),
    m49: atlasId,
    names: { ar: name, zh: name, en: name, fr: name, ru: name, es: name },
    whoRegion,
    whoMemberState,
    unMember: whoMemberState,
    population: null,
    populationYear: null,
    atlasId,
    centroid: null,
  };
}

const COUNTRIES = [
  country('AUS', '036', 'WPR'),
  country('KEN', '404', 'AFR'),
  country('EGY', '818', 'EMR'),
  country('BRA', '076', 'AMR'),
  // A territory in the list but outside any WHO region.
  country('ESH', '732', null, false),
  // Listed but not drawn by world-atlas.
  country('TKL', null, 'WPR', false),
];

describe('regionByAtlasId', () => {
  it('keys countries by their zero-padded world-atlas id and skips those without one', () => {
    const byId = regionByAtlasId(COUNTRIES);
    expect(byId.get('036')).toMatchObject({ iso3: 'AUS', region: 'WPR' });
    expect(byId.get('076')).toMatchObject({ iso3: 'BRA', region: 'AMR' });
    expect(byId.size).toBe(5);
  });

  it('lets the WHO Member State win when two countries claim one id', () => {
    const byId = regionByAtlasId([country('XTA', '036', null, false), country('AUS', '036', 'WPR'), country('XTB', '036', 'EUR', false)]);
    expect(byId.get('036')?.iso3).toBe('AUS');
  });
});

describe('joinShapes', () => {
  const byId = regionByAtlasId(COUNTRIES);

  it('joins both world-atlas shapes with the duplicate id "036" (Australia, Ashmore and Cartier Is.) to Australia', () => {
    const shapes = joinShapes([{ id: '036' }, { id: '036' }], byId);
    expect(shapes.map((s) => s.country?.iso3)).toEqual(['AUS', 'AUS']);
    expect(shapes.map((s) => s.fill)).toEqual([REGION_COLOURS.WPR, REGION_COLOURS.WPR]);
    // React keys stay unique although the ids repeat.
    expect(new Set(shapes.map((s) => s.key)).size).toBe(2);
  });

  it('draws shapes without an id, or with an unknown id, in grey and unjoined', () => {
    const shapes = joinShapes([{}, { id: undefined }, { id: '999' }], byId);
    expect(shapes.every((s) => s.country === null && s.fill === NO_REGION_COLOUR)).toBe(true);
  });

  it('pads numeric ids and greys a joined territory without a WHO region', () => {
    const [kenya, sahara] = joinShapes([{ id: 404 }, { id: '732' }], byId);
    expect(kenya?.country?.iso3).toBe('KEN');
    expect(kenya?.fill).toBe(REGION_COLOURS.AFR);
    expect(sahara?.country?.iso3).toBe('ESH');
    expect(sahara?.fill).toBe(NO_REGION_COLOUR);
  });
});

describe('helpers', () => {
  it('normalises ids', () => {
    expect(normaliseAtlasId(4)).toBe('004');
    expect(normaliseAtlasId('036')).toBe('036');
    expect(normaliseAtlasId('')).toBeNull();
    expect(normaliseAtlasId(undefined)).toBeNull();
  });

  it('gives every region its own colour, distinct from the no-region grey', () => {
    const colours = Object.values(REGION_COLOURS);
    expect(new Set([...colours, NO_REGION_COLOUR]).size).toBe(7);
    expect(regionFill(null)).toBe(NO_REGION_COLOUR);
    expect(regionFill('EUR')).toBe(REGION_COLOURS.EUR);
  });

  it('counts WHO Member States per region', () => {
    expect(memberStateCounts(COUNTRIES)).toEqual({ AFR: 1, AMR: 1, SEAR: 0, EUR: 0, EMR: 1, WPR: 1 });
  });
});
