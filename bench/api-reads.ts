/**
 * Benchmark: API read throughput of the foundation, on the embedded PGlite and (when
 * ACCORD_TEST_DATABASE_URL is set) on PostgreSQL, against the HTTP ceiling measured in the same
 * run (`/healthz`, which touches no database). Loopback only; bounded request counts.
 *
 *   npx tsx bench/api-reads.ts            # PGlite only
 *   ACCORD_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/api-reads.ts
 */
import { cpus, totalmem } from 'node:os';
import { inProcessConfig } from '../apps/server/src/config.js';
import { TEST_DATABASES } from '../apps/server/src/testing/databases.js';
import { buildHttpApp, type Runtime } from '../apps/server/src/runtime.js';
import { SYSTEM_CONTEXT } from '../apps/server/src/services/context.js';
import { buildUser } from '../apps/server/src/testing/factories.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 4000);
const CONCURRENCY = 16;

async function measure(
  url: string,
  headers: Record<string, string>,
  count: number,
): Promise<{ perSecond: number; p50: number; p99: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      next++;
      const t0 = performance.now();
      const response = await fetch(url, { headers });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { perSecond: count / seconds, p50: at(0.5), p99: at(0.99) };
}

async function benchDatabase(name: string, runtime: Runtime) {
  const app = await buildHttpApp(runtime, inProcessConfig(), false);
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const owner = await buildUser(runtime, { role: 'nfp', countries: ['KEN'] });
  const { token } = await runtime.services.tokens.create(SYSTEM_CONTEXT, { name: 'bench', scopes: ['read'] }, owner.id);
  const auth = { authorization: `Bearer ${token}` };
  const cases: [string, string, Record<string, string>][] = [
    ['GET /healthz (no database: the ceiling)', '/healthz', {}],
    ['GET /api/countries (250 rows, public)', '/api/countries', {}],
    ['GET /api/auth/session (token lookup + user)', '/api/auth/session', auth],
    ['GET /api/organisations (token + page)', '/api/organisations', auth],
  ];
  await measure(`${base}/healthz`, {}, 500); // warm-up
  const rows: string[] = [];
  let ceiling = 0;
  for (const [label, path, headers] of cases) {
    const result = await measure(`${base}${path}`, headers, REQUESTS);
    if (path === '/healthz') ceiling = result.perSecond;
    rows.push(
      `| ${name} | ${label} | ${result.perSecond.toFixed(0)} | ${(result.perSecond / ceiling).toFixed(2)} | ${result.p50.toFixed(1)} | ${result.p99.toFixed(1)} |`,
    );
  }
  await app.close();
  return rows;
}

const lines = [
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ${REQUESTS} requests per case, ${CONCURRENCY} concurrent, loopback.`,
  '',
  '| database | request | requests/s | ratio to ceiling | p50 ms | p99 ms |',
  '| --- | --- | ---: | ---: | ---: | ---: |',
];
for (const database of TEST_DATABASES) {
  const runtime = await database.open();
  try {
    lines.push(...(await benchDatabase(database.name, runtime)));
  } finally {
    await runtime.close();
  }
}
console.log(lines.join('\n'));
