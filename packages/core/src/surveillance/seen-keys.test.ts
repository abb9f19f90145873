import { describe, expect, it } from 'vitest';
import { addDays, type IsoDate } from '../time/periods.js';
import { SeenKeys } from './seen-keys.js';

const key = (periodType: 'W' | 'M' | 'D', periodStart: string, locationId = 1) => ({
  locationId,
  diseaseId: 2,
  metricId: 3,
  periodType,
  periodStart: periodStart as IsoDate,
});

describe('SeenKeys', () => {
  it('reports a key the second time only, per series and period type', () => {
    const seen = new SeenKeys();
    expect(seen.testAndSet(key('W', '2024-01-29'))).toBe(false);
    expect(seen.testAndSet(key('W', '2024-01-29'))).toBe(true);
    expect(seen.testAndSet(key('W', '2024-02-05'))).toBe(false);
    expect(seen.testAndSet(key('D', '2024-01-29'))).toBe(false);
    expect(seen.testAndSet(key('M', '2024-01-01'))).toBe(false);
    expect(seen.testAndSet(key('M', '2024-01-01'))).toBe(true);
    expect(seen.testAndSet(key('W', '2024-01-29', 9))).toBe(false);
  });

  it('agrees with a set of keys over decades of periods in any order, widening both ways', () => {
    const seen = new SeenKeys();
    const reference = new Set<string>();
    let state = 12345;
    const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 20_000; i++) {
      const type = (['W', 'M', 'D'] as const)[Math.floor(random() * 3)]!;
      const day = addDays('1990-01-01' as IsoDate, Math.floor(random() * 20_000));
      const start = type === 'D' ? day : type === 'M' ? (`${day.slice(0, 8)}01` as IsoDate) : mondayOf(day);
      const location = 1 + Math.floor(random() * 3);
      const id = `${location}${type}${start}`;
      expect(seen.testAndSet(key(type, start, location))).toBe(reference.has(id));
      reference.add(id);
    }
  });
});

function mondayOf(day: IsoDate): IsoDate {
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}
