import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { addDays, createRtInputCollector, estimateRtDetailed, parseRtOptions, type IsoDate, type RtOptions } from '@accord/core';
import { AppError } from '../services/app-error.js';
import { readSeriesInput } from './series-file.js';

export interface RtCommandOptions {
  input: string;
  output: string;
  siMean: string;
  siSd: string;
  window?: string;
  /** Further EpiEstim settings under EpiEstim's names: mean_prior, std_prior, cv_posterior. */
  param?: string[];
}

/**
 * `accord rt`: the instantaneous reproduction number of each series (Cori et al., EpiEstim's
 * parametric serial interval), over sliding windows of `window` days; writes
 * `series,t_start,t_end,mean_r,std_r,q025,median_r,q975` (an undefined value is an empty field).
 */
export async function rt(options: RtCommandOptions): Promise<void> {
  const settings: Record<string, string> = { mean_si: options.siMean, std_si: options.siSd };
  if (options.window !== undefined) settings.window = options.window;
  for (const pair of options.param ?? []) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new AppError('validation_failed', `--param "${pair}" is not name=value (e.g. --param mean_prior=2)`);
    const name = pair.slice(0, at).trim();
    const option = OWN_OPTIONS[name];
    if (option) throw new AppError('validation_failed', `set ${name} with ${option}, not --param`);
    settings[name] = pair.slice(at + 1).trim();
  }
  let rtOptions: RtOptions;
  try {
    rtOptions = parseRtOptions(settings);
  } catch (error) {
    throw new AppError('validation_failed', (error as Error).message);
  }
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
      result = estimateRtDetailed(incidence, rtOptions);
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

/** Settings that have their own option on the command line. */
const OWN_OPTIONS: Record<string, string> = { mean_si: '--si-mean', std_si: '--si-sd', window: '--window' };

const csvName = (name: string) => (/[",\r\n]/.test(name) ? `"${name.replace(/"/g, '""')}"` : name);
