/**
 * Runs detection over many series on all cores: a fixed set of worker threads, started on the first batch that needs
 * them and reused by every later one. Each batch is cut into chunks that idle workers take in turn (so a slow chunk
 * does not hold the others back); results come back in job order. Small batches, and pools of one thread, run on the
 * calling thread, where starting workers would cost more than it saves.
 *
 * The worker is found next to this module: dist/detection-worker.mjs beside the bundle, or, from the TypeScript
 * sources (tsx, tests), detection-worker-tsx.mjs, which registers tsx in the worker before loading the .ts worker.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { runDetection, type DetectionMethod, type DetectionRow, type IsoDate } from '@accord/core';
import { packSeries, unpackResults, type PackedJob, type WorkerRequest, type WorkerResponse } from './detection-protocol.js';

export interface SeriesJob {
  /** Weekly counts on the series' own axis, week 0 = start. */
  counts: readonly (number | null)[];
  population: readonly (number | null)[] | null;
  /** Monday of week 0. */
  start: IsoDate;
  /** Week indexes to evaluate, as runDetection's DetectionRange. */
  from: number | null;
  to: number | null;
}

export interface DetectionPool {
  /**
   * Runs runDetection(method, job.counts, {from,to,population,start}, params) for every job, results in job order.
   * Throws (rejects) with the Error message of runDetection for bad params.
   */
  run(method: DetectionMethod, params: Readonly<Record<string, string>>, jobs: readonly SeriesJob[]): Promise<DetectionRow[][]>;
  close(): Promise<void>;
}

/** Below this many jobs a batch runs on the calling thread. */
const MIN_JOBS_FOR_WORKERS = 16;
/** Chunks per worker and batch: enough for the load to even out, few enough to keep messages large. */
const CHUNKS_PER_WORKER = 4;
const MAX_CHUNK = 256;

interface Batch {
  method: DetectionMethod;
  params: Readonly<Record<string, string>>;
  results: DetectionRow[][];
  pending: number;
  failed: boolean;
  resolve(results: DetectionRow[][]): void;
  reject(error: Error): void;
}

interface Chunk {
  batch: Batch;
  offset: number;
  jobs: PackedJob[];
}

interface Slot {
  worker: Worker;
  chunk: Chunk | null;
  /** Whether the worker has answered at least once (a worker that dies before that cannot start at all). */
  answered: boolean;
}

function workerUrl(): { url: URL; fromSource: boolean } {
  const here = import.meta.url;
  const fromSource = here.endsWith('.ts');
  return { url: new URL(fromSource ? './detection-worker-tsx.mjs' : './detection-worker.mjs', here), fromSource };
}

function runInline(method: DetectionMethod, params: Readonly<Record<string, string>>, jobs: readonly SeriesJob[]): DetectionRow[][] {
  return jobs.map((job) =>
    runDetection(method, job.counts, { from: job.from, to: job.to, population: job.population, start: job.start }, params),
  );
}

