import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../testing/databases.js';
import { buildLoggedInUser } from '../testing/factories.js';
import { useTestApp } from '../testing/use-test-app.js';
import { SYSTEM_CONTEXT } from '../services/context.js';

const DATA = [
  'location,disease,metric,period,value',
  'KEN,cholera,cases,2024-W05,12',
  'KEN,cholera,cases,2024-W06,15',
  'KEN-30,cholera,cases,2024-W06,4',
  'KEN,cholera,deaths,2024-W06,1',
  'KEN,cholera,cases,2024-02,40',
  'UGA,cholera,cases,2024-W06,7',
].join('\n');

describe.each(TEST_DATABASES)('observation export ($name)', (database) => {
  const context = useTestApp(database);

  beforeAll(async () => {
    const db = context.runtime.handle.db;
    const kenya = await db.selectFrom('locations').select('id').where('code', '=', 'KEN').executeTakeFirstOrThrow();
    await db.insertInto('locations').values({ code: 'KEN-30', level: 1, parent_id: kenya.id, country: 'KEN', name: 'Nairobi' }).execute();
    const summary = await context.runtime.services.observationImport.importCsv(SYSTEM_CONTEXT, [`${DATA}\n`], {
      fileName: 'x.csv',
      channel: 'api',
      atomic: true,
    });
    expect(summary.inserted).toBe(6);
  });

  const get = (headers: Record<string, string>, query: string) =>
    context.app.inject({ method: 'GET', url: `/api/observations?${query}`, headers });

  it('filters by location with its sub-areas, disease, metric and period range, as JSON', async () => {
    const who = await buildLoggedInUser(context.app, context.runtime, { role: 'who_officer' });
    const response = await get(who.headers, 'location=KEN&disease=cholera&metric=cases&from=2024-W05&to=2024-W06');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      items: [
        { location: 'KEN', disease: 'cholera', metric: 'cases', period: '2024-W05', value: 12 },
        { location: 'KEN', disease: 'cholera', metric: 'cases', period: '2024-W06', value: 15 },
        { location: 'KEN-30', disease: 'cholera', metric: 'cases', period: '2024-W06', value: 4 },
      ],
      limit: 1000,
      offset: 0,
      more: false,
    });
    const page = await get(who.headers, 'disease=cholera&limit=2');
    expect(page.json()).toMatchObject({ limit: 2, more: true });
  });

  it('exports CSV in the import format, which imports back unchanged', async () => {
    const who = await buildLoggedInUser(context.app, context.runtime, { role: 'who_officer' });
    const csv = await get(who.headers, 'format=csv&disease=cholera');
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe('location,disease,metric,period,value');
    expect(lines).toHaveLength(7);
    const again = await context.runtime.services.observationImport.importCsv(SYSTEM_CONTEXT, [csv.body], {
      fileName: null,
      channel: 'api',
      atomic: true,
    });
    expect(again).toMatchObject({ status: 'completed', inserted: 0, updated: 0, unchanged: 6 });
  });

  it("never returns another country's data to a scoped user", async () => {
    const uganda = await buildLoggedInUser(context.app, context.runtime, { role: 'nfp', countries: ['UGA'] });
    const all = await get(uganda.headers, 'disease=cholera');
    expect(all.json().items.map((i: { location: string }) => i.location)).toEqual(['UGA']);
    const csv = await get(uganda.headers, 'format=csv');
    expect(csv.body.trim().split('\n').slice(1)).toEqual(['UGA,cholera,cases,2024-W06,7']);
    const kenya = await get(uganda.headers, 'location=KEN');
    expect(kenya.statusCode).toBe(403);
    const kenyaCsv = await get(uganda.headers, 'location=KEN&format=csv');
    expect(kenyaCsv.statusCode).toBe(403);
  });

  it('names the bad filter', async () => {
    const who = await buildLoggedInUser(context.app, context.runtime, { role: 'who_officer' });
    expect((await get(who.headers, 'disease=cholra')).json().errors[0]).toEqual({
      field: 'querystring.disease',
      reason: 'unknown disease code "cholra"',
    });
    expect((await get(who.headers, 'from=2024-W60&format=csv')).json().errors[0].field).toBe('querystring.from');
    expect((await get(who.headers, 'from=2024-W01&to=2024-03')).json().errors[0].reason).toContain('same kind of period');
    expect((await get(who.headers, 'location=ZZZ')).statusCode).toBe(400);
  });
});
