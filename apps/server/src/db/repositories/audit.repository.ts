import { createHash } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import {
  AUDIT_GENESIS_HASH,
  auditHashInput,
  verifyAuditChain,
  type AuditEntryContent,
  type ChainVerification,
  type ChainedAuditEntry,
} from '@accord/core';
import type { AuditLogTable, Database } from '../schema.js';

/** Arbitrary constant: the transaction lock that keeps the chain a single line across processes. */
const AUDIT_CHAIN_LOCK_KEY = 7_471_002;
const VERIFY_PAGE_SIZE = 5000;

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export type NewAuditEntry = Omit<AuditEntryContent, 'seq' | 'at'> & { at: Date };

/**
 * Appends one entry to the chain. Must run inside the transaction that makes the change it records,
 * so the change and its entry commit or roll back together.
 */
export async function appendAuditEntry(trx: Kysely<Database>, entry: NewAuditEntry): Promise<ChainedAuditEntry> {
  await sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK_KEY})`.execute(trx);
  const last = await trx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const content: AuditEntryContent = {
    ...entry,
    seq: last ? Number(last.seq) + 1 : 1,
    at: entry.at.toISOString(),
    // Round-trip through JSON so the hashed summary is exactly what jsonb gives back.
    summary: JSON.parse(JSON.stringify(entry.summary ?? null)) as unknown,
  };
  const prevHash = last?.hash ?? AUDIT_GENESIS_HASH;
  const hash = sha256Hex(auditHashInput(prevHash, content));
  await trx
    .insertInto('audit_log')
    .values({
      seq: content.seq,
      at: content.at,
      actor_type: content.actorType,
      actor_id: content.actorId,
      actor_label: content.actorLabel,
      action: content.action,
      target_type: content.targetType,
      target_id: content.targetId,
      summary: JSON.stringify(content.summary),
      request_id: content.requestId,
      prev_hash: prevHash,
      hash,
    })
    .execute();
  return { ...content, prevHash, hash };
}

type AuditRow = Selectable<AuditLogTable>;

function toChainedEntry(row: AuditRow): ChainedAuditEntry {
  return {
    seq: Number(row.seq),
    at: row.at.toISOString(),
    actorType: row.actor_type,
    actorId: row.actor_id,
    actorLabel: row.actor_label,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    summary: row.summary,
    requestId: row.request_id,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export interface AuditFilter {
  action?: string;
  actorId?: string;
  targetId?: string;
}

export async function listAuditEntries(
  db: Kysely<Database>,
  filter: AuditFilter,
  page: { limit: number; offset: number },
): Promise<{ items: ChainedAuditEntry[]; total: number }> {
  let query = db.selectFrom('audit_log');
  if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.actorId) query = query.where('actor_id', '=', filter.actorId);
  if (filter.targetId) query = query.where('target_id', '=', filter.targetId);
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('seq', 'desc').limit(page.limit).offset(page.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toChainedEntry), total: Number(count.n) };
}

/** Walks the whole chain in pages of bounded size and reports the first broken entry. */
export async function verifyAuditLog(
  db: Kysely<Database>,
  onProgress?: (checked: number, total: number) => void,
): Promise<ChainVerification> {
  const totalRow = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const total = Number(totalRow.n);
  let start = { prevHash: AUDIT_GENESIS_HASH, prevSeq: 0 };
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', start.prevSeq)
      .orderBy('seq', 'asc')
      .limit(VERIFY_PAGE_SIZE)
      .execute();
    if (rows.length === 0) return { checked, lastHash: start.prevHash, firstBreak: null };
    const result = verifyAuditChain(rows.map(toChainedEntry), sha256Hex, start);
    checked += result.checked;
    onProgress?.(checked, total);
    if (result.firstBreak) return { ...result, checked };
    start = { prevHash: result.lastHash, prevSeq: Number(rows[rows.length - 1]!.seq) };
  }
}
