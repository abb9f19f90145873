import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InstantError, addHours, instantToMs, isIsoInstant, msToInstant } from './instants.js';

describe('instants', () => {
  it('reads UTC instants with or without seconds and milliseconds, as Date does', () => {
    for (const text of [
      '2025-03-10T14:00Z',
      '2025-03-10T14:00:00Z',
      '2025-03-10T14:00:00.5Z',
      '1969-12-31T23:59:59.999Z',
      '2024-02-29T00:00:00.000Z',
    ]) {
      expect(instantToMs(text)).toBe(Date.parse(text));
    }
  });

  it('writes them as toISOString does, and round-trips', () => {
    fc.assert(
      fc.property(fc.integer({ min: -2_000_000_000_000, max: 4_000_000_000_000 }), (ms) => {
        const text = msToInstant(ms);
        expect(text).toBe(new Date(ms).toISOString());
        expect(instantToMs(text)).toBe(ms);
      }),
    );
  });

  it('adds hours across days, months and leap years', () => {
    expect(addHours('2025-03-10T14:00:00Z', 24)).toBe('2025-03-11T14:00:00.000Z');
    expect(addHours('2024-02-28T23:30:00Z', 24)).toBe('2024-02-29T23:30:00.000Z');
    expect(addHours('2024-12-31T12:00:00Z', 12)).toBe('2025-01-01T00:00:00.000Z');
  });

  it('refuses what is not a UTC instant, saying so', () => {
    for (const text of ['2025-03-10', '2025-03-10T14:00:00+01:00', '2025-02-30T00:00:00Z', '2025-03-10T24:00:00Z', 'soon']) {
      expect(isIsoInstant(text)).toBe(false);
      expect(() => instantToMs(text)).toThrow(InstantError);
    }
  });
});
