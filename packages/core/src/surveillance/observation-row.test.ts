import { describe, expect, it } from 'vitest';
import type { CountryCode } from '../reference/countries.js';
import type { IsoDate } from '../time/periods.js';
import { checkObservationRow, type ObservationRowContext } from './observation-row.js';

const context: ObservationRowContext = {
  codes: {
    locations: new Map([
      ['KEN', { id: 1, country: 'KEN' }],
      ['KEN-30', { id: 2, country: 'KEN' }],
      ['BRA', { id: 3, country: 'BRA' }],
    ]),
    diseases: new Map([
      ['cholera', 10],
      ['measles', 11],
    ]),
    metrics: new Map([
      ['cases', { id: 20, wholeNumbers: true }],
      ['attack-rate', { id: 21, wholeNumbers: false }],
    ]),
  },
  today: '2026-11-23' as IsoDate,
  mayActFor: (country: CountryCode) => country === 'KEN',
};
const columns = { location: 0, disease: 1, metric: 2, period: 3, value: 4 };
const check = (line: string) => checkObservationRow(line.split(','), columns, context);

describe('checkObservationRow', () => {
  it('translates a good row, accepting case and spaces around codes', () => {
    expect(check('KEN,cholera,cases,2024-W05,12')).toEqual({
      ok: true,
      observation: { locationId: 1, diseaseId: 10, metricId: 20, periodType: 'W', periodStart: '2024-01-29', value: 12 },
    });
    expect(check(' ken-30 , Cholera ,CASES, 2024-03 , 0')).toMatchObject({
      ok: true,
      observation: { locationId: 2, periodType: 'M', periodStart: '2024-03-01' },
    });
    expect(check('KEN,cholera,attack-rate,2024-03-15,3.25')).toMatchObject({ ok: true, observation: { value: 3.25, periodType: 'D' } });
  });

  it('names the column, the value and the reason of each problem', () => {
    expect(check('XYZ,cholera,cases,2024-W05,1')).toEqual({
      ok: false,
      column: 'location',
      value: 'XYZ',
      reason: 'unknown location code "XYZ"; use a country ISO3 code (e.g. KEN) or a sub-national code defined by an administrator',
    });
    expect(check('BRA,cholera,cases,2024-W05,1')).toMatchObject({
      column: 'location',
      reason: 'you may not import data for BRA: it is outside your country scope',
    });
    expect(check('KEN,cholra,cases,2024-W05,1')).toMatchObject({
      column: 'disease',
      reason: 'unknown disease code "cholra" (did you mean "cholera"?)',
    });
    expect(check('KEN,cholera,case,2024-W05,1')).toMatchObject({
      column: 'metric',
      reason: 'unknown metric code "case" (did you mean "cases"?)',
    });
    expect(check('KEN,cholera,cases,2024-W54,1')).toMatchObject({
      column: 'period',
      reason: '"2024-W54" is not a valid ISO week: 2024 has 52 weeks',
    });
    expect(check('KEN,cholera,cases,2026-W49,1')).toMatchObject({
      column: 'period',
      reason: 'period 2026-W49 starts after today (2026-11-23): data cannot be reported for the future',
    });
    expect(check('KEN,cholera,cases,2026-W48,1')).toMatchObject({ ok: true });
    expect(check('KEN,cholera,cases,2024-W05,-3')).toMatchObject({
      column: 'value',
      reason: 'negative value "-3": counts and measures cannot be below zero',
    });
    expect(check('KEN,cholera,cases,2024-W05,twelve')).toMatchObject({
      column: 'value',
      reason: '"twelve" is not a number; write digits, with a dot for decimals (e.g. 12 or 3.5)',
    });
    expect(check('KEN,cholera,cases,2024-W05,1e3')).toMatchObject({ column: 'value' });
    expect(check('KEN,cholera,cases,2024-W05,')).toMatchObject({ column: 'value', reason: 'the value is empty; write 0 for a true zero' });
    expect(check('KEN,cholera,cases,2024-W05,2.5')).toMatchObject({
      column: 'value',
      reason: '"2.5" is not a whole number; cases are counted in whole numbers',
    });
    expect(check('KEN,cholera,cases,2024-W05')).toMatchObject({
      column: null,
      reason: 'expected 5 fields (location,disease,metric,period,value), found 4',
    });
  });
});
