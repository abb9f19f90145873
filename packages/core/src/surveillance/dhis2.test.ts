import { describe, expect, it } from 'vitest';
import { Dhis2ConflictList, dataElementKey, toDhis2DataValue, translateDataValue, type Dhis2Mappings } from './dhis2.js';

const mappings: Dhis2Mappings = {
  dataElements: new Map([
    [dataElementKey('deCases', ''), { disease: 'cholera', metric: 'cases' }],
    [dataElementKey('deAge', 'under5'), { disease: 'measles', metric: 'cases' }],
  ]),
  orgUnits: new Map([['ouKenya', 'KEN']]),
};

describe('translateDataValue', () => {
  it('turns a DHIS2 data value into the canonical row, taking period and org unit from the set when the value has none', () => {
    expect(translateDataValue({ dataElement: 'deCases', value: '12' }, { period: '2024W5', orgUnit: 'ouKenya' }, mappings)).toEqual({
      ok: true,
      fields: ['KEN', 'cholera', 'cases', '2024-W05', '12'],
    });
    expect(translateDataValue({ dataElement: 'deCases', period: '20240315', orgUnit: 'ouKenya', value: 3 }, {}, mappings)).toEqual({
      ok: true,
      fields: ['KEN', 'cholera', 'cases', '2024-03-15', '3'],
    });
    // Any combination falls back to the mapping without one (DHIS2's default combination, for instance).
    expect(
      translateDataValue(
        { dataElement: 'deCases', categoryOptionCombo: 'HllvX50cXC0', period: '202403', orgUnit: 'ouKenya', value: '1' },
        {},
        mappings,
      ),
    ).toMatchObject({ ok: true, fields: ['KEN', 'cholera', 'cases', '2024-03', '1'] });
  });

  it('names the DHIS2 property and identifier that could not be translated', () => {
    const refuse = (value: Parameters<typeof translateDataValue>[0]) => translateDataValue(value, {}, mappings);
    expect(refuse({ dataElement: 'nope', period: '202401', orgUnit: 'ouKenya', value: '1' })).toMatchObject({
      ok: false,
      property: 'dataElement',
      object: 'nope',
    });
    expect(refuse({ dataElement: 'deAge', categoryOptionCombo: 'over5', period: '202401', orgUnit: 'ouKenya', value: '1' })).toMatchObject({
      ok: false,
      property: 'categoryOptionCombo',
      object: 'over5',
    });
    expect(refuse({ dataElement: 'deCases', period: '202401', orgUnit: 'ouMars', value: '1' })).toMatchObject({
      property: 'orgUnit',
      object: 'ouMars',
    });
    expect(refuse({ dataElement: 'deCases', period: '2024Q1', orgUnit: 'ouKenya', value: '1' })).toMatchObject({
      property: 'period',
      reason: 'quarterly periods (2024Q1) are not supported; send weekly, monthly or daily data',
    });
    expect(refuse({ dataElement: 'deCases', orgUnit: 'ouKenya', value: '1' })).toMatchObject({ property: 'period', object: '' });
    expect(refuse({ dataElement: 'deCases', period: '202401', orgUnit: 'ouKenya' })).toMatchObject({ property: 'value' });
    expect(refuse({ dataElement: 'deCases', period: '202401', orgUnit: 'ouKenya', value: '1', deleted: true })).toMatchObject({
      property: 'deleted',
    });
  });
});

describe('Dhis2ConflictList', () => {
  it('groups equal refusals with their positions and stays bounded', () => {
    const list = new Dhis2ConflictList(2, 2);
    list.add(0, 'orgUnit', 'a', 'not mapped');
    list.add(4, 'orgUnit', 'a', 'not mapped');
    list.add(5, 'orgUnit', 'a', 'not mapped');
    list.add(1, 'period', 'x', 'bad');
    list.add(2, 'value', '-1', 'negative');
    expect(list.conflicts).toEqual([
      { object: 'a', objects: { orgUnit: 'a' }, property: 'orgUnit', value: 'not mapped', indexes: [0, 4] },
      { object: 'x', objects: { period: 'x' }, property: 'period', value: 'bad', indexes: [1] },
    ]);
    expect(list.omitted).toBe(1);
  });
});

describe('toDhis2DataValue', () => {
  it('writes DHIS2 periods and string values, with the combination only when mapped', () => {
    expect(
      toDhis2DataValue({
        orgUnit: 'ou',
        dataElement: 'de',
        categoryOptionCombo: '',
        period: { type: 'week', start: '2024-01-29' as never },
        value: 4,
      }),
    ).toEqual({ dataElement: 'de', period: '2024W5', orgUnit: 'ou', value: '4' });
  });
});
