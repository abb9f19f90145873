/**
 * Benchmark: bulk import of surveillance data, against the physical limit on this machine.
 *
 *   npx tsx bench/ingest.ts                  # 5,000,000 rows into PostgreSQL, 1,000,000 into PGlite
 *   BENCH_ROWS=500000 npx tsx bench/ingest.ts  # smaller, for a quick look
 *
 * It generates canonical CSV (250 countries × 20 diseases × 1,000 ISO weeks of cases = 5,000,000
 * rows), then in the same run: `psql \copy` of the file into a bare table with the same columns and
 * no index or check (what PostgreSQL can take at best), and `accord import` of the same file into
 * a fresh Accord database (parsing, checking every row, staging, duplicate detection, upsert into
 * the indexed observations table, the audit entry, keeping the file). Peak memory is the maximum
 * resident set size of the `accord import` process (GNU time). Needs a PostgreSQL server:
 * ACCORD_TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { formatPeriod, mondayOfIsoWeek, addDays, type IsoDate } from '@accord/core';
import { REPO_ROOT, startRuntime } from '../apps/server/src/runtime.js';
import { freshDatabase } from './fresh-database.js';

const rows = Number(process.env.BENCH_ROWS ?? 5_000_000);
const embeddedRows = Math.min(rows, Number(process.env.BENCH_EMBEDDED_ROWS ?? 1_000_000));

async function generate(count: number): Promise<string> {
  const path = join(tmpdir(), `accord-ingest-${count}.csv`);
  if (existsSync(path)) return path;
  const runtime = await startRuntime({ memory: true });
  const countries = (await runtime.handle.db.selectFrom('countries').select('iso3').orderBy('iso3').execute()).map((c) => c.iso3);
  const diseases = (await runtime.handle.db.selectFrom('diseases').select('code').orderBy('code').execute())
    .map((d) => d.code)
    .slice(0, 20);
  await runtime.close();
  const series = countries.flatMap((c) => diseases.map((d) => `${c},${d},cases,`));
  const weeks = Math.ceil(count / series.length);
  const firstMonday = mondayOfIsoWeek(2006, 1);
  const periods = Array.from({ length: weeks }, (_, i) => formatPeriod({ type: 'week', start: addDays(firstMonday, 7 * i) as IsoDate }));
  const out = createWriteStream(path);
  out.write('location,disease,metric,period,value\n');
  let written = 0;
  let buffer = '';
  outer: for (const period of periods) {
    for (const prefix of series) {
      if (written === count) break outer;
      buffer += `${prefix}${period},${(written * 7919) % 500}\n`;
      written++;
      if (buffer.length > 1 << 20) {
        if (!out.write(buffer)) await once(out, 'drain');
        buffer = '';
      }
    }
  }
  out.end(buffer);
  await once(out, 'finish');
  return path;
}

function timed(command: string, args: string[], env: Record<string, string>): { seconds: number; maxRssMb: number; output: string } {
  const result = spawnSync('/usr/bin/time', ['-f', '%e %M', command, ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const last = result.stderr.trim().split('\n').pop() ?? '';
  const [seconds, kb] = last.split(' ').map(Number);
  if (result.status !== 0 && result.status !== 2) throw new Error(`${command} failed (${result.status}): ${result.stderr.slice(-2000)}`);
  return { seconds: seconds!, maxRssMb: kb! / 1024, output: result.stdout };
}

async function main() {
  const file = await generate(rows);
  const sizeMb = statSync(file).size / 2 ** 20;
  const lines: string[] = [];
  lines.push(
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${execFileSync('psql', ['--version']).toString().trim()}.`,
    `File: ${rows.toLocaleString('en')} rows, ${sizeMb.toFixed(0)} MiB.`,
    '',
    '| what | rows | seconds | rows/s | ratio to \\copy | peak RSS MiB |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  );

  const baseline = await freshDatabase('accord_bench');
  let copyRate: number;
  try {
    execFileSync('psql', [
      baseline.url,
      '-qc',
      'CREATE TABLE bare (location text, disease text, metric text, period text, value double precision)',
    ]);
    const copy = timed('psql', [baseline.url, '-qc', `\\copy bare FROM '${file}' WITH (FORMAT csv, HEADER true)`], {});
    copyRate = rows / copy.seconds;
    lines.push(`| psql \\copy into a bare table (the limit) | ${rows} | ${copy.seconds.toFixed(1)} | ${copyRate.toFixed(0)} | 1.00 | — |`);
  } finally {
    await baseline.drop();
  }

  const target = await freshDatabase('accord_bench');
  try {
    execFileSync(process.execPath, [join(REPO_ROOT, 'bin/accord.mjs'), 'migrate'], { env: { ...process.env, DATABASE_URL: target.url } });
    const run = timed(process.execPath, [join(REPO_ROOT, 'bin/accord.mjs'), 'import', file], { DATABASE_URL: target.url });
    const rate = rows / run.seconds;
    lines.push(
      `| accord import into PostgreSQL (whole command) | ${rows} | ${run.seconds.toFixed(1)} | ${rate.toFixed(0)} | ${(rate / copyRate).toFixed(2)} | ${run.maxRssMb.toFixed(0)} |`,
    );
    console.error(run.output.trim());
  } finally {
    await target.drop();
  }

  if (embeddedRows > 0) {
    const smaller = await generate(embeddedRows);
    const dir = mkdtempSync(join(tmpdir(), 'accord-bench-pglite-'));
    try {
      execFileSync(process.execPath, [join(REPO_ROOT, 'bin/accord.mjs'), 'migrate'], { env: { ...process.env, ACCORD_DATA_DIR: dir } });
      const run = timed(process.execPath, [join(REPO_ROOT, 'bin/accord.mjs'), 'import', smaller], {
        ACCORD_DATA_DIR: dir,
        DATABASE_URL: '',
      });
      const rate = embeddedRows / run.seconds;
      lines.push(
        `| accord import into embedded PGlite | ${embeddedRows} | ${run.seconds.toFixed(1)} | ${rate.toFixed(0)} | ${(rate / copyRate).toFixed(2)} | ${run.maxRssMb.toFixed(0)} |`,
      );
      console.error(run.output.trim());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log(lines.join('\n'));
}

await main();
