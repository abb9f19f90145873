import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../testing/databases.js';
import { buildLoggedInUser, type LoggedIn } from '../testing/factories.js';
import { useTestApp } from '../testing/use-test-app.js';

const NAMES = {
  ar: 'حمى الوادي المتصدع',
  zh: '裂谷热',
  en: 'Rift Valley fever',
  fr: 'Fièvre de la vallée du Rift',
  ru: 'Лихорадка долины Рифт',
  es: 'Fiebre del Valle del Rift',
};

describe.each(TEST_DATABASES)('surveillance reference data and series ($name)', (database) => {
  const context = useTestApp(database);
  let admin: LoggedIn;
  let kenya: LoggedIn;

  const inject = (method: 'GET' | 'POST' | 'PATCH', url: string, headers: Record<string, string> = {}, payload?: unknown) =>
    context.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const importCsv = (who: LoggedIn, csv: string) =>
    context.app.inject({ method: 'POST', url: '/api/imports', headers: { ...who.headers, 'content-type': 'text/csv' }, payload: csv });

  beforeAll(async () => {
    admin = await buildLoggedInUser(context.app, context.runtime, { role: 'admin' });
    kenya = await buildLoggedInUser(context.app, context.runtime, { role: 'nfp', countries: ['KEN'] });
  });

  it('lists diseases, metrics and locations publicly, with names in the six languages', async () => {
    const diseases = (await inject('GET', '/api/diseases')).json().items;
    expect(diseases.find((d: { code: string }) => d.code === 'cholera')).toMatchObject({
      ihrCategory: 'always_assess',
      names: { fr: 'Choléra' },
    });
    const metrics = (await inject('GET', '/api/metrics')).json().items.map((m: { code: string }) => m.code);
    expect(metrics).toEqual(expect.arrayContaining(['cases', 'deaths', 'tested', 'positive']));
    const kenyaLocation = (await inject('GET', '/api/locations?country=KEN')).json().items[0];
    expect(kenyaLocation).toMatchObject({ code: 'KEN', level: 0, parent: null, country: 'KEN' });
    expect(kenyaLocation.populations[0].population).toBeGreaterThan(40_000_000);
  });

  it('lets an administrator add and edit diseases and metrics, and nobody else', async () => {
    const created = await inject('POST', '/api/diseases', admin.headers, {
      code: 'oropouche',
      names: NAMES,
      icd11: '1D4Y',
      ihrCategory: 'always_assess',
    });
    expect(created.statusCode).toBe(201);
    const edited = await inject('PATCH', '/api/diseases/oropouche', admin.headers, { names: { en: 'Oropouche virus disease' } });
    expect(edited.json()).toMatchObject({ names: { en: 'Oropouche virus disease', fr: NAMES.fr }, icd11: '1D4Y' });
    const again = await inject('POST', '/api/diseases', admin.headers, { code: 'oropouche', names: NAMES, ihrCategory: 'other' });
    expect(again.statusCode).toBe(409);
    expect((await inject('POST', '/api/diseases', kenya.headers, { code: 'x', names: NAMES, ihrCategory: 'other' })).statusCode).toBe(403);
    const blank = await inject('PATCH', '/api/diseases/cholera', admin.headers, { names: { ar: '  ' } });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().errors[0].field).toBe('body.names.ar');

    const metric = await inject('POST', '/api/metrics', admin.headers, { code: 'attack-rate', names: NAMES, wholeNumbers: false });
    expect(metric.statusCode).toBe(201);
    // A metric whose values include fractions cannot start requiring whole numbers.
    await importCsv(admin, 'location,disease,metric,period,value\nKEN,cholera,attack-rate,2024-W01,0.25\n');
    const whole = await inject('PATCH', '/api/metrics/attack-rate', admin.headers, { wholeNumbers: true });
    expect(whole.statusCode).toBe(409);
    expect(whole.json().detail).toContain('0.25');
  });

  it('lets a focal point add areas of their own country, with populations, and refuses others', async () => {
    const county = await inject('POST', '/api/locations', kenya.headers, {
      code: 'KEN.NAIROBI',
      name: 'Nairobi',
      parent: 'KEN',
      populations: [{ year: 2019, population: 4_397_073 }],
    });
    expect(county.statusCode).toBe(201);
    expect(county.json()).toEqual({
      code: 'KEN.NAIROBI',
      name: 'Nairobi',
      level: 1,
      parent: 'KEN',
      country: 'KEN',
      populations: [{ year: 2019, population: 4_397_073 }],
    });
    const ward = await inject('POST', '/api/locations', kenya.headers, { code: 'KEN.NAIROBI.KIBRA', name: 'Kibra', parent: 'KEN.NAIROBI' });
    expect(ward.json()).toMatchObject({ level: 2, parent: 'KEN.NAIROBI' });
    const tooDeep = await inject('POST', '/api/locations', kenya.headers, { code: 'KEN.X', name: 'X', parent: 'KEN.NAIROBI.KIBRA' });
    expect(tooDeep.statusCode).toBe(400);
    const prefix = await inject('POST', '/api/locations', kenya.headers, { code: 'NAIROBI', name: 'Nairobi', parent: 'KEN' });
    expect(prefix.statusCode).toBe(400);
    expect(prefix.json().errors[0]).toMatchObject({ field: 'body.code' });
    expect(
      (await inject('POST', '/api/locations', kenya.headers, { code: 'UGA.KAMPALA', name: 'Kampala', parent: 'UGA' })).statusCode,
    ).toBe(403);
    expect((await inject('PATCH', '/api/locations/UGA', kenya.headers, { name: 'x' })).statusCode).toBe(403);
    const population = await inject('PATCH', '/api/locations/KEN.NAIROBI', kenya.headers, {
      populations: [{ year: 2024, population: 5_000_000 }],
    });
    expect(population.json().populations.map((p: { year: number }) => p.year)).toEqual([2024, 2019]);
    const children = (await inject('GET', '/api/locations?parent=KEN')).json().items.map((l: { code: string }) => l.code);
    expect(children).toEqual(['KEN.NAIROBI']);
  });

  it("gives a location's series, or the sum of its areas, and each country's latest week for the map, within scope", async () => {
    await inject('POST', '/api/locations', admin.headers, { code: 'KEN.MOMBASA', name: 'Mombasa', parent: 'KEN' });
    const csv = [
      'location,disease,metric,period,value',
      'KEN.NAIROBI,mpox,cases,2024-W30,3',
      'KEN.MOMBASA,mpox,cases,2024-W30,2',
      'KEN.NAIROBI,mpox,cases,2024-W31,5',
      'UGA,mpox,cases,2024-W29,7',
      'UGA,mpox,cases,2024-W31,9',
      '',
    ].join('\n');
    expect((await importCsv(admin, csv)).json()).toMatchObject({ inserted: 5, rejected: 0 });

    const kenyaSeries = (await inject('GET', '/api/observations/series?location=KEN&disease=mpox&metric=cases', kenya.headers)).json();
    expect(kenyaSeries).toEqual({
      location: 'KEN',
      disease: 'mpox',
      metric: 'cases',
      periodType: 'week',
      periodTypes: ['week'],
      source: 'sum-of-sub-areas',
      points: [
        { period: '2024-W30', value: 5, summed: true },
        { period: '2024-W31', value: 5, summed: true },
      ],
    });
    const nairobi = (
      await inject('GET', '/api/observations/series?location=KEN.NAIROBI&disease=mpox&metric=cases&from=2024-W31', kenya.headers)
    ).json();
    expect(nairobi).toMatchObject({ source: 'reported', points: [{ period: '2024-W31', value: 5, summed: false }] });
    expect((await inject('GET', '/api/observations/series?location=UGA&disease=mpox&metric=cases', kenya.headers)).statusCode).toBe(403);
    const unknown = await inject('GET', '/api/observations/series?location=KEN&disease=mpoks&metric=cases', kenya.headers);
    expect(unknown.statusCode).toBe(400);

    // A ward's value counts for its county only where the county reported nothing itself; a
    // national figure replaces the sum of areas for its period; other kinds of period are kept apart.
    const more = [
      'location,disease,metric,period,value',
      'KEN.NAIROBI.KIBRA,mpox,cases,2024-W31,4',
      'KEN.NAIROBI.KIBRA,mpox,cases,2024-W32,6',
      'KEN,mpox,cases,2024-W33,20',
      'KEN.MOMBASA,mpox,cases,2024-W33,1',
      'KEN.MOMBASA,mpox,cases,2024-07,9',
      '',
    ].join('\n');
    expect((await importCsv(admin, more)).json()).toMatchObject({ inserted: 5, rejected: 0 });
    const rolled = (await inject('GET', '/api/observations/series?location=KEN&disease=mpox&metric=cases', kenya.headers)).json();
    expect(rolled).toMatchObject({ periodType: 'week', periodTypes: ['month', 'week'], source: 'mixed' });
    expect(rolled.points).toEqual([
      { period: '2024-W30', value: 5, summed: true },
      { period: '2024-W31', value: 5, summed: true },
      { period: '2024-W32', value: 6, summed: true },
      { period: '2024-W33', value: 20, summed: false },
    ]);
    const monthly = (
      await inject('GET', '/api/observations/series?location=KEN&disease=mpox&metric=cases&periodType=month', kenya.headers)
    ).json();
    expect(monthly.points).toEqual([{ period: '2024-07', value: 9, summed: true }]);

    const map = (await inject('GET', '/api/observations/latest-by-country?disease=mpox&metric=cases', admin.headers)).json();
    expect(map).toMatchObject({ periodType: 'week', latestPeriod: '2024-W33' });
    expect(map.items).toEqual([
      { country: 'KEN', period: '2024-W33', value: 20 },
      { country: 'UGA', period: '2024-W31', value: 9 },
    ]);
    const monthMap = (
      await inject('GET', '/api/observations/latest-by-country?disease=mpox&metric=cases&periodType=month', admin.headers)
    ).json();
    expect(monthMap).toMatchObject({ latestPeriod: '2024-07', items: [{ country: 'KEN', period: '2024-07', value: 9 }] });
    // A focal point's map shows only the countries they act for.
    const kenyaMap = (await inject('GET', '/api/observations/latest-by-country?disease=mpox&metric=cases', kenya.headers)).json();
    expect(kenyaMap.items.map((i: { country: string }) => i.country)).toEqual(['KEN']);
    expect((await inject('GET', '/api/observations/latest-by-country?disease=mpox&metric=cases')).statusCode).toBe(401);
  });
});
