import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { DETECTION_METHODS, createDetectionInputCollector, isDetectionMethod, mondayAt, runDetection, weekIndexOf } from '@accord/core';
import { AppError } from '../services/app-error.js';
import { readSeriesInput } from './series-file.js';

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
  if (!isDetectionMethod(options.method)) {
    throw new AppError('validation_failed', `unknown method "${options.method}"; use one of ${DETECTION_METHODS.join(', ')}`);
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
  for (const series of set.series) {
    let result;
    try {
      result = runDetection(options.method, series.counts, { from, to, population: series.population, start: set.firstMonday }, params);
    } catch (error) {
      out.destroy();
      throw new AppError('validation_failed', (error as Error).message);
    }
    let text = '';
    for (const row of result) {
      const count = series.counts[row.index];
      text += `${csvName(series.name)},${mondayAt(set, row.index)},${count ?? ''},${num(row.expected)},${num(row.upperbound)},${row.alarm ?? ''}\n`;
      rows++;
    }
    await write(text);
  }
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
  console.log(`${options.method}: ${set.series.length} series, ${rows} rows written to ${options.output}`);
}

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
