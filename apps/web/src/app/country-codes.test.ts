import { describe, expect, it } from 'vitest';
import { parseCountryCodes } from './country-codes';

describe('parseCountryCodes', () => {
  it('accepts commas, spaces and any case, and drops repeats', () => {
    expect(parseCountryCodes(' ken, uga;KEN  bra ')).toEqual({ codes: ['KEN', 'UGA', 'BRA'], invalid: [] });
  });

  it('reports what is not a three-letter code', () => {
    expect(parseCountryCodes('KE, KENYA, EGY, 123')).toEqual({ codes: ['EGY'], invalid: ['KE', 'KENYA', '123'] });
    expect(parseCountryCodes('')).toEqual({ codes: [], invalid: [] });
  });
});
