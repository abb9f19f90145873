/**
 * Benchmark: `accord detect` against R `surveillance` on the same generated file, in the same run,
 * as microseconds per evaluated series-week and their ratio (R's time ÷ Accord's). The outputs are
 * compared value by value too, so a fast wrong answer cannot pass.
 *
 *   npx tsx bench/detection.ts                 # 200 series × 6 years, the last year evaluated
 *   BENCH_SERIES=1000 npx tsx bench/detection.ts
 *   BENCH_METHODS=farrington-flexible,noufaily npx tsx bench/detection.ts   # some methods only
 *
 * Both sides are timed as whole commands (process start included), which is what a user waits
 * for. Accord runs from the bundle (apps/server/dist/accord.mjs, built first), as an installed
 * `accord` does, with detection spread over all cores by its worker pool. R is optional: without
 * `Rscript` (Debian r-cran-surveillance) the script says so and times Accord alone.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { addDays, mondayOfIsoWeek, type IsoDate } from '@accord/core';
import { REPO_ROOT } from '../apps/server/src/paths.js';

const SERIES = Number(process.env.BENCH_SERIES ?? 200);
// Six years: the last one is evaluated, with the five years of history Farrington needs by default (b = 5, w = 3).
const WEEKS = 6 * 52 + 4;
const EVALUATED = 52;
/** Methods of `accord detect` with the R call that computes the same thing. */
const ONLY = process.env.BENCH_METHODS?.split(',');
const ALL_METHODS: { method: string; r: string }[] = [
  { method: 'ears-c1', r: 'earsC(x, control = list(range = r, method = "C1"))' },
  { method: 'ears-c3', r: 'earsC(x, control = list(range = r, method = "C3"))' },
  { method: 'cusum', r: 'cusum(x, control = list(range = r))' },
  { method: 'farrington', r: 'farrington(x, control = list(range = r))' },
  { method: 'farrington-flexible', r: 'farringtonFlexible(x, control = list(range = r))' },
  {
    method: 'noufaily',
    r: 'farringtonFlexible(x, control = list(range = r, noPeriods = 10, pastWeeksNotIncluded = 26, weightsThreshold = 2.58, thresholdMethod = "nbPlugin"))',
  },
];
const METHODS = ALL_METHODS.filter(({ method }) => ONLY === undefined || ONLY.includes(method));

