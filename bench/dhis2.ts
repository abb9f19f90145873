/**
 * Benchmark: the DHIS2 endpoint with 100,000-value payloads, against the canonical CSV import of
 * the same values through the same server in the same run (the reference: same checks, staging and
 * upsert, without JSON), on PostgreSQL and on the embedded PGlite.
 *
 *   npx tsx bench/dhis2.ts                    # PGlite, and PostgreSQL from ACCORD_TEST_DATABASE_URL
 *   BENCH_VALUES=20000 npx tsx bench/dhis2.ts  # smaller, for a quick look
 *
 * Real HTTP over loopback: the payload is sent by `fetch` to the server listening in the same
 * process, so the figures include JSON parsing and schema validation of the body.
 */
import { cpus, totalmem } from 'node:os';
import { addDays, formatDhis2Period, formatPeriod, mondayOfIsoWeek, type IsoDate } from '@accord/core';
import { inProcessConfig } from '../apps/server/src/config.js';
import { buildHttpApp, startRuntime, type Runtime } from '../apps/server/src/runtime.js';
import { SYSTEM_CONTEXT } from '../apps/server/src/services/context.js';
import { freshDatabase } from './fresh-database.js';

const VALUES = Number(process.env.BENCH_VALUES ?? 100_000);
const DISEASES = 20;

interface Shape {
  countries: string[];
  diseases: string[];
  /** ISO week Mondays, `weeks` of them from `firstWeek`. */
  mondays: IsoDate[];
}

/** Maps one data element per disease (cases) and one org unit per country, as a DHIS2 administrator would. */
async function prepare(runtime: Runtime, values: number): Promise<{ token: string; shape: Shape }> {
  const db = runtime.handle.db;
  const countries = (await db.selectFrom('countries').select('iso3').orderBy('iso3').execute()).map((c) => c.iso3);
  const diseases = (await db.selectFrom('diseases').select('code').orderBy('code').execute()).map((d) => d.code).slice(0, DISEASES);
  const weeks = Math.ceil(values / (countries.length * diseases.length));
  const first = mondayOfIsoWeek(2010, 1);
  const mondays = Array.from({ length: weeks * 3 }, (_, i) => addDays(first, 7 * i) as IsoDate);
  const admin = await runtime.services.users.create(SYSTEM_CONTEXT, {
    username: 'bench-admin',
    password: 'bench password long enough',
    displayName: 'Bench',
    role: 'admin',
    preferredLanguage: 'en',
    allCountries: true,
    countries: [],
  });
  const token = await runtime.services.tokens.create(SYSTEM_CONTEXT, { name: 'bench', scopes: ['read', 'write'] }, admin.id);
  await runtime.services.dhis2.upsertDataElementMappings(SYSTEM_CONTEXT, {
    mappings: diseases.map((d, i) => ({ dataElement: `DE${String(i).padStart(9, '0')}`, disease: d, metric: 'cases' })),
  });
  await runtime.services.dhis2.upsertOrgUnitMappings(SYSTEM_CONTEXT, {
    mappings: countries.map((c) => ({ orgUnit: `OU${c}00000000`.slice(0, 11), location: c })),
  });
  return { token: token.token, shape: { countries, diseases, mondays } };
}

/** `count` values starting at week `weekOffset`, as DHIS2 JSON and as the same rows in canonical CSV. */
function payloads(shape: Shape, count: number, weekOffset: number): { json: string; csv: string } {
  const dataValues: object[] = [];
  let csv = 'location,disease,metric,period,value\n';
  outer: for (let w = weekOffset; ; w++) {
    const period = { type: 'week' as const, start: shape.mondays[w]! };
    for (const country of shape.countries) {
      for (let d = 0; d < shape.diseases.length; d++) {
        if (dataValues.length === count) break outer;
        const value = String((dataValues.length * 7919) % 500);
        dataValues.push({
          dataElement: `DE${String(d).padStart(9, '0')}`,
          period: formatDhis2Period(period),
          orgUnit: `OU${country}00000000`.slice(0, 11),
          categoryOptionCombo: 'HllvX50cXC0',
          attributeOptionCombo: 'HllvX50cXC0',
          value,
        });
        csv += `${country},${shape.diseases[d]},cases,${formatPeriod(period)},${value}\n`;
      }
    }
  }
  return { json: JSON.stringify({ dataValues }), csv };
}

async function post(url: string, token: string, body: string, type: string): Promise<{ seconds: number; answer: Record<string, unknown> }> {
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': type }, body });
  const answer = (await response.json()) as Record<string, unknown>;
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${JSON.stringify(answer).slice(0, 500)}`);
  return { seconds: (performance.now() - started) / 1000, answer };
}

async function run(name: string, runtime: Runtime, lines: string[]): Promise<void> {
  const app = await buildHttpApp(runtime, inProcessConfig(), false);
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const { token, shape } = await prepare(runtime, VALUES);
    const weeks = shape.mondays.length / 3;
    const dhis2 = payloads(shape, VALUES, 0);
    const csv = payloads(shape, VALUES, weeks);
    const row = (what: string, seconds: number, reference: number, bytes: number) =>
      lines.push(
        `| ${name} | ${what} | ${VALUES} | ${(bytes / 2 ** 20).toFixed(1)} | ${seconds.toFixed(2)} | ${(VALUES / seconds).toFixed(0)} | ${(reference / seconds).toFixed(2)} |`,
      );
    const csvNew = await post(`${base}/api/imports`, token, csv.csv, 'text/csv');
    const dhis2New = await post(`${base}/api/dataValueSets`, token, dhis2.json, 'application/json');
    const csvAgain = await post(`${base}/api/imports`, token, csv.csv, 'text/csv');
    const dhis2Again = await post(`${base}/api/dataValueSets`, token, dhis2.json, 'application/json');
    const imported = (dhis2New.answer.importCount as { imported: number }).imported;
    if (imported !== VALUES) throw new Error(`expected ${VALUES} imported, got ${JSON.stringify(dhis2New.answer).slice(0, 400)}`);
    row('CSV POST /api/imports, new values (the reference)', csvNew.seconds, csvNew.seconds, csv.csv.length);
    row('DHIS2 POST /api/dataValueSets, new values', dhis2New.seconds, csvNew.seconds, dhis2.json.length);
    row('CSV POST /api/imports, sent again (all unchanged)', csvAgain.seconds, csvAgain.seconds, csv.csv.length);
    row('DHIS2 POST /api/dataValueSets, sent again (all unchanged)', dhis2Again.seconds, csvAgain.seconds, dhis2.json.length);
  } finally {
    await app.close();
  }
}

async function main() {
  const lines = [
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}.`,
    '',
    '| database | request | values | MiB | seconds | values/s | ratio to CSV |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  const embedded = await startRuntime({ memory: true });
  try {
    await run('pglite', embedded, lines);
  } finally {
    await embedded.close();
  }
  const server = await freshDatabase('accord_bench_dhis2');
  try {
    const runtime = await startRuntime({ databaseUrl: server.url, dataDir: '' });
    try {
      await run('postgres', runtime, lines);
    } finally {
      await runtime.close();
    }
  } finally {
    await server.drop();
  }
  console.log(lines.join('\n'));
}

await main();
