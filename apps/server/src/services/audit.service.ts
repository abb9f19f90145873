import type { Kysely } from 'kysely';
import type { ChainedAuditEntry } from '@accord/core';
import type { Database } from '../db/schema.js';
import { listAuditEntries, verifyAuditLog, type AuditFilter } from '../db/repositories/audit.repository.js';

export function toAuditDto(entry: ChainedAuditEntry) {
  const { prevHash: _prev, ...rest } = entry;
  return rest;
}

export class AuditService {
  constructor(private readonly db: Kysely<Database>) {}

  async list(filter: AuditFilter, page: { limit: number; offset: number }) {
    const result = await listAuditEntries(this.db, filter, page);
    return { items: result.items.map(toAuditDto), total: result.total, ...page };
  }

  async verify(onProgress?: (checked: number, total: number) => void) {
    const result = await verifyAuditLog(this.db, onProgress);
    return { ok: result.firstBreak === null, checked: result.checked, firstBroken: result.firstBreak };
  }
}
