import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { addDays, createRtInputCollector, estimateRtDetailed, type IsoDate } from '@accord/core';
import { AppError } from '../services/app-error.js';
import { readSeriesInput } from './series-file.js';

export interface RtCommandOptions {
  input: string;
  output: string;
  siMean: string;
  siSd: string;
  window?: string;
}

/**
 * `accord rt`: the instantaneous reproduction number of each series (Cori et al., EpiEstim's
 * parametric serial interval), over sliding windows of `window` days; writes
 * `series,t_start,t_end,mean_r,std_r,q025,median_r,q975` (an undefined value is an empty field).
 */
export async function rt(options: RtCommandOptions): Promise<void> {
  const number = (text: string | undefined, option: string) => {
    if (text === undefined) return undefined;
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value)) throw new AppError('validation_failed', `${option} "${text}" is not a number`);
    return value;
  };
  const meanSi = number(options.siMean, '--si-mean')!;
  const stdSi = number(options.siSd, '--si-sd')!;
  const window = number(options.window, '--window');
  const set = await readSeriesInput(options.input, createRtInputCollector(), 'series,date,incidence');
  let text = 'series,t_start,t_end,mean_r,std_r,q025,median_r,q975\n';
  let windows = 0;
  for (const series of set.series) {
    // Each series runs from its own first day to its last; the shared axis pads the others.
    const first = series.counts.findIndex((c) => c !== null);
    const last = series.counts.length - 1 - [...series.counts].reverse().findIndex((c) => c !== null);
    const incidence = series.counts.slice(first, last + 1) as number[];
    let result;
    try {
      result = estimateRtDetailed(incidence, { meanSi, stdSi, ...(window !== undefined ? { window } : {}) });
    } catch (error) {
      throw new AppError('validation_failed', `series "${series.name}": ${(error as Error).message}`);
    }
    for (const warning of result.warnings) console.error(`series "${series.name}": ${warning}`);
    const day = (t: number) => addDays(set.firstMonday, first + t - 1) as IsoDate;
    for (const row of result.rows) {
      const values = [row.meanR, row.stdR, row.q025, row.medianR, row.q975].map((v) => (v === null ? '' : String(v)));
      text += `${csvName(series.name)},${day(row.tStart)},${day(row.tEnd)},${values.join(',')}\n`;
      windows++;
    }
  }
  const out = createWriteStream(options.output);
  out.end(text);
  try {
    await once(out, 'finish');
  } catch (error) {
    throw new AppError('validation_failed', `cannot write ${options.output}: ${(error as Error).message}`);
  }
  console.log(`Rt: ${set.series.length} series, ${windows} windows written to ${options.output}`);
}

const csvName = (name: string) => (/[",\r\n]/.test(name) ? `"${name.replace(/"/g, '""')}"` : name);