/** Seasonal weekly counts with noise from a fixed linear congruential generator: the same file every run. */
function generate(path: string): { from: IsoDate; to: IsoDate } {
  let state = 20_261_123;
  const random = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const first = mondayOfIsoWeek(2019, 1);
  const lines = ['series,period,count'];
  for (let s = 0; s < SERIES; s++) {
    const level = 2 + 40 * random();
    for (let w = 0; w < WEEKS; w++) {
      const mean = level * (1 + 0.5 * Math.sin((2 * Math.PI * w) / 52));
      // A Poisson draw by inversion, enough for a benchmark's data.
      let k = 0;
      let p = Math.exp(-mean);
      let sum = p;
      const u = random();
      while (u > sum && k < 10_000) {
        k++;
        p *= mean / k;
        sum += p;
      }
      lines.push(`s${s},${addDays(first, 7 * w)},${k}`);
    }
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
  return { from: addDays(first, 7 * (WEEKS - EVALUATED)) as IsoDate, to: addDays(first, 7 * (WEEKS - 1)) as IsoDate };
}

function timed(command: string, args: string[]): number {
  const started = performance.now();
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr.slice(-2000)}`);
  return (performance.now() - started) / 1000;
}

function rScript(input: string, output: string, call: string, from: string, to: string): string {
  return `suppressMessages(library(surveillance))
d <- read.csv("${input}", stringsAsFactors = FALSE)
names <- unique(d$series); dates <- sort(unique(as.Date(d$period)))
m <- matrix(NA_real_, nrow = length(dates), ncol = length(names), dimnames = list(NULL, names))
m[cbind(match(as.Date(d$period), dates), match(d$series, names))] <- d$count
x <- sts(observed = m, epoch = as.numeric(dates), epochAsDate = TRUE, frequency = 52)
r <- which(dates >= as.Date("${from}") & dates <= as.Date("${to}"))
res <- ${call}
u <- upperbound(res); a <- alarms(res)
out <- data.frame(series = rep(names, each = length(r)), period = rep(format(dates[r]), times = length(names)),
  upperbound = as.vector(u), alarm = as.integer(as.vector(a)))
write.csv(out, "${output}", row.names = FALSE, quote = FALSE, na = "")
`;
}

function compare(accordFile: string, rFile: string): { worst: number; alarmsDiffer: number } {
  const ours = readFileSync(accordFile, 'utf8').trim().split('\n').slice(1);
  const theirs = readFileSync(rFile, 'utf8').trim().split('\n').slice(1);
  if (ours.length !== theirs.length) throw new Error(`row counts differ: accord ${ours.length}, R ${theirs.length}`);
  let worst = 0;
  let alarmsDiffer = 0;
  ours.forEach((line, i) => {
    const a = line.split(',');
    const r = theirs[i]!.split(',');
    if (a[4] !== '' && r[2] !== '') worst = Math.max(worst, Math.abs(Number(a[4]) - Number(r[2])) / Math.max(Math.abs(Number(r[2])), 1));
    if ((a[5] ?? '') !== (r[3] ?? '')) alarmsDiffer++;
  });
  return { worst, alarmsDiffer };
}

function main() {
  const dir = mkdtempSync(join(tmpdir(), 'accord-bench-detect-'));
  try {
    // The bundle, built now and run directly: bin/accord.mjs would fall back to the TypeScript sources (through tsx,
    // a slower start) whenever a source file is newer than the bundle.
    execFileSync(process.execPath, [join(REPO_ROOT, 'scripts/build-server.mjs')], { stdio: 'inherit' });
    const runner = join(dir, 'accord.mjs');
    writeFileSync(
      runner,
      `import { runCli } from ${JSON.stringify(pathToFileURL(join(REPO_ROOT, 'apps/server/dist/accord.mjs')).href)};\nawait runCli(process.argv);\n`,
    );
    const input = join(dir, 'in.csv');
    const { from, to } = generate(input);
    const evaluations = SERIES * EVALUATED;
    const hasR = spawnSync('Rscript', ['-e', 'suppressMessages(library(surveillance))']).status === 0;
    const lines = [
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}` +
        (hasR
          ? `, ${execFileSync('Rscript', ['-e', 'cat(R.version.string, "surveillance", as.character(packageVersion("surveillance")))']).toString()}.`
          : '.'),
      `Data: ${SERIES} series × ${WEEKS} weeks; the last ${EVALUATED} weeks evaluated (${evaluations} series-weeks).`,
      '',
      '| method | accord s | accord µs/series-week | R s | R µs/series-week | R ÷ accord | worst relative difference | alarms that differ |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ];
    if (!hasR)
      console.error('Rscript with the surveillance package is not installed: timing Accord alone (apt-get install r-cran-surveillance).');
    for (const { method, r } of METHODS) {
      const ours = join(dir, `${method}.csv`);
      const accordSeconds = timed(process.execPath, [
        runner,
        'detect',
        '--method',
        method,
        '--input',
        input,
        '--output',
        ours,
        '--from',
        from,
        '--to',
        to,
      ]);
      const perAccord = (accordSeconds * 1e6) / evaluations;
      if (!hasR) {
        lines.push(`| ${method} | ${accordSeconds.toFixed(2)} | ${perAccord.toFixed(2)} | — | — | — | — | — |`);
        continue;
      }
      const theirs = join(dir, `${method}.r.csv`);
      const script = join(dir, `${method}.R`);
      writeFileSync(script, rScript(input, theirs, r, from, to));
      const rSeconds = timed('Rscript', [script]);
      const perR = (rSeconds * 1e6) / evaluations;
      const { worst, alarmsDiffer } = compare(ours, theirs);
      lines.push(
        `| ${method} | ${accordSeconds.toFixed(2)} | ${perAccord.toFixed(2)} | ${rSeconds.toFixed(2)} | ${perR.toFixed(2)} | ${(rSeconds / accordSeconds).toFixed(1)} | ${worst.toExponential(1)} | ${alarmsDiffer} |`,
      );
    }
    console.log(lines.join('\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
