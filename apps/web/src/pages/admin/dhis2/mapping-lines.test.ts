import { describe, expect, it } from 'vitest';
import { lineOfField, parseDataElementLines, parseOrgUnitLines } from './mapping-lines';

describe('pasted DHIS2 mappings', () => {
  it('reads data element lines, skipping a header and blank lines, with an empty combination as any', () => {
    const parsed = parseDataElementLines(
      'dataElement,categoryOptionCombo,disease,metric\n\nfbfJHSPpUQD,,cholera,cases\r\n"cYeuwXTCPkU", pq2XI5kz2BY ,cholera,deaths\n',
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows).toEqual([
      { line: 3, value: { dataElement: 'fbfJHSPpUQD', categoryOptionCombo: null, disease: 'cholera', metric: 'cases' } },
      { line: 4, value: { dataElement: 'cYeuwXTCPkU', categoryOptionCombo: 'pq2XI5kz2BY', disease: 'cholera', metric: 'deaths' } },
    ]);
  });

  it('names lines with the wrong number of fields', () => {
    const parsed = parseDataElementLines('a,,cholera,cases\nb,cholera,cases\n"c,,x,y');
    expect(parsed.rows.map((r) => r.line)).toEqual([1]);
    expect(parsed.problems).toEqual([
      { line: 2, fields: 3 },
      { line: 3, fields: 0 },
    ]);
  });

  it('reads org unit lines with commas or semicolons, upper-casing the location', () => {
    const parsed = parseOrgUnitLines('orgUnit,location\nImspTQPwCqd,ken\nO6uvpzGd5pu;KEN.NAIROBI');
    expect(parsed.rows.map((r) => r.value)).toEqual([
      { orgUnit: 'ImspTQPwCqd', location: 'KEN' },
      { orgUnit: 'O6uvpzGd5pu', location: 'KEN.NAIROBI' },
    ]);
  });

  it('points a refused field back at its line', () => {
    expect(lineOfField('body.mappings.1.disease', [3, 7])).toEqual({ line: 7, column: 'disease' });
    expect(lineOfField('body.mappings.5', [3])).toBeNull();
    expect(lineOfField('body.name', [3])).toBeNull();
  });
});
