import { describe, expect, it, beforeAll } from 'vitest';
import { TEST_DATABASES } from '../testing/databases.js';
import { buildLoggedInUser, type LoggedIn } from '../testing/factories.js';
import { useTestApp } from '../testing/use-test-app.js';

/**
 * DHIS2 compatibility, with payloads written to DHIS2's documented dataValueSets shape (identifiers
 * as in DHIS2's Sierra Leone demo database). A DHIS2 script pushes with an API token and reads the
 * ImportSummary; the export gives back the same values.
 */
const SET_LEVEL_PAYLOAD = {
  dataSet: 'pBOMPrpg1QX',
  completeDate: '2024-02-03',
  period: '202401',
  orgUnit: 'DiszpKrYNg8',
  attributeOptionCombo: 'HllvX50cXC0',
  dataValues: [
    { dataElement: 'f7n9E0hX8qk', value: '12', comment: 'checked by the district officer' },
    { dataElement: 'Ix2HsbDMLea', value: '2' },
    { dataElement: 'eY5ehpbEsB7', categoryOptionCombo: 'Prlt0C1RF0s', value: '7', followup: false },
  ],
};

describe.each(TEST_DATABASES)('DHIS2 dataValueSets ($name)', (database) => {
  const context = useTestApp(database);
  let admin: LoggedIn;
  let kenya: LoggedIn;
  let kenyaToken: string;

  const inject = (method: 'GET' | 'POST' | 'DELETE', url: string, headers: Record<string, string>, payload?: unknown) =>
    context.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const bearer = () => ({ authorization: `Bearer ${kenyaToken}` });

  beforeAll(async () => {
    admin = await buildLoggedInUser(context.app, context.runtime, { role: 'admin' });
    kenya = await buildLoggedInUser(context.app, context.runtime, { role: 'nfp', countries: ['KEN'] });
    kenyaToken = (await inject('POST', '/api/tokens', kenya.headers, { name: 'DHIS2 data exchange', scopes: ['read', 'write'] })).json()
      .token;
    const elements = await inject('POST', '/api/dhis2/data-element-mappings', admin.headers, {
      mappings: [
        { dataElement: 'f7n9E0hX8qk', disease: 'cholera', metric: 'cases' },
        { dataElement: 'Ix2HsbDMLea', disease: 'cholera', metric: 'deaths' },
        { dataElement: 'eY5ehpbEsB7', categoryOptionCombo: 'Prlt0C1RF0s', disease: 'measles', metric: 'cases' },
      ],
    });
    expect(elements.statusCode).toBe(200);
    // A focal point maps their own country's organisation units.
    const units = await inject('POST', '/api/dhis2/org-unit-mappings', kenya.headers, {
      mappings: [{ orgUnit: 'DiszpKrYNg8', location: 'KEN' }],
    });
    expect(units.statusCode).toBe(200);
    expect(units.json().items).toEqual([{ orgUnit: 'DiszpKrYNg8', location: 'KEN', country: 'KEN' }]);
  });

  it('imports a data value set pushed with a token and answers with an ImportSummary; sending it again changes nothing', async () => {
    const first = await inject('POST', '/api/dataValueSets', bearer(), SET_LEVEL_PAYLOAD);
    expect(first.statusCode).toBe(200);
    const summary = first.json();
    expect(summary).toMatchObject({
      responseType: 'ImportSummary',
      status: 'SUCCESS',
      importCount: { imported: 3, updated: 0, ignored: 0, deleted: 0 },
      conflicts: [],
      response: { status: 'SUCCESS', importCount: { imported: 3, updated: 0, ignored: 0, deleted: 0 } },
    });
    const stored = await inject('GET', '/api/observations?location=KEN&from=2024-01&to=2024-01', kenya.headers);
    expect(stored.json().items).toEqual([
      { location: 'KEN', disease: 'cholera', metric: 'cases', period: '2024-01', value: 12 },
      { location: 'KEN', disease: 'cholera', metric: 'deaths', period: '2024-01', value: 2 },
      { location: 'KEN', disease: 'measles', metric: 'cases', period: '2024-01', value: 7 },
    ]);

    const again = (await inject('POST', '/api/dataValueSets', bearer(), SET_LEVEL_PAYLOAD)).json();
    expect(again.status).toBe('SUCCESS');
    expect(again.importCount).toEqual({ imported: 0, updated: 0, ignored: 3, deleted: 0 });
    expect(again.description).toContain(`already imported as batch ${summary.reference}`);

    const batch = (await inject('GET', `/api/imports/${summary.reference}`, kenya.headers)).json();
    expect(batch).toMatchObject({ format: 'dhis2', channel: 'api', rowsInserted: 3, status: 'completed' });
    const file = await inject('GET', `/api/imports/${summary.reference}/file`, kenya.headers);
    expect(file.headers['content-type']).toContain('application/json');
    expect(file.json()).toEqual(SET_LEVEL_PAYLOAD);
  });

  it('updates a changed value and reports unmapped identifiers, bad periods and values as grouped conflicts', async () => {
    const response = await inject('POST', '/api/dataValueSets', bearer(), {
      dataValues: [
        { dataElement: 'f7n9E0hX8qk', period: '202401', orgUnit: 'DiszpKrYNg8', value: '15' },
        { dataElement: 'unmappedDE1', period: '202401', orgUnit: 'DiszpKrYNg8', value: '1' },
        { dataElement: 'unmappedDE1', period: '202402', orgUnit: 'DiszpKrYNg8', value: '1' },
        { dataElement: 'f7n9E0hX8qk', period: '202401', orgUnit: 'unmappedOU1', value: '1' },
        { dataElement: 'f7n9E0hX8qk', period: '2024W54', orgUnit: 'DiszpKrYNg8', value: '1' },
        { dataElement: 'f7n9E0hX8qk', period: '2024W6', orgUnit: 'DiszpKrYNg8', value: '-3' },
        { dataElement: 'eY5ehpbEsB7', categoryOptionCombo: 'otherCombo1', period: '2024W6', orgUnit: 'DiszpKrYNg8', value: '1' },
        { dataElement: 'Ix2HsbDMLea', period: '2024W6', orgUnit: 'DiszpKrYNg8', value: 4 },
      ],
    });
    expect(response.statusCode).toBe(200);
    const summary = response.json();
    expect(summary.status).toBe('WARNING');
    expect(summary.importCount).toEqual({ imported: 1, updated: 1, ignored: 6, deleted: 0 });
    const byProperty = (property: string) =>
      summary.conflicts
        .filter((c: { property: string }) => c.property === property)
        .map((c: { object: string; indexes: number[] }) => [c.object, c.indexes]);
    expect(byProperty('dataElement')).toEqual([['unmappedDE1', [1, 2]]]);
    expect(byProperty('orgUnit')).toEqual([['unmappedOU1', [3]]]);
    expect(byProperty('period')).toEqual([['2024W54', [4]]]);
    expect(byProperty('value')).toEqual([['-3', [5]]]);
    expect(byProperty('categoryOptionCombo')).toEqual([['otherCombo1', [6]]]);
    const dataElementConflict = summary.conflicts.find((c: { property: string }) => c.property === 'dataElement');
    expect(dataElementConflict).toMatchObject({
      objects: { dataElement: 'unmappedDE1' },
      value: 'data element unmappedDE1 is not mapped to a disease and metric; an administrator maps it under DHIS2 mappings',
    });
    expect(summary.conflicts.find((c: { property: string }) => c.property === 'period').value).toContain('2024W54');

    const series = (
      await inject('GET', '/api/observations/series?location=KEN&disease=cholera&metric=deaths&periodType=week', kenya.headers)
    ).json();
    expect(series.points).toContainEqual({ period: '2024-W06', value: 4, summed: false });
    const report = await inject('GET', `/api/imports/${summary.reference}/errors.csv`, kenya.headers);
    expect(report.body).toContain('4,orgUnit,unmappedOU1,organisation unit unmappedOU1 is not mapped to a location');
  });

  it('refuses everything with atomicMode=ALL, keeps nothing on dryRun and refuses unsupported strategies', async () => {
    const payload = {
      orgUnit: 'DiszpKrYNg8',
      dataValues: [
        { dataElement: 'f7n9E0hX8qk', period: '2024W10', value: '5' },
        { dataElement: 'f7n9E0hX8qk', period: '2024W11', value: 'many' },
      ],
    };
    const atomic = (await inject('POST', '/api/dataValueSets?atomicMode=ALL', bearer(), payload)).json();
    expect(atomic.status).toBe('ERROR');
    expect(atomic.importCount).toEqual({ imported: 0, updated: 0, ignored: 2, deleted: 0 });
    expect(atomic.conflicts).toHaveLength(1);

    const dry = (
      await inject('POST', '/api/dataValueSets?dryRun=true', bearer(), { ...payload, dataValues: payload.dataValues.slice(0, 1) })
    ).json();
    expect(dry).toMatchObject({ status: 'SUCCESS', importCount: { imported: 1 } });
    expect(dry.description).toMatch(/^dry run/);
    const week10 = await inject(
      'GET',
      '/api/observations?location=KEN&disease=cholera&metric=cases&from=2024-W10&to=2024-W10',
      kenya.headers,
    );
    expect(week10.json().items).toEqual([]);
    expect((await inject('GET', `/api/imports/${dry.reference}`, kenya.headers)).statusCode).toBe(404);

    const strategy = await inject('POST', '/api/dataValueSets?importStrategy=DELETE', bearer(), payload);
    expect(strategy.statusCode).toBe(400);
    expect(strategy.json().errors[0].field).toBe('querystring.importStrategy');
    // Other DHIS2 options a script may send are accepted and ignored.
    const options = await inject('POST', '/api/dataValueSets?dataElementIdScheme=UID&skipAudit=true&async=false', bearer(), {
      dataValues: [{ dataElement: 'f7n9E0hX8qk', period: '2024W12', orgUnit: 'DiszpKrYNg8', value: '0' }],
    });
    expect(options.json().importCount.imported).toBe(1);
  });

  it('exports the same values in the DHIS2 shape, and they import back unchanged', async () => {
    const exported = await inject('GET', '/api/dataValueSets?orgUnit=DiszpKrYNg8&period=202401', bearer());
    expect(exported.statusCode).toBe(200);
    expect(exported.json()).toEqual({
      dataValues: [
        { dataElement: 'f7n9E0hX8qk', period: '202401', orgUnit: 'DiszpKrYNg8', value: '15' },
        { dataElement: 'Ix2HsbDMLea', period: '202401', orgUnit: 'DiszpKrYNg8', value: '2' },
        { dataElement: 'eY5ehpbEsB7', period: '202401', orgUnit: 'DiszpKrYNg8', categoryOptionCombo: 'Prlt0C1RF0s', value: '7' },
      ],
    });
    const back = (await inject('POST', '/api/dataValueSets', bearer(), exported.json())).json();
    expect(back.importCount).toEqual({ imported: 0, updated: 0, ignored: 3, deleted: 0 });

    const weeks = (
      await inject('GET', '/api/dataValueSets?dataElement=f7n9E0hX8qk&startDate=2024-02-01&endDate=2024-12-31', bearer())
    ).json();
    expect(weeks.dataValues.map((v: { period: string }) => v.period)).toEqual(['2024W12']);
    const bad = await inject('GET', '/api/dataValueSets?period=2024-01', bearer());
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toContain('2024-01');
  });

  it("keeps each country's data to those who act for it", async () => {
    const uganda = await buildLoggedInUser(context.app, context.runtime, { role: 'nfp', countries: ['UGA'] });
    const pushed = (await inject('POST', '/api/dataValueSets', uganda.headers, SET_LEVEL_PAYLOAD)).json();
    expect(pushed.status).toBe('WARNING');
    expect(pushed.importCount.imported).toBe(0);
    expect(pushed.conflicts[0]).toMatchObject({ property: 'orgUnit', indexes: [0, 1, 2] });
    expect(pushed.conflicts[0].value).toContain('outside your country scope');

    expect((await inject('GET', '/api/dataValueSets?orgUnit=DiszpKrYNg8', uganda.headers)).statusCode).toBe(403);
    expect((await inject('GET', '/api/dataValueSets', uganda.headers)).json()).toEqual({ dataValues: [] });
    expect((await inject('GET', '/api/dhis2/org-unit-mappings', uganda.headers)).json().items).toEqual([]);
    expect((await inject('GET', '/api/dhis2/org-unit-mappings', kenya.headers)).json().items).toEqual([
      { orgUnit: 'DiszpKrYNg8', location: 'KEN', country: 'KEN' },
    ]);

    // Mapping tables: data elements are for administrators; org units for those who act for the country.
    const element = await inject('POST', '/api/dhis2/data-element-mappings', kenya.headers, {
      mappings: [{ dataElement: 'x', disease: 'cholera', metric: 'cases' }],
    });
    expect(element.statusCode).toBe(403);
    const unit = await inject('POST', '/api/dhis2/org-unit-mappings', uganda.headers, { mappings: [{ orgUnit: 'y', location: 'KEN' }] });
    expect(unit.statusCode).toBe(403);
    expect((await inject('DELETE', '/api/dhis2/org-unit-mappings/DiszpKrYNg8', uganda.headers)).statusCode).toBe(403);
    const observer = await buildLoggedInUser(context.app, context.runtime, { role: 'observer', countries: ['KEN'] });
    expect((await inject('POST', '/api/dataValueSets', observer.headers, SET_LEVEL_PAYLOAD)).statusCode).toBe(403);
    expect((await inject('GET', '/api/dhis2/org-unit-mappings', observer.headers)).statusCode).toBe(403);
  });

  it('refuses bad mapping input naming the field, and changes nothing', async () => {
    const before = (await inject('GET', '/api/dhis2/data-element-mappings', admin.headers)).json().items;
    const unknownDisease = await inject('POST', '/api/dhis2/data-element-mappings', admin.headers, {
      mappings: [
        { dataElement: 'newDE00001', disease: 'cholera', metric: 'cases' },
        { dataElement: 'newDE00002', disease: 'cholerra', metric: 'cases' },
      ],
    });
    expect(unknownDisease.statusCode).toBe(400);
    expect(unknownDisease.json().errors[0]).toEqual({ field: 'body.mappings.1.disease', reason: 'unknown disease code "cholerra"' });
    expect((await inject('GET', '/api/dhis2/data-element-mappings', admin.headers)).json().items).toEqual(before);
    const twice = await inject('POST', '/api/dhis2/org-unit-mappings', admin.headers, {
      mappings: [
        { orgUnit: 'a1', location: 'UGA' },
        { orgUnit: 'a2', location: 'UGA' },
      ],
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().errors[0].field).toBe('body.mappings.1.location');
    const missing = await inject('DELETE', '/api/dhis2/data-element-mappings/neverMapped', admin.headers);
    expect(missing.statusCode).toBe(404);
    const removed = await inject('DELETE', '/api/dhis2/data-element-mappings/eY5ehpbEsB7?categoryOptionCombo=Prlt0C1RF0s', admin.headers);
    expect(removed.statusCode).toBe(204);
    const after = await inject('POST', '/api/dataValueSets', bearer(), {
      dataValues: [
        { dataElement: 'eY5ehpbEsB7', categoryOptionCombo: 'Prlt0C1RF0s', period: '2024W20', orgUnit: 'DiszpKrYNg8', value: '1' },
      ],
    });
    expect(after.json().conflicts[0].property).toBe('dataElement');
  });

  it('a weekly push is followed by a detection run over the weeks it changed', async () => {
    const weekly = {
      orgUnit: 'DiszpKrYNg8',
      dataValues: Array.from({ length: 10 }, (_, i) => ({ dataElement: 'f7n9E0hX8qk', period: `2024W${i + 1}`, value: String(10 + i) })),
    };
    const summary = (await inject('POST', '/api/dataValueSets', bearer(), weekly)).json();
    expect(summary.importCount.imported).toBe(10);
    await context.runtime.services.detection.idle();
    const runs = (await inject('GET', '/api/detection/runs', admin.headers)).json().items as { importBatchId: string }[];
    // Cholera is monitored with Noufaily by default: ten weeks are too little history, and the run says so per week.
    expect(runs.find((r) => r.importBatchId === summary.reference)).toMatchObject({
      trigger: 'import',
      status: 'completed',
      seriesTotal: 1,
      from: '2024-01-01',
      // Through the series' latest week (an earlier test stored W11 and W12): a changed week shifts the baselines after it.
      to: '2024-03-18',
      weeksEvaluated: 12,
      alarms: 0,
    });
  });
});
