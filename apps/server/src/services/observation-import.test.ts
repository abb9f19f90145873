import { gunzipSync } from 'node:zlib';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../testing/databases.js';
import { buildUser } from '../testing/factories.js';
import type { Runtime } from '../runtime.js';
import { SYSTEM_CONTEXT, type RequestContext } from './context.js';
import { ImportCancelledError, type ImportOptions } from './observation-import.service.js';

const HEADER = 'location,disease,metric,period,value\n';
const options: ImportOptions = { fileName: 'test.csv', channel: 'api', atomic: false };

async function* chunks(...parts: (string | Uint8Array)[]) {
  for (const part of parts) yield typeof part === 'string' ? new TextEncoder().encode(part) : part;
}

describe.each(TEST_DATABASES)('importing canonical CSV ($name)', (database) => {
  let runtime: Runtime;
  const importCsv = (text: string | Uint8Array[], ctx: RequestContext = SYSTEM_CONTEXT, extra: Partial<ImportOptions> = {}) =>
    runtime.services.observationImport.importCsv(ctx, typeof text === 'string' ? chunks(text) : chunks(...text), { ...options, ...extra });
  const value = async (location: string, disease: string, metric: string, start: string) => {
    const row = await runtime.handle.db
      .selectFrom('observations as o')
      .innerJoin('locations as l', 'l.id', 'o.location_id')
      .innerJoin('diseases as d', 'd.id', 'o.disease_id')
      .innerJoin('metrics as m', 'm.id', 'o.metric_id')
      .select('o.value')
      .where('l.code', '=', location)
      .where('d.code', '=', disease)
      .where('m.code', '=', metric)
      .where('o.period_start', '=', start)
      .executeTakeFirst();
    return row?.value;
  };
  const count = async () =>
    Number(
      (
        await runtime.handle.db
          .selectFrom('observations')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    runtime = await database.open(() => new Date('2026-11-23T10:00:00Z'));
  });
  afterAll(async () => {
    await runtime.close();
  });

  it('imports, then re-sending the same file changes nothing and says so', async () => {
    const file = `${HEADER}KEN,cholera,cases,2024-W05,12\nKEN,cholera,deaths,2024-W05,1\nUGA,cholera,cases,2024-03,40\nKEN,measles,cases,2024-03-15,3\n`;
    const first = await importCsv(file);
    expect(first).toMatchObject({
      status: 'completed',
      rowsRead: 4,
      inserted: 4,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      duplicateOf: null,
    });
    expect(await value('KEN', 'cholera', 'cases', '2024-01-29')).toBe(12);
    expect(await value('UGA', 'cholera', 'cases', '2024-03-01')).toBe(40);
    const again = await importCsv(file);
    expect(again).toMatchObject({ status: 'completed', inserted: 0, updated: 0, unchanged: 4, duplicateOf: first.batchId });
    expect(again.message).toContain(`this file was already imported as batch ${first.batchId}`);
    const changed = await importCsv(`${HEADER}KEN,cholera,cases,2024-W05,15\n`);
    expect(changed).toMatchObject({ inserted: 0, updated: 1, unchanged: 0 });
    expect(await value('KEN', 'cholera', 'cases', '2024-01-29')).toBe(15);
  });

  it('accepts semicolons, a BOM, CRLF, quotes and chunks split inside a character', async () => {
    const text = '\uFEFFlocation;disease;metric;period;value\r\n"EGY";"cholera";cases;2024-W10;"7"\r\n';
    const bytes = new TextEncoder().encode(text);
    // Split inside the three-byte BOM and then byte by byte.
    const parts = [bytes.slice(0, 2), ...Array.from(bytes.slice(2), (b) => Uint8Array.of(b))];
    expect(await importCsv(parts)).toMatchObject({ status: 'completed', inserted: 1 });
    expect(await value('EGY', 'cholera', 'cases', '2024-03-04')).toBe(7);
  });

  it('accepts the good rows and reports each bad one with line, column, value and reason', async () => {
    const before = await count();
    const result = await importCsv(
      `${HEADER}TZA,cholera,cases,2024-W05,5\nXYZ,cholera,cases,2024-W05,1\nTZA,cholra,cases,2024-W05,1\nTZA,cholera,cases,2024-W60,1\nTZA,cholera,cases,2099-01,1\nTZA,cholera,cases,2024-W06,-2\nTZA,cholera,cases,2024-W07,abc\nTZA,cholera,cases,2024-W08,9\n`,
    );
    expect(result).toMatchObject({ status: 'completed', rowsRead: 8, inserted: 2, rejected: 6 });
    expect(result.errors).toEqual([
      { line: 3, column: 'location', value: 'XYZ', reason: expect.stringContaining('unknown location code "XYZ"') },
      { line: 4, column: 'disease', value: 'cholra', reason: 'unknown disease code "cholra" (did you mean "cholera"?)' },
      { line: 5, column: 'period', value: '2024-W60', reason: '"2024-W60" is not a valid ISO week: 2024 has 52 weeks' },
      {
        line: 6,
        column: 'period',
        value: '2099-01',
        reason: 'period 2099-01 starts after today (2026-11-23): data cannot be reported for the future',
      },
      { line: 7, column: 'value', value: '-2', reason: 'negative value "-2": counts and measures cannot be below zero' },
      { line: 8, column: 'value', value: 'abc', reason: '"abc" is not a number; write digits, with a dot for decimals (e.g. 12 or 3.5)' },
    ]);
    expect(await count()).toBe(before + 2);
    const stored = await runtime.handle.db
      .selectFrom('import_errors')
      .selectAll()
      .where('batch_id', '=', result.batchId)
      .orderBy('line')
      .execute();
    expect(stored.map((e) => e.line)).toEqual([3, 4, 5, 6, 7, 8]);
  });

  it('an atomic batch with one bad row changes nothing', async () => {
    const before = await count();
    const result = await importCsv(`${HEADER}NGA,cholera,cases,2024-W05,5\nNGA,cholera,cases,2024-W06,x\n`, SYSTEM_CONTEXT, {
      atomic: true,
    });
    expect(result).toMatchObject({ status: 'rejected', inserted: 0, rejected: 2 });
    expect(result.message).toBe('1 of 2 rows are not valid, so the whole batch was refused (atomic) and nothing was changed');
    expect(await count()).toBe(before);
  });

  it('refuses every row of a key that appears twice in one file', async () => {
    const result = await importCsv(`${HEADER}GHA,cholera,cases,2024-W05,5\nGHA,cholera,cases,2024-W06,1\nGHA,cholera,cases,2024-W05,6\n`);
    expect(result).toMatchObject({ inserted: 1, rejected: 2 });
    expect(result.errors).toEqual([
      {
        line: 2,
        column: null,
        value: null,
        reason: 'the same location, disease, metric and period are also on line 4; keep one row per key',
      },
      {
        line: 4,
        column: null,
        value: null,
        reason: 'the same location, disease, metric and period are also on line 2; keep one row per key',
      },
    ]);
    expect(await value('GHA', 'cholera', 'cases', '2024-01-29')).toBeUndefined();
  });

  it('refuses a file whose header is wrong, empty, binary or not UTF-8, and changes nothing', async () => {
    const before = await count();
    const refused = async (input: string | Uint8Array[]) => {
      const result = await importCsv(input);
      expect(result.status).toBe('rejected');
      return result.message;
    };
    expect(await refused('location,disease,metric,period\nKEN,cholera,cases,2024-W05\n')).toBe(
      'file refused, nothing was changed: the header is not location,disease,metric,period,value: missing column "value"',
    );
    expect(await refused('lcoation,disease,metric,period,value,comment\n')).toBe(
      'file refused, nothing was changed: the header is not location,disease,metric,period,value: unknown column "lcoation" (did you mean "location"?); unknown column "comment" (column 6)',
    );
    expect(await refused('')).toBe(
      'file refused, nothing was changed: the file is empty: its first line must be the header location,disease,metric,period,value',
    );
    expect(await refused([Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00])])).toContain(
      'the file looks binary, not CSV text',
    );
    expect(await refused([new TextEncoder().encode(HEADER), Uint8Array.from([0x4b, 0x45, 0x4e, 0xff, 0xfe, 0x0a])])).toContain(
      'the file is not UTF-8 text',
    );
    expect(await count()).toBe(before);
  });

  it("imports only for the countries in the importer's scope", async () => {
    const nfp = await buildUser(runtime, { role: 'nfp', countries: ['KEN'] });
    const ctx: RequestContext = {
      actor: { kind: 'session', userId: nfp.id, role: 'nfp', scope: { kind: 'countries', countries: ['KEN'] as never } },
      actorLabel: nfp.username,
      requestId: null,
    };
    const result = await importCsv(`${HEADER}KEN,cholera,cases,2023-W05,1\nBRA,cholera,cases,2023-W05,1\n`, ctx);
    expect(result).toMatchObject({ inserted: 1, rejected: 1 });
    expect(result.errors[0]).toMatchObject({
      line: 3,
      column: 'location',
      reason: 'you may not import data for BRA: it is outside your country scope',
    });
  });

  it('keeps the file as received and records the batch in the audit log', async () => {
    const text = `${HEADER}ZMB,cholera,cases,2024-W05,3\n`;
    const result = await importCsv(text);
    const pieces = await runtime.handle.db
      .selectFrom('import_files')
      .select('data')
      .where('batch_id', '=', result.batchId)
      .orderBy('piece')
      .execute();
    expect(Buffer.concat(pieces.map((p) => gunzipSync(p.data))).toString('utf8')).toBe(text);
    const audit = await runtime.handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('target_id', '=', result.batchId)
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'observations.import', actor_type: 'system' });
  });

  it('a cancelled import changes nothing and is marked cancelled', async () => {
    const before = await count();
    const controller = new AbortController();
    async function* slow() {
      yield new TextEncoder().encode(`${HEADER}MWI,cholera,cases,2024-W05,3\n`);
      controller.abort();
      yield new TextEncoder().encode('MWI,cholera,cases,2024-W06,4\n');
    }
    await expect(
      runtime.services.observationImport.importCsv(SYSTEM_CONTEXT, slow(), { ...options, signal: controller.signal }),
    ).rejects.toBeInstanceOf(ImportCancelledError);
    expect(await count()).toBe(before);
    const cancelled = await runtime.handle.db
      .selectFrom('import_batches')
      .select(['status', 'message'])
      .where('status', '=', 'cancelled')
      .execute();
    expect(cancelled).toEqual([{ status: 'cancelled', message: 'cancelled before it finished; nothing was changed' }]);
  });

  it('streams a 1 GiB file in bounded memory and can cancel it part-way, changing nothing', async () => {
    const GIB = 1024 ** 3;
    const CANCEL_AFTER = 24 * 1024 ** 2;
    const controller = new AbortController();
    let produced = 0;
    // 1 GiB of valid rows, made as they are read: nothing holds the whole file, so memory shows what the import keeps.
    async function* oneGibibyte() {
      const encoder = new TextEncoder();
      yield encoder.encode(HEADER);
      let week = 0;
      while (produced < GIB) {
        let text = '';
        while (text.length < 64 * 1024) {
          const monday = new Date(Date.UTC(1990, 0, 1) + 7 * 86_400_000 * (week++ % 1500)).toISOString().slice(0, 10);
          text += `NOR,cholera,cases,${monday},${week % 97}\n`;
        }
        produced += text.length;
        yield encoder.encode(text);
      }
    }
    const before = await count();
    // A collection before each reading, so the figure is what the import holds, not garbage awaiting collection.
    setFlagsFromString('--expose-gc');
    const collect = runInNewContext('gc') as () => void;
    collect();
    const heapBefore = process.memoryUsage().heapUsed;
    let heapHeld = 0;
    const result = runtime.services.observationImport.importCsv(SYSTEM_CONTEXT, oneGibibyte(), {
      ...options,
      fileName: 'one-gibibyte.csv',
      totalBytes: GIB,
      signal: controller.signal,
      onProgress: (progress) => {
        if (progress.bytes < CANCEL_AFTER || controller.signal.aborted) return;
        collect();
        heapHeld = process.memoryUsage().heapUsed - heapBefore;
        controller.abort();
      },
    });
    await expect(result).rejects.toBeInstanceOf(ImportCancelledError);
    // Read only as far as the import got: no read-ahead of the rest of the gibibyte.
    expect(produced).toBeLessThan(CANCEL_AFTER + 1024 ** 2);
    // After 24 MiB the import holds a few MiB (a staging batch, a piece of the kept file), far less than it has read.
    expect(heapHeld).toBeLessThan(16 * 1024 ** 2);
    expect(await count()).toBe(before);
    const batch = await runtime.handle.db
      .selectFrom('import_batches')
      .select('status')
      .where('file_name', '=', 'one-gibibyte.csv')
      .executeTakeFirstOrThrow();
    expect(batch.status).toBe('cancelled');
  });
});