/** threads defaults to os.availableParallelism(); with threads <= 1 or few jobs, runs inline on the calling thread. */
export function createDetectionPool(options: { threads?: number } = {}): DetectionPool {
  const threads = Math.max(1, Math.floor(options.threads ?? availableParallelism()));
  const slots: Slot[] = [];
  const queue: Chunk[] = [];
  let nextId = 1;
  let closed = false;
  /** Consecutive workers that died before answering: past the limit, the worker cannot start and queued work fails. */
  let startFailures = 0;

  const fail = (batch: Batch, error: Error): void => {
    if (batch.failed) return;
    batch.failed = true;
    batch.reject(error);
  };

  const spawn = (): Slot => {
    const { url } = workerUrl();
    // No execArgv of this process (e.g. --input-type, --import tsx): the worker brings what it needs itself.
    const slot: Slot = { worker: new Worker(url, { execArgv: [] }), chunk: null, answered: false };
    const worker = slot.worker;
    worker.on('message', (response: WorkerResponse) => {
      const chunk = slot.chunk;
      slot.chunk = null;
      slot.answered = true;
      startFailures = 0;
      if (chunk !== null && chunk.batch.failed === false) {
        const { batch } = chunk;
        if (response.ok) {
          const rows = unpackResults(response.results);
          for (let i = 0; i < rows.length; i++) batch.results[chunk.offset + i] = rows[i] as DetectionRow[];
          batch.pending--;
          if (batch.pending === 0) batch.resolve(batch.results);
        } else {
          fail(batch, new Error(response.message));
        }
      }
      dispatch();
    });
    const died = (error: Error): void => {
      const index = slots.indexOf(slot);
      if (index < 0) return;
      slots.splice(index, 1);
      if (!slot.answered) startFailures++;
      const chunk = slot.chunk;
      slot.chunk = null;
      if (chunk !== null) fail(chunk.batch, new Error(`detection worker crashed: ${error.message}`));
      if (startFailures >= 2) {
        // The worker cannot start (e.g. its file is missing): fail what waits instead of respawning forever.
        for (const queued of queue.splice(0)) fail(queued.batch, new Error(`detection worker cannot start: ${error.message}`));
        return;
      }
      dispatch();
    };
    worker.on('error', died);
    worker.on('exit', (code) => {
      if (!closed) died(new Error(`worker exited with code ${code}`));
    });
    slots.push(slot);
    return slot;
  };

  const dispatch = (): void => {
    if (closed) return;
    while (queue.length > 0) {
      // Chunks of a batch that already failed are dropped.
      while (queue.length > 0 && (queue[0] as Chunk).batch.failed) queue.shift();
      if (queue.length === 0) return;
      let slot = slots.find((s) => s.chunk === null);
      if (slot === undefined) {
        if (slots.length >= threads) return;
        slot = spawn();
      }
      const chunk = queue.shift() as Chunk;
      slot.chunk = chunk;
      const request: WorkerRequest = { id: nextId++, method: chunk.batch.method, params: chunk.batch.params, jobs: chunk.jobs };
      const transfer: ArrayBuffer[] = [];
      for (const job of chunk.jobs) {
        transfer.push(job.counts.buffer as ArrayBuffer);
        if (job.population !== null) transfer.push(job.population.buffer as ArrayBuffer);
      }
      slot.worker.postMessage(request, transfer);
    }
  };

  return {
    async run(method, params, jobs) {
      if (closed) throw new Error('the detection pool is closed');
      if (threads <= 1 || jobs.length < MIN_JOBS_FOR_WORKERS) return runInline(method, params, jobs);
      return new Promise<DetectionRow[][]>((resolve, reject) => {
        const chunkSize = Math.max(1, Math.min(MAX_CHUNK, Math.ceil(jobs.length / (threads * CHUNKS_PER_WORKER))));
        const batch: Batch = {
          method,
          params,
          results: new Array<DetectionRow[]>(jobs.length),
          pending: Math.ceil(jobs.length / chunkSize),
          failed: false,
          resolve,
          reject,
        };
        for (let offset = 0; offset < jobs.length; offset += chunkSize) {
          const packed = jobs.slice(offset, offset + chunkSize).map((job): PackedJob => ({
            counts: packSeries(job.counts),
            population: job.population === null ? null : packSeries(job.population),
            start: job.start,
            from: job.from,
            to: job.to,
          }));
          queue.push({ batch, offset, jobs: packed });
        }
        dispatch();
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const chunk of queue.splice(0)) fail(chunk.batch, new Error('the detection pool was closed'));
      const running = slots.splice(0);
      for (const slot of running) if (slot.chunk !== null) fail(slot.chunk.batch, new Error('the detection pool was closed'));
      await Promise.all(running.map((slot) => slot.worker.terminate()));
    },
  };
}
