import { execFile } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { mondayOfIsoWeek, runDetection, type DetectionMethod } from '@accord/core';
import { REPO_ROOT } from '../paths.js';
import { createDetectionPool, type SeriesJob } from './detection-pool.js';

const START = mondayOfIsoWeek(2019, 1);
const WEEKS = 6 * 52 + 4;

/** Seasonal Poisson-like weekly series from a fixed generator, some with missing weeks and a population. */
function generateJobs(count: number, seed: number): SeriesJob[] {
  let state = seed;
  const random = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const jobs: SeriesJob[] = [];
  for (let s = 0; s < count; s++) {
    const level = 1 + 30 * random();
    const counts: (number | null)[] = [];
    const population: (number | null)[] = [];
    for (let w = 0; w < WEEKS; w++) {
      const mean = level * (1 + 0.5 * Math.sin((2 * Math.PI * w) / 52));
      let k = 0;
      let p = Math.exp(-mean);
      let sum = p;
      const u = random();
      while (u > sum && k < 1000) {
        k++;
        p *= mean / k;
        sum += p;
      }
      counts.push(s % 4 === 1 && random() < 0.03 ? null : k);
      population.push(50_000 + Math.floor(1000 * random()));
    }
    jobs.push({ counts, population: s % 3 === 0 ? population : null, start: START, from: WEEKS - 6, to: WEEKS - 1 });
  }
  return jobs;
}

const direct = (method: DetectionMethod, params: Record<string, string>, jobs: readonly SeriesJob[]) =>
  jobs.map((job) => runDetection(method, job.counts, { from: job.from, to: job.to, population: job.population, start: job.start }, params));

describe('detection pool', () => {
  const pool = createDetectionPool({ threads: 2 });
  afterAll(() => pool.close());

  it('gives exactly what runDetection gives, in job order, for many series and every method (two threads)', async () => {
    const jobs = generateJobs(40, 20_261_123);
    const cases: [DetectionMethod, Record<string, string>][] = [
      ['farrington-flexible', {}],
      ['noufaily', {}],
      ['farrington', {}],
      ['ears-c3', {}],
      ['cusum', {}],
      ['farrington-flexible', { populationOffset: 'TRUE', thresholdMethod: 'muan', noPeriods: '3' }],
    ];
    for (const [method, params] of cases) {
      // Jobs with a population only where populationOffset needs one.
      const selected = params.populationOffset ? jobs.filter((job) => job.population !== null) : jobs;
      const results = await pool.run(method, params, selected);
      expect(results, method).toEqual(direct(method, params, selected));
    }
  });

  it('reuses its workers across batches and runs batches given at the same time', async () => {
    const a = generateJobs(40, 7);
    const b = generateJobs(30, 8).map((job) => ({ ...job, from: null, to: null }));
    const [ra, rb] = await Promise.all([pool.run('farrington-flexible', {}, a), pool.run('ears-c1', {}, b)]);
    expect(ra).toEqual(direct('farrington-flexible', {}, a));
    expect(rb).toEqual(direct('ears-c1', {}, b));
  });

  it("rejects with runDetection's message for a bad parameter, then keeps working", async () => {
    const jobs = generateJobs(40, 9);
    const expected = (() => {
      try {
        direct('farrington-flexible', { nPeriods: '3' }, jobs.slice(0, 1));
      } catch (error) {
        return (error as Error).message;
      }
      return 'no error';
    })();
    expect(expected).toMatch(/did you mean "noPeriods"/);
    await expect(pool.run('farrington-flexible', { nPeriods: '3' }, jobs)).rejects.toThrow(expected);
    // Inline (few jobs) alike.
    await expect(pool.run('farrington-flexible', { nPeriods: '3' }, jobs.slice(0, 2))).rejects.toThrow(expected);
    expect(await pool.run('cusum', {}, jobs)).toEqual(direct('cusum', {}, jobs));
  });

  it('runs inline with one thread, and refuses work once closed', async () => {
    const single = createDetectionPool({ threads: 1 });
    const jobs = generateJobs(20, 10);
    expect(await single.run('noufaily', {}, jobs)).toEqual(direct('noufaily', {}, jobs));
    await single.close();
    await expect(single.run('noufaily', {}, jobs)).rejects.toThrow(/closed/);
  });

  it('close() ends the workers, so a process that used the pool exits by itself', async () => {
    const poolUrl = pathToFileURL(`${REPO_ROOT}/apps/server/src/detection/detection-pool.ts`).href;
    const script = `
      const { createDetectionPool } = await import(${JSON.stringify(poolUrl)});
      const pool = createDetectionPool({ threads: 2 });
      const counts = Array.from({ length: 120 }, (_, i) => (i * 7) % 13);
      const jobs = Array.from({ length: 40 }, () => ({ counts, population: null, start: ${JSON.stringify(START)}, from: 100, to: 119 }));
      const results = await pool.run('ears-c1', {}, jobs);
      await pool.close();
      console.log('rows', results.flat().length);
    `;
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: REPO_ROOT,
      timeout: 60_000,
    });
    expect(stdout.trim()).toBe('rows 800');
  });
});
