/**
 * A detection pool worker: runs runDetection over the jobs of each request and posts the packed results back (or the
 * Error message of runDetection). Started by detection-pool.ts, from the bundle (dist/detection-worker.mjs) or, when
 * running from the TypeScript sources, through detection-worker-tsx.mjs.
 */
import { parentPort } from 'node:worker_threads';
import { runDetection, type DetectionRow } from '@accord/core';
import { packResults, unpackSeries, type WorkerRequest, type WorkerResponse } from './detection-protocol.js';

const port = parentPort;
if (port === null) throw new Error('detection-worker runs in a worker thread, started by the detection pool');

port.on('message', (request: WorkerRequest) => {
  let response: WorkerResponse;
  try {
    const results: DetectionRow[][] = request.jobs.map((job) =>
      runDetection(
        request.method,
        unpackSeries(job.counts),
        { from: job.from, to: job.to, population: job.population === null ? null : unpackSeries(job.population), start: job.start },
        request.params,
      ),
    );
    response = { id: request.id, ok: true, results: packResults(results) };
  } catch (error) {
    response = { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  if (response.ok) {
    const { lengths, values, nulls } = response.results;
    port.postMessage(response, [lengths.buffer as ArrayBuffer, values.buffer as ArrayBuffer, nulls.buffer as ArrayBuffer]);
  } else port.postMessage(response);
});
