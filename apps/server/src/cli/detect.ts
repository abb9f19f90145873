import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { DETECTION_METHODS, createDetectionInputCollector, isDetectionMethod, mondayAt, weekIndexOf } from '@accord/core';
import { AppError } from '../services/app-error.js';
import { readSeriesInput } from './series-file.js';
import { createDetectionPool } from '../detection/detection-pool.js';

export interface DetectOptions {
  method: string;
  input: string;
  output: string;
  from?: string;
  to?: string;
  param?: string[];
}

/**
 * `accord detect`: reads `series,period,count[,population]`, runs one method over every series and
 * writes `series,period,count,expected,upperbound,alarm`, one row per series and week of the range
 * (an undefined value is an empty field). Nothing is written when the input has a bad row.
 */
export async function detect(options: DetectOptions): Promise<void> {
  const method = options.method;
  if (!isDetectionMethod(method)) {
    throw new AppError('validation_failed', `unknown method "${method}"; use one of ${DETECTION_METHODS.join(', ')}`);
  }
  const params = parseParams(options.param ?? []);
  const set = await readSeriesInput(options.input, createDetectionInputCollector(), 'series,period,count[,population]');
  const bound = (text: string | undefined, option: string) => {
    if (text === undefined) return null;
    try {
      return weekIndexOf(set, text, option);
    } catch (error) {
      throw new AppError('validation_failed', (error as Error).message);
    }
  };
  const from = bound(options.from, '--from');
  const to = bound(options.to, '--to');
  if (from !== null && to !== null && from > to)
    throw new AppError('validation_failed', `--from ${options.from} is after --to ${options.to}`);

  const out = createWriteStream(options.output);
  const failed = once(out, 'error').then(([error]) => {
    throw new AppError('validation_failed', `cannot write ${options.output}: ${(error as Error).message}`);
  });
  const write = async (text: string) => {
    if (!out.write(text)) await Promise.race([once(out, 'drain'), failed]);
  };
  let rows = 0;
  await write('series,period,count,expected,upperbound,alarm\n');
  // The series run in batches across all cores (worker threads), the next batch computing while this one's output is
  // written, in series order.
  const pool = createDetectionPool();
  const runBatch = (first: number) => {
    const promise = pool.run(
      method,
      params,
      set.series
        .slice(first, first + BATCH)
        .map((series) => ({ counts: series.counts, population: series.population, start: set.firstMonday, from, to })),
    );
    // Handled where it is awaited; this keeps a batch that fails while an earlier one is written from being "unhandled".
    promise.catch(() => undefined);
    return promise;
  };
  try {
    let next = set.series.length > 0 ? runBatch(0) : null;
    for (let first = 0; next !== null; first += BATCH) {
      let results;
      try {
        results = await next;
      } catch (error) {
        out.destroy();
        throw new AppError('validation_failed', (error as Error).message);
      }
      next = first + BATCH < set.series.length ? runBatch(first + BATCH) : null;
      for (const [i, seriesRows] of results.entries()) {
        const series = set.series[first + i]!;
        let text = '';
        for (const row of seriesRows) {
          const count = series.counts[row.index];
          text += `${csvName(series.name)},${mondayAt(set, row.index)},${count ?? ''},${num(row.expected)},${num(row.upperbound)},${row.alarm ?? ''}\n`;
          rows++;
        }
        await write(text);
      }
    }
  } finally {
    await pool.close();
  }
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
  console.log(`${options.method}: ${set.series.length} series, ${rows} rows written to ${options.output}`);
}

/** Series per pool batch: enough to keep every core busy, few enough to write the output as it comes. */
const BATCH = 1000;

const num = (value: number | null) => (value === null ? '' : String(value));
const csvName = (name: string) => (/[",\r\n]/.test(name) ? `"${name.replace(/"/g, '""')}"` : name);

/** `--param name=value`, as many as needed; the method checks the names and values. */
function parseParams(pairs: readonly string[]): Record<string, string> {
  const params: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new AppError('validation_failed', `--param "${pair}" is not name=value (e.g. --param b=2)`);
    params[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return params;
}
