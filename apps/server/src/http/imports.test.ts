import { describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../testing/databases.js';
import { buildLoggedInUser } from '../testing/factories.js';
import { useTestApp } from '../testing/use-test-app.js';

const FILE =
  'location,disease,metric,period,value\nKEN,cholera,cases,2024-W05,12\nKEN,cholera,cases,2024-W06,abc\nBRA,cholera,cases,2024-W05,3\n';

describe.each(TEST_DATABASES)('import API ($name)', (database) => {
  const context = useTestApp(database);

  const post = (headers: Record<string, string>, body: string, query = '') =>
    context.app.inject({ method: 'POST', url: `/api/imports${query}`, headers: { ...headers, 'content-type': 'text/csv' }, payload: body });

  it("imports a CSV body for the sender's countries and reports the refused rows", async () => {
    const nfp = await buildLoggedInUser(context.app, context.runtime, { role: 'nfp', countries: ['KEN'] });
    const response = await post(nfp.headers, FILE, '?fileName=kenya-w05.csv');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'completed', rowsRead: 3, inserted: 1, rejected: 2, moreErrors: false });
    expect(response.json().errors.map((e: { line: number; column: string }) => [e.line, e.column])).toEqual([
      [3, 'value'],
      [4, 'location'],
    ]);
    const id = response.json().batchId as string;

    const batch = await context.app.inject({ method: 'GET', url: `/api/imports/${id}`, headers: nfp.headers });
    expect(batch.json()).toMatchObject({
      fileName: 'kenya-w05.csv',
      channel: 'api',
      status: 'completed',
      rowsInserted: 1,
      rowsRejected: 2,
    });
    const report = await context.app.inject({ method: 'GET', url: `/api/imports/${id}/errors.csv`, headers: nfp.headers });
    expect(report.headers['content-type']).toContain('text/csv');
    expect(report.body.split('\n')[0]).toBe('line,column,value,reason');
    expect(report.body).toContain('4,location,BRA,you may not import data for BRA: it is outside your country scope');
    const file = await context.app.inject({ method: 'GET', url: `/api/imports/${id}/file`, headers: nfp.headers });
    expect(file.body).toBe(FILE);

    // Another focal point does not see this batch; WHO does.
    const other = await buildLoggedInUser(context.app, context.runtime, { role: 'nfp', countries: ['UGA'] });
    expect((await context.app.inject({ method: 'GET', url: `/api/imports/${id}`, headers: other.headers })).statusCode).toBe(404);
    expect((await context.app.inject({ method: 'GET', url: `/api/imports/${id}/file`, headers: other.headers })).statusCode).toBe(404);
    expect((await context.app.inject({ method: 'GET', url: '/api/imports', headers: other.headers })).json().total).toBe(0);
    const who = await buildLoggedInUser(context.app, context.runtime, { role: 'who_officer' });
    expect(
      (await context.app.inject({ method: 'GET', url: '/api/imports', headers: who.headers }))
        .json()
        .items.map((b: { id: string }) => b.id),
    ).toContain(id);
  });

  it('refuses an atomic file with a bad row and a body that is not CSV', async () => {
    const nfp = await buildLoggedInUser(context.app, context.runtime, { role: 'nfp', countries: ['KEN'] });
    const atomic = await post(nfp.headers, FILE, '?atomic=true');
    expect(atomic.json()).toMatchObject({ status: 'rejected', inserted: 0 });
    const json = await context.app.inject({ method: 'POST', url: '/api/imports', headers: nfp.headers, payload: { rows: [] } });
    expect(json.statusCode).toBe(415);
    expect(json.json().errors[0].field).toBe('headers.content-type');
  });

  it('accepts an API token with the write scope, as a DHIS2-style script would use', async () => {
    const nfp = await buildLoggedInUser(context.app, context.runtime, { role: 'nfp', countries: ['KEN'] });
    const token = (
      await context.app.inject({
        method: 'POST',
        url: '/api/tokens',
        headers: nfp.headers,
        payload: { name: 'weekly push', scopes: ['read', 'write'] },
      })
    ).json().token;
    const response = await post(
      { authorization: `Bearer ${token}` },
      'location,disease,metric,period,value\nKEN,measles,cases,2024-W10,4\n',
    );
    expect(response.json()).toMatchObject({ status: 'completed', inserted: 1 });
  });
});
