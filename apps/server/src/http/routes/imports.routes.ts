import { Readable } from 'node:stream';
import type { Services } from '../../services/index.js';
import { AppError } from '../../services/app-error.js';
import { pageOf } from './paging.js';
import type { Handlers } from './handler.js';

/** Largest CSV body accepted by the import endpoint; the body is streamed, so this bounds time, not memory. */
export const IMPORT_MAX_BYTES = 2 * 1024 ** 3;

async function* limited(stream: Readable, max: number): AsyncGenerator<Uint8Array> {
  let seen = 0;
  for await (const chunk of stream) {
    seen += (chunk as Buffer).length;
    if (seen > max) throw new AppError('body_too_large', `the file is larger than ${max} bytes; split it into several files`);
    yield chunk as Buffer;
  }
}

export function importHandlers(
  services: Services,
): Handlers<
  | 'importObservations'
  | 'listImports'
  | 'getImport'
  | 'getImportErrors'
  | 'getImportFile'
  | 'listObservations'
  | 'getSeries'
  | 'getLatestByCountry'
> {
  return {
    importObservations: async ({ ctx, query, request, reply }) => {
      const body = request.body as Readable | undefined;
      if (!body || typeof (body as Readable).pipe !== 'function') {
        throw new AppError('unsupported_media_type', 'send the CSV file as the request body with Content-Type text/csv', [
          { field: 'headers.content-type', reason: 'must be text/csv' },
        ]);
      }
      // A client that goes away mid-upload cancels the batch: nothing is changed.
      const controller = new AbortController();
      request.raw.once('aborted', () => controller.abort());
      // Also after the whole body arrived: a connection closed before the answer was sent cancels too.
      reply.raw.once('close', () => {
        if (!reply.raw.writableFinished) controller.abort();
      });
      const length = Number(request.headers['content-length']);
      return services.observationImport.importCsv(ctx, limited(body, IMPORT_MAX_BYTES), {
        fileName: query.fileName ?? null,
        channel: request.headers['x-accord-channel'] === 'web' ? 'web' : 'api',
        atomic: query.atomic ?? false,
        totalBytes: Number.isFinite(length) ? length : null,
        signal: controller.signal,
      });
    },
    listObservations: async ({ ctx, query, reply }) => {
      const { format, limit, offset, ...filter } = query;
      if (format === 'csv') {
        const rows = services.observationExport.csv(ctx, filter);
        // The first chunk (the header) is taken before answering, so a bad filter is still a 400/403 problem.
        const first = await rows.next();
        reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="observations.csv"');
        return reply.send(Readable.from(prepend(first.done ? '' : first.value, rows))) as never;
      }
      return services.observationExport.page(ctx, filter, { limit: limit ?? 1000, offset: offset ?? 0 });
    },
    getSeries: async ({ ctx, query }) => services.observationExport.series(ctx, query),
    getLatestByCountry: async ({ ctx, query }) => services.observationExport.latestByCountry(ctx, query),
    listImports: async ({ ctx, query }) => services.importBatches.list(ctx, pageOf(query)),
    getImport: async ({ ctx, params }) => services.importBatches.get(ctx, params.id),
    getImportErrors: async ({ ctx, params, reply }) => {
      const report = await services.importBatches.errorReport(ctx, params.id);
      reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="errors-${params.id}.csv"`);
      return report;
    },
    getImportFile: async ({ ctx, params, reply }) => {
      const file = await services.importBatches.file(ctx, params.id);
      reply.type(file.contentType).header('content-disposition', `attachment; filename="${file.name.replace(/["\\\r\n]/g, '_')}"`);
      return file.content.toString('utf8');
    },
  };
}

async function* prepend(first: string, rest: AsyncIterable<string>): AsyncGenerator<string> {
  yield first;
  yield* rest;
}
