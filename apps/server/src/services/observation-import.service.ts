import { createHash } from 'node:crypto';
import {
  OBSERVATION_COLUMNS,
  checkObservationRow,
  createCsvParser,
  createHeaderChecker,
  type CsvRowError,
  type IsoDate,
  type ObservationColumn,
} from '@accord/core';
import type { DatabaseHandle } from '../db/database.js';
import { loadCodeMaps } from '../db/repositories/surveillance-reference.repository.js';
import { actsForCountry, type Clock, type RequestContext } from './context.js';
import {
  notifyChangedBatch,
  runImportBatch,
  type BatchInputEnd,
  type ImportBatchRun,
  type ImportListener,
  type ImportSummary,
} from './import-batch-run.js';

export { ImportCancelledError, MAX_STORED_ERRORS, type ImportRowError, type ImportSummary } from './import-batch-run.js';

export interface ImportOptions {
  fileName: string | null;
  channel: 'web' | 'api' | 'cli' | 'seed';
  /** Reject the whole batch when any row is bad. */
  atomic: boolean;
  /** Size of the whole input when known (for progress). */
  totalBytes?: number | null;
  onProgress?: (progress: ImportProgress) => void;
  signal?: AbortSignal;
}

export interface ImportProgress {
  bytes: number;
  totalBytes: number | null;
  rowsRead: number;
  rowsRejected: number;
}

/** Why a whole file is refused before any row is considered. */
class FileRejection extends Error {}

/**
 * Imports canonical CSV (`location,disease,metric,period,value`) as one batch. The file is streamed:
 * rows are checked as they arrive and staged, so memory does not grow with the file; the batch run
 * then refuses duplicates and upserts the rest in the same transaction.
 */
export class ObservationImportService {
  constructor(
    private readonly handle: DatabaseHandle,
    private readonly clock: Clock,
    private readonly afterImport?: ImportListener,
  ) {}

  async importCsv(
    ctx: RequestContext,
    source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
    options: ImportOptions,
  ): Promise<ImportSummary> {
    const summary = await runImportBatch(
      this.handle,
      this.clock,
      ctx,
      { format: 'csv', channel: options.channel, fileName: options.fileName, atomic: options.atomic, signal: options.signal },
      (batch) => this.readCsv(batch, ctx, source, options),
    );
    notifyChangedBatch(summary, this.afterImport);
    return summary;
  }

  private async readCsv(
    batch: ImportBatchRun,
    ctx: RequestContext,
    source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
    options: ImportOptions,
  ): Promise<BatchInputEnd> {
    const codes = await loadCodeMaps(batch.db);
    const today = this.clock().toISOString().slice(0, 10) as IsoDate;
    const rowContext = { codes, today, mayActFor: (country: string) => actsForCountry(ctx, country) };
    const errors = batch.errors;
    const parser = createCsvParser();
    const checkHeader = createHeaderChecker(OBSERVATION_COLUMNS);
    const hash = createHash('sha256');
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let columns: Record<ObservationColumn, number> | undefined;
    let rowsRead = 0;
    let bytes = 0;
    let rejection: string | null = null;

    const takeParsed = async (result: { rows: { line: number; fields: string[] }[]; errors: CsvRowError[] }) => {
      for (const error of result.errors) {
        if (error.line === 1 && columns === undefined) throw new FileRejection(`the header line is not valid CSV: ${error.reason}`);
        rowsRead++;
        await errors.add({
          line: error.line,
          column: error.column ? (OBSERVATION_COLUMNS[error.column - 1] ?? null) : null,
          value: null,
          reason: error.reason,
        });
      }
      for (const row of result.rows) {
        if (columns === undefined) {
          const header = checkHeader(row.fields);
          if (!header.ok) throw new FileRejection(`the header is not ${OBSERVATION_COLUMNS.join(',')}: ${header.problems.join('; ')}`);
          columns = header.indexes;
          continue;
        }
        rowsRead++;
        const check = checkObservationRow(row.fields, columns, rowContext);
        if (check.ok) await batch.stage(row.line, check.observation);
        else await errors.add({ line: row.line, column: check.column, value: check.value, reason: check.reason });
      }
    };

    try {
      for await (const chunk of source) {
        batch.checkCancelled();
        let text: string;
        if (typeof chunk === 'string') {
          text = chunk;
          const encoded = new TextEncoder().encode(chunk);
          bytes += encoded.length;
          hash.update(encoded);
          await batch.file.add(encoded);
        } else {
          bytes += chunk.length;
          hash.update(chunk);
          await batch.file.add(chunk);
          try {
            text = decoder.decode(chunk, { stream: true });
          } catch {
            throw new FileRejection(
              `the file is not UTF-8 text (an invalid byte sequence within its first ${bytes} bytes); save it as CSV UTF-8`,
            );
          }
        }
        const result = parser.push(text);
        await takeParsed(result);
        if (result.fatal) throw new FileRejection(result.fatal.reason);
        options.onProgress?.({ bytes, totalBytes: options.totalBytes ?? null, rowsRead, rowsRejected: errors.count });
      }
      try {
        const tail = decoder.decode();
        if (tail) await takeParsed(parser.push(tail));
      } catch {
        throw new FileRejection('the file is not UTF-8 text (it ends inside a character); save it as CSV UTF-8');
      }
      const last = parser.end();
      await takeParsed(last);
      if (last.fatal) throw new FileRejection(last.fatal.reason);
      if (columns === undefined)
        throw new FileRejection(`the file is empty: its first line must be the header ${OBSERVATION_COLUMNS.join(',')}`);
    } catch (error) {
      if (!(error instanceof FileRejection)) throw error;
      rejection = error.message;
    }
    return { rejection, checksum: hash.digest('hex'), bytes, rowsRead };
  }
}
