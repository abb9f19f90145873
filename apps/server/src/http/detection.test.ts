import { describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../testing/databases.js';
import { buildLoggedInUser, type LoggedIn } from '../testing/factories.js';
import { useTestApp } from '../testing/use-test-app.js';

/** 2024-W01 … W36 of a weekly count around 10, with outbreaks in W20–W22 and from W35 on. */
const BASELINE = [10, 12, 9, 11, 10, 13, 8, 10, 11, 9, 12, 10, 9, 11, 10, 12, 8, 11, 10];
function weeklyCsv(location: string, disease: string, weeks: number, outbreak: (week: number) => number | null): string {
  const lines = ['location,disease,metric,period,value'];
  for (let week = 1; week <= weeks; week++) {
    const value = outbreak(week) ?? BASELINE[week % BASELINE.length]!;
    lines.push(`${location},${disease},cases,2024-W${String(week).padStart(2, '0')},${value}`);
  }
  return `${lines.join('\n')}\n`;
}
const SPIKES: Record<number, number> = { 20: 40, 21: 45, 22: 50, 35: 60, 36: 70 };
const KENYA = weeklyCsv('KEN', 'cholera', 36, (w) => SPIKES[w] ?? null);
const BRAZIL = weeklyCsv('BRA', 'cholera', 36, (w) => (w === 30 ? 90 : null));

interface Signal {
  id: string;
  country: string;
  disease: string;
  firstAlarm: string;
  lastAlarm: string;
  alarms: number;
  peakObserved: number;
  score: number;
  ongoing: boolean;
  status: string;
}

describe.each(TEST_DATABASES)('early warning: detection runs and the signal queue ($name)', (database) => {
  const context = useTestApp(database);
  const call = (user: LoggedIn, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    context.app.inject({ method, url, headers: user.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const importCsv = (user: LoggedIn, csv: string) =>
    context.app.inject({ method: 'POST', url: '/api/imports', headers: { ...user.headers, 'content-type': 'text/csv' }, payload: csv });
  const signalsOf = async (user: LoggedIn, query = '') => (await call(user, 'GET', `/api/signals${query}`)).json().items as Signal[];

  it('an admin sets the method of a disease; bad methods and parameters are refused and change nothing', async () => {
    const admin = await buildLoggedInUser(context.app, context.runtime, { role: 'admin' });
    const before = (await call(admin, 'GET', '/api/detection/configs'))
      .json()
      .items.find((c: { disease: string }) => c.disease === 'cholera');
    expect(before).toMatchObject({ method: 'noufaily', metric: 'cases', isDefault: true, enabled: true });

    const badMethod = await call(admin, 'PUT', '/api/detection/configs/cholera', { method: 'bayes' });
    expect(badMethod.statusCode).toBe(400);
    const badParam = await call(admin, 'PUT', '/api/detection/configs/cholera', { method: 'ears-c1', params: { baselin: '7' } });
    expect(badParam.statusCode).toBe(400);
    expect(badParam.json().detail).toMatch(/baselin.*baseline/s);
    const badMetric = await call(admin, 'PUT', '/api/detection/configs/cholera', { method: 'ears-c1', metric: 'sneezes' });
    expect(badMetric.json().detail).toContain('unknown metric "sneezes"');
    expect((await call(admin, 'PUT', '/api/detection/configs/no-such', { method: 'ears-c1' })).statusCode).toBe(404);
    const unchanged = (await call(admin, 'GET', '/api/detection/configs'))
      .json()
      .items.find((c: { disease: string }) => c.disease === 'cholera');
    expect(unchanged).toEqual(before);

    const nfp = await buildLoggedInUser(context.app, context.runtime, { role: 'nfp', countries: ['KEN'] });
    expect((await call(nfp, 'PUT', '/api/detection/configs/cholera', { method: 'ears-c1' })).statusCode).toBe(403);

    // EARS C2: a guard band of two weeks keeps the first weeks of an outbreak out of the baseline of the next.
    const saved = await call(admin, 'PUT', '/api/detection/configs/cholera', { method: 'ears-c2', params: { alpha: '0.001' } });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ disease: 'cholera', method: 'ears-c2', params: { alpha: '0.001' }, isDefault: false });
  });

  it('an import opens one signal per series and episode, ranked, each country seeing only its own', async () => {
    const who = await buildLoggedInUser(context.app, context.runtime, { role: 'who_officer' });
    expect((await importCsv(who, KENYA)).json()).toMatchObject({ status: 'completed', inserted: 36 });
    expect((await importCsv(who, BRAZIL)).json()).toMatchObject({ status: 'completed', inserted: 36 });
    await context.runtime.services.detection.idle();

    const all = await signalsOf(who, '?disease=cholera');
    const kenya = all.filter((s) => s.country === 'KEN');
    expect(kenya.map((s) => [s.firstAlarm, s.lastAlarm, s.alarms, s.ongoing])).toEqual([
      ['2024-08-26', '2024-09-02', 2, true],
      ['2024-05-13', '2024-05-27', 3, false],
    ]);
    expect(all.filter((s) => s.country === 'BRA').map((s) => [s.firstAlarm, s.peakObserved])).toEqual([['2024-07-22', 90]]);
    expect(all.map((s) => s.score)).toEqual([...all.map((s) => s.score)].sort((a, b) => b - a));

    const runs = (await call(who, 'GET', '/api/detection/runs')).json();
    expect(runs.items[0]).toMatchObject({ trigger: 'import', status: 'completed', seriesTotal: 1 });

    // A focal point sees and triages only their country's signals; an observer sees none.
    const kenyaNfp = await buildLoggedInUser(context.app, context.runtime, { role: 'nfp', countries: ['KEN'] });
    expect((await signalsOf(kenyaNfp)).map((s) => s.country)).toEqual(['KEN', 'KEN']);
    const brazil = all.find((s) => s.country === 'BRA')!;
    expect((await call(kenyaNfp, 'GET', `/api/signals/${brazil.id}`)).statusCode).toBe(404);
    expect((await call(kenyaNfp, 'POST', `/api/signals/${brazil.id}/triage`, { decision: 'accept' })).statusCode).toBe(404);
    const observer = await buildLoggedInUser(context.app, context.runtime, { role: 'observer', allCountries: true });
    expect((await call(observer, 'GET', '/api/signals')).statusCode).toBe(403);
    expect((await call(observer, 'GET', `/api/signals/${kenya[0]!.id}`)).statusCode).toBe(403);
    const partner = await buildLoggedInUser(context.app, context.runtime, { role: 'partner', allCountries: true });
    expect((await call(partner, 'GET', '/api/signals')).statusCode).toBe(403);
    expect((await call(kenyaNfp, 'GET', '/api/signals?country=BRA')).json().total).toBe(0);
  });

  it('the detail of a signal carries the series for its chart: counts, expected values, thresholds and alarms', async () => {
    const who = await buildLoggedInUser(context.app, context.runtime, { role: 'who_officer' });
    const older = (await signalsOf(who, '?country=KEN')).find((s) => s.firstAlarm === '2024-05-13')!;
    const detail = (await call(who, 'GET', `/api/signals/${older.id}`)).json();
    expect(detail.signal).toMatchObject({ location: 'KEN', disease: 'cholera', method: 'ears-c2', peakObserved: 50 });
    const weeks = detail.weeks as {
      week: string;
      observed: number | null;
      upperbound: number | null;
      alarm: boolean | null;
      note: string | null;
    }[];
    expect(weeks[0]!.week).toBe('2024-01-01');
    expect(weeks.find((w) => w.week === '2024-05-27')).toMatchObject({ observed: 50, alarm: true });
    expect(weeks.find((w) => w.week === '2024-05-06')!.alarm).toBe(false);
    expect(weeks.find((w) => w.week === '2024-05-06')!.upperbound).toBeGreaterThan(10);
    // EARS C2 needs nine weeks before a week (seven of baseline, two of guard band): the first weeks have no result, and say why.
    expect(weeks[0]).toMatchObject({ observed: 12, alarm: null, upperbound: null, note: 'too_little_history' });
  });

  it('dismissing needs a reason; decisions are kept and audited', async () => {
    const nfp = await buildLoggedInUser(context.app, context.runtime, { role: 'nfp', countries: ['KEN'] });
    const older = (await signalsOf(nfp)).find((s) => s.firstAlarm === '2024-05-13')!;
    const noReason = await call(nfp, 'POST', `/api/signals/${older.id}/triage`, { decision: 'dismiss', note: '   ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].field).toBe('body.note');
    expect((await call(nfp, 'POST', `/api/signals/${older.id}/triage`, { decision: 'ignore' })).statusCode).toBe(400);
    expect((await signalsOf(nfp, '?status=new')).map((s) => s.id)).toContain(older.id);

    const dismissed = await call(nfp, 'POST', `/api/signals/${older.id}/triage`, {
      decision: 'dismiss',
      note: 'reporting backlog of two districts',
    });
    expect(dismissed.statusCode).toBe(200);
    expect(dismissed.json()).toMatchObject({ status: 'dismissed', decisionNote: 'reporting backlog of two districts' });
    expect((await signalsOf(nfp, '?status=new')).map((s) => s.id)).not.toContain(older.id);
    const latest = (await signalsOf(nfp, '?status=new'))[0]!;
    expect((await call(nfp, 'POST', `/api/signals/${latest.id}/triage`, { decision: 'accept' })).json()).toMatchObject({
      status: 'accepted',
      decisionNote: null,
    });

    const admin = await buildLoggedInUser(context.app, context.runtime, { role: 'admin' });
    const audit = (await call(admin, 'GET', '/api/audit?limit=100')).json().items as { action: string; targetId: string }[];
    expect(audit.filter((e) => e.targetId === older.id).map((e) => e.action)).toEqual(['signal.dismiss']);
  });

  it('a later week extends the open episode instead of opening another signal, and keeps its decision', async () => {
    const who = await buildLoggedInUser(context.app, context.runtime, { role: 'who_officer' });
    const before = (await signalsOf(who, '?country=KEN')).find((s) => s.firstAlarm === '2024-08-26')!;
    expect((await importCsv(who, 'location,disease,metric,period,value\nKEN,cholera,cases,2024-W37,80\n')).json().status).toBe('completed');
    await context.runtime.services.detection.idle();
    const after = await signalsOf(who, '?country=KEN');
    expect(after).toHaveLength(2);
    expect(after.find((s) => s.id === before.id)).toMatchObject({ lastAlarm: '2024-09-09', alarms: 3, status: 'accepted', ongoing: true });
  });

  it('runs on demand within the caller’s scope, with progress, and refuses bad requests', async () => {
    const who = await buildLoggedInUser(context.app, context.runtime, { role: 'who_officer' });
    const started = await call(who, 'POST', '/api/detection/runs', { diseases: ['cholera'], from: '2024-07-01', to: '2024-09-09' });
    expect(started.statusCode).toBe(201);
    expect(started.json()).toMatchObject({ trigger: 'manual', seriesTotal: 2, from: '2024-07-01', to: '2024-09-09' });
    await context.runtime.services.detection.idle();
    const run = (await call(who, 'GET', `/api/detection/runs/${started.json().id}`)).json();
    expect(run).toMatchObject({ status: 'completed', seriesDone: 2, signalsOpened: 0 });
    // KEN W27–W37 and BRA W27–W36.
    expect(run.weeksEvaluated).toBe(21);
    expect((await signalsOf(who, '?disease=cholera')).length).toBe(3);

    const nfp = await buildLoggedInUser(context.app, context.runtime, { role: 'nfp', countries: ['KEN'] });
    const outside = await call(nfp, 'POST', '/api/detection/runs', { countries: ['BRA'] });
    expect(outside.statusCode).toBe(403);
    const own = await call(nfp, 'POST', '/api/detection/runs', {});
    expect(own.json()).toMatchObject({ countries: ['KEN'], seriesTotal: 1, to: '2024-09-09' });
    await context.runtime.services.detection.idle();
    // A focal point sees the runs they started, not WHO's.
    expect((await call(nfp, 'GET', '/api/detection/runs')).json().items.map((r: { id: string }) => r.id)).toEqual([own.json().id]);
    expect((await call(nfp, 'GET', `/api/detection/runs/${started.json().id}`)).statusCode).toBe(404);

    const notMonday = await call(who, 'POST', '/api/detection/runs', { to: '2024-09-10' });
    expect(notMonday.statusCode).toBe(400);
    expect(notMonday.json().detail).toContain('not a Monday');
    const reversed = await call(who, 'POST', '/api/detection/runs', { from: '2024-09-09', to: '2024-09-02' });
    expect(reversed.statusCode).toBe(400);
    const unknown = await call(who, 'POST', '/api/detection/runs', { diseases: ['dragon-pox'] });
    expect(unknown.json().detail).toContain('unknown disease dragon-pox');
    const observer = await buildLoggedInUser(context.app, context.runtime, { role: 'observer', allCountries: true });
    expect((await call(observer, 'POST', '/api/detection/runs', {})).statusCode).toBe(403);
  });
});
