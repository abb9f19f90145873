import { createReadStream } from 'node:fs';
import {
  createCsvParser,
  type CsvChunkResult,
  type DetectionInputError,
  type SeriesInputCollector,
  type WeeklySeriesSet,
} from '@accord/core';
import { AppError } from '../services/app-error.js';

const ERRORS_SHOWN = 20;

/** Reads a series CSV file into `collector`; every bad row is reported at once, with its line. */
export async function readSeriesInput(file: string, collector: SeriesInputCollector, header: string): Promise<WeeklySeriesSet> {
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
          throw new AppError('validation_failed', `${file}: the header is not ${header}: ${problems.join('; ')}`);
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
  if (!headerSeen) throw new AppError('validation_failed', `${file} is empty: its first line must be the header ${header}`);
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
