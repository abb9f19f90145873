/**
 * Benchmark: early warning over a national-scale database. 100,000 weekly series × 5 years in
 * PostgreSQL; one `accord detect --db` run (the command an operator runs, worker threads and all)
 * evaluating the latest week of every series with Noufaily. Reports wall time, series per second
 * and peak memory.
 *
 *   npm run bench:detection-db                      # 100,000 series
 *   BENCH_SERIES=10000 npm run bench:detection-db   # smaller, for a quick look
 *
 * The series are written straight into the observations table with SQL (this benchmark is about
 * detection; `bench/ingest.ts` measures imports): 20,000 districts (level-1 locations spread over
 * the countries) × 5 diseases, seasonal counts with noise and a trend, 264 ISO weeks (5 years of history and
 * the ± 3 weeks Noufaily looks around each reference week) ending
 * 2025-12-29, one series in a hundred with an outbreak in its latest week. Needs a PostgreSQL server: ACCORD_TEST_DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/test. BENCH_KEEP=1 keeps the database for a second look.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism, cpus, totalmem } from 'node:os';
import pg from 'pg';
import { REPO_ROOT, startRuntime } from '../apps/server/src/runtime.js';
import { systemContext } from '../apps/server/src/services/context.js';
import { freshDatabase } from './fresh-database.js';

const SERIES = Number(process.env.BENCH_SERIES ?? 100_000);
const DISEASES = 5;
// Five years of history before the evaluated week, and three more for the window of ± w weeks around each reference week.
const WEEKS = 5 * 52 + 3 + 1;
const LAST_MONDAY = '2025-12-29';

const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;

const database = await freshDatabase('accord_bench_detect');
console.log(`database ${database.url.replace(/\/\/[^@]*@/, '//')}`);
try {
  const setupStarted = process.hrtime.bigint();
  const runtime = await startRuntime({ databaseUrl: database.url, dataDir: '' });
  const diseases = (await runtime.handle.db.selectFrom('diseases').select(['id', 'code']).orderBy('code').limit(DISEASES).execute()).map(
    (d) => d,
  );
  for (const disease of diseases) {
    await runtime.services.detection.updateConfig(systemContext('bench'), disease.code, { method: 'noufaily', metric: 'cases' });
  }
  const districts = Math.ceil(SERIES / diseases.length);
  await runtime.close();
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  // Districts spread over the countries, named like real sub-national codes (KEN.D00042).
  await client.query(
    `INSERT INTO locations (code, level, parent_id, country, name)
     SELECT p.code || '.D' || lpad(n::text, 5, '0'), 1, p.id, p.country, 'District ' || n
     FROM generate_series(1, $1::int) AS n
     JOIN (SELECT id, code, country, row_number() OVER (ORDER BY code) - 1 AS k FROM locations WHERE level = 0) p
       ON p.k = n % (SELECT count(*) FROM locations WHERE level = 0)`,
    [districts],
  );
  const batch = await client.query<{ id: string }>(
    `INSERT INTO import_batches (actor_label, format, channel, atomic, status) VALUES ('bench', 'csv', 'cli', false, 'completed') RETURNING id`,
  );
  // Loading without the primary key and adding it afterwards is several times faster than keeping it up row by row.
  await client.query('ALTER TABLE observations DROP CONSTRAINT observations_pkey');
  await client.query(
    `INSERT INTO observations (location_id, disease_id, metric_id, period_type, period_start, value, batch_id)
     SELECT l.id, d.id, (SELECT id FROM metrics WHERE code = 'cases'), 'W', $1::date - 7 * ($2::int - 1 - w), v.value, $3::uuid
     FROM (SELECT id FROM locations WHERE level = 1 ORDER BY id LIMIT $4::int) l
     CROSS JOIN unnest($5::int[]) AS d (id)
     CROSS JOIN generate_series(0, $2::int - 1) AS w
     CROSS JOIN LATERAL (
       -- One series in a hundred triples in the latest week: an outbreak the run should flag.
       SELECT greatest(0, round(mu * (CASE WHEN w = $2::int - 1 AND (l.id + d.id) % 100 = 0 THEN 3 ELSE 1 END)
                                + sqrt(mu) * (random() + random() + random() - 1.5) * 2))::float8 AS value
       FROM (SELECT (5 + (l.id % 40)) * (1 + 0.4 * sin(2 * pi() * w / 52.18) + 0.001 * w) AS mu) m
     ) v`,
    [LAST_MONDAY, WEEKS, batch.rows[0]!.id, districts, diseases.map((d) => d.id)],
  );
  await client.query('ALTER TABLE observations ADD PRIMARY KEY (location_id, disease_id, metric_id, period_type, period_start)');
  await client.query('ANALYZE observations');
  const counted = await client.query<{ series: number; rows: number }>(
    'SELECT count(DISTINCT (location_id, disease_id))::int AS series, count(*)::int AS rows FROM observations',
  );
  await client.end();
  const { series, rows } = counted.rows[0]!;
  console.log(
    `setup: ${series.toLocaleString('en')} series, ${rows.toLocaleString('en')} observations in ${seconds(setupStarted).toFixed(0)} s`,
  );

  const bundle = join(REPO_ROOT, 'apps/server/dist/accord.mjs');
  if (!existsSync(bundle)) throw new Error('build the bundle first: npm run build:server');
  const command = [process.execPath, join(REPO_ROOT, 'bin/accord.mjs'), 'detect', '--db', '--to', LAST_MONDAY];
  const timed = existsSync('/usr/bin/time') ? ['/usr/bin/time', '-v', ...command] : command;
  const started = process.hrtime.bigint();
  const outcome = spawnSync(timed[0]!, timed.slice(1), {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DATABASE_URL: database.url },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const wall = seconds(started);
  if (outcome.status !== 0) throw new Error(`accord detect --db failed:\n${outcome.stdout}\n${outcome.stderr}`);
  const summary = outcome.stdout.trim().split('\n').pop()!;
  const peakKb = /Maximum resident set size \(kbytes\): (\d+)/.exec(outcome.stderr)?.[1];
  console.log(summary);
  // What the run found: every week defined, and the planted outbreaks flagged.
  const check = new pg.Client({ connectionString: database.url });
  await check.connect();
  const found = await check.query<{ undefined_weeks: number; alarms: number; planted: number; planted_found: number; signals: number }>(
    `SELECT count(*) FILTER (WHERE alarm IS NULL)::int AS undefined_weeks,
            count(*) FILTER (WHERE alarm)::int AS alarms,
            count(*) FILTER (WHERE (location_id + disease_id) % 100 = 0)::int AS planted,
            count(*) FILTER (WHERE (location_id + disease_id) % 100 = 0 AND alarm)::int AS planted_found,
            (SELECT count(*) FROM signals)::int AS signals
     FROM detection_results`,
  );
  await check.end();
  const f = found.rows[0]!;
  console.log(
    `results: ${f.undefined_weeks} undefined weeks, ${f.alarms} alarms (${f.planted_found} of the ${f.planted} planted outbreaks), ${f.signals} signals`,
  );
  console.log(
    `\n| series | observations | method | weeks evaluated | wall s | series/s | peak RSS MiB | machine |\n| ---: | ---: | --- | ---: | ---: | ---: | ---: | --- |`,
  );
  console.log(
    `| ${series.toLocaleString('en')} | ${rows.toLocaleString('en')} | noufaily | ${/(\d+) series-weeks/.exec(summary)?.[1] ?? '?'} | ${wall.toFixed(1)} | ${Math.round(series / wall).toLocaleString('en')} | ${peakKb ? (Number(peakKb) / 1024).toFixed(0) : '?'} | ${availableParallelism()} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version} |`,
  );
} finally {
  if (process.env.BENCH_KEEP === '1') console.log(`kept ${database.url}`);
  else await database.drop();
}
