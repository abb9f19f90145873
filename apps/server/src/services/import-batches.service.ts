import { gunzipSync } from 'node:zlib';
import type { Kysely, Selectable } from 'kysely';
import type { ImportBatchDto } from '@accord/contracts';
import type { Database, ImportBatchesTable } from '../db/schema.js';
import { notFound } from './app-error.js';
import type { RequestContext } from './context.js';

function toBatchDto(row: Selectable<ImportBatchesTable>): ImportBatchDto {
  return {
    id: row.id,
    createdAt: row.created_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
    actorLabel: row.actor_label,
    format: row.format,
    channel: row.channel,
    fileName: row.file_name,
    atomic: row.atomic,
    status: row.status,
    checksum: row.checksum,
    bytes: Number(row.bytes),
    rowsRead: row.rows_read,
    rowsInserted: row.rows_inserted,
    rowsUpdated: row.rows_updated,
    rowsUnchanged: row.rows_unchanged,
    rowsRejected: row.rows_rejected,
    duplicateOf: row.duplicate_of,
    message: row.message,
  };
}

const csvField = (text: string | null) => (text === null ? '' : /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/**
 * Import batches as their senders and WHO see them. A focal point sees only the batches they sent
 * (a batch may hold other countries' rows that were refused); others are reported as missing.
 */
export class ImportBatchesService {
  constructor(private readonly db: Kysely<Database>) {}

  private visible(ctx: RequestContext) {
    let query = this.db.selectFrom('import_batches');
    const actor = ctx.actor;
    if (actor.kind === 'anonymous' || actor.role === 'nfp') {
      query = query.where('created_by', '=', actor.kind === 'anonymous' ? null : actor.userId);
    }
    return query;
  }

  async list(ctx: RequestContext, page: { limit: number; offset: number }) {
    const [rows, count] = await Promise.all([
      this.visible(ctx).selectAll().orderBy('created_at', 'desc').orderBy('id').limit(page.limit).offset(page.offset).execute(),
      this.visible(ctx)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toBatchDto), total: Number(count.n), ...page };
  }

  async get(ctx: RequestContext, id: string): Promise<ImportBatchDto> {
    const row = await this.visible(ctx).selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound(`import batch ${id}`);
    return toBatchDto(row);
  }

  /** The stored row errors as CSV; the file says when the batch had more than were kept. */
  async errorReport(ctx: RequestContext, id: string): Promise<string> {
    const batch = await this.get(ctx, id);
    const rows = await this.db.selectFrom('import_errors').selectAll().where('batch_id', '=', id).orderBy('line').execute();
    const lines = [
      'line,column,value,reason',
      ...rows.map((r) => [String(r.line), csvField(r.column_name), csvField(r.value), csvField(r.reason)].join(',')),
    ];
    if (batch.rowsRejected > rows.length && batch.status !== 'rejected') {
      lines.push(`,,,"${batch.rowsRejected - rows.length} more refused rows are not listed (the report keeps the first ${rows.length})"`);
    }
    return `${lines.join('\n')}\n`;
  }

  async file(ctx: RequestContext, id: string): Promise<{ name: string; contentType: string; content: Buffer }> {
    const batch = await this.get(ctx, id);
    const pieces = await this.db.selectFrom('import_files').select('data').where('batch_id', '=', id).orderBy('piece').execute();
    const json = batch.format === 'dhis2';
    return {
      name: batch.fileName ?? `${id}.${json ? 'json' : 'csv'}`,
      contentType: json ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8',
      content: Buffer.concat(pieces.map((p) => gunzipSync(p.data))),
    };
  }
}
