import type { Runtime } from '../runtime.js';
import { systemContext } from '../services/context.js';
import { progressBar } from './progress.js';

export interface DetectDbOptions {
  country?: string[];
  disease?: string[];
  from?: string;
  to?: string;
}

/**
 * `accord detect --db`: a detection run over the stored weekly series (each disease with its own
 * method), with a progress bar; results and signals are stored as after an import.
 */
export async function detectInDatabase(runtime: Runtime, options: DetectDbOptions): Promise<void> {
  const bar = progressBar('Detecting');
  const run = await runtime.services.detection.runAndWait(
    systemContext('accord detect --db'),
    { countries: options.country, diseases: options.disease, from: options.from, to: options.to },
    (progress) => bar.update(progress.seriesDone, progress.seriesTotal),
  );
  bar.done();
  if (run.seriesTotal === 0) {
    console.log('No weekly series to evaluate for this choice of countries, diseases and weeks.');
    return;
  }
  console.log(
    `Run ${run.id} ${run.status}: ${run.seriesDone} series, weeks ${run.from} to ${run.to}; ${run.message ?? ''}.`.replace(/\.\.$/, '.'),
  );
}
