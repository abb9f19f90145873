import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import {
  DETECTION_METHODS,
  createDetectionInputCollector,
  createCsvParser,
  isDetectionMethod,
  mondayAt,
  runDetection,
  weekIndexOf,
  type CsvChunkResult,
  type DetectionInputError,
  type WeeklySeriesSet,
} from '@accord/core';
import { AppError } from '../services/app-error.js';

const ERRORS_SHOWN = 20;

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
  const set = await readWeeklyInput(options.input);
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
      result = runDetection(options.method, series.counts, { from, to, population: series.population }, params);
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

async function readWeeklyInput(file: string): Promise<WeeklySeriesSet> {
  const collector = createDetectionInputCollector();
  const parser = createCsvParser();
  let headerSeen = false;
  const take = (result: CsvChunkResult) => {
    if (result.fatal) throw new AppError('validation_failed', `${file} line ${result.fatal.line}: ${result.fatal.reason}`);
    for (const error of result.errors) collector.errors.push({ line: error.line, column: null, value: null, reason: error.reason });
    for (const row of result.rows) {
      if (!headerSeen) {
        headerSeen = true;
        const problems = collector.header(row.fields);
        if (problems.length > 0) {
          throw new AppError('validation_failed', `${file}: the header is not series,period,count[,population]: ${problems.join('; ')}`);
        }
        continue;
      }
      collector.add(row.line, row.fields);
    }
  };
  try {
    for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 256 * 1024 })) take(parser.push(chunk as string));
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new AppError('not_found', `cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  take(parser.end());
  if (!headerSeen) throw new AppError('validation_failed', `${file} is empty: its first line must be the header series,period,count`);
  const result = collector.finish();
  if (!result.ok) throw new AppError('validation_failed', describeErrors(file, result.errors));
  return result.set;
}

function describeErrors(file: string, errors: readonly DetectionInputError[]): string {
  const shown = errors
    .slice(0, ERRORS_SHOWN)
    .map((e) => `  line ${e.line}${e.column ? ` (${e.column})` : ''}: ${e.reason}`)
    .join('\n');
  const more = errors.length > ERRORS_SHOWN ? `\n  … and ${errors.length - ERRORS_SHOWN} more` : '';
  return `${file} has ${errors.length} bad row${errors.length === 1 ? '' : 's'}; nothing was written:\n${shown}${more}`;
}
