import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCountriesCsv, toCountryCode } from './countries.js';

const csv = readFileSync(new URL('../../../../data/reference/countries.csv', import.meta.url), 'utf8');

describe('countries reference data', () => {
  const countries = parseCountriesCsv(csv);

  it('has 250 rows with names in all six languages', () => {
    expect(countries).toHaveLength(250);
    const kenya = countries.find((c) => c.iso3 === 'KEN')!;
    expect(kenya).toMatchObject({ iso2: 'KE', m49: '404', whoRegion: 'AFR', whoMemberState: true, atlasId: '404' });
    for (const c of countries) for (const name of Object.values(c.names)) expect(name, c.iso3).not.toBe('');
  });

  it('keeps Indonesia in the Western Pacific Region (WHA78, 2025)', () => {
    expect(countries.find((c) => c.iso3 === 'IDN')!.whoRegion).toBe('WPR');
  });

  it('normalises and checks country codes', () => {
    expect(toCountryCode(' ken ')).toBe('KEN');
    expect(() => toCountryCode('Kenya')).toThrow(/alpha-3/);
  });
});
