/**
 * The audit log is a hash chain: each entry's hash covers its content and the previous entry's hash,
 * so changing, inserting or deleting any entry breaks every link after it.
 * Hashing is injected (SHA-256 in the server) to keep this module free of platform APIs.
 */

export interface AuditEntryContent {
  seq: number;
  at: string;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  summary: unknown;
  requestId: string | null;
}

export interface ChainedAuditEntry extends AuditEntryContent {
  prevHash: string;
  hash: string;
}

/** The hash of the chain before its first entry. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth, so the same content always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The exact text that is hashed for an entry. */
export function auditHashInput(prevHash: string, content: AuditEntryContent): string {
  return `${prevHash}\n${canonicalJson(content)}`;
}

export type ChainBreak = {
  seq: number;
  problem: 'sequence_gap' | 'previous_hash_mismatch' | 'content_hash_mismatch';
  detail: string;
};

export interface ChainVerification {
  checked: number;
  lastHash: string;
  firstBreak: ChainBreak | null;
}

/**
 * Checks a run of entries in sequence order, continuing from `startHash`/`startSeq` so a long log
 * can be verified in pages. Stops at the first broken entry.
 */
export function verifyAuditChain(
  entries: readonly ChainedAuditEntry[],
  sha256Hex: (text: string) => string,
  start: { prevHash: string; prevSeq: number } = { prevHash: AUDIT_GENESIS_HASH, prevSeq: 0 },
): ChainVerification {
  let prevHash = start.prevHash;
  let prevSeq = start.prevSeq;
  let checked = 0;
  for (const entry of entries) {
    const { prevHash: storedPrev, hash, ...content } = entry;
    if (entry.seq !== prevSeq + 1) {
      return {
        checked,
        lastHash: prevHash,
        firstBreak: {
          seq: entry.seq,
          problem: 'sequence_gap',
          detail: `entry ${entry.seq} follows entry ${prevSeq}: entries ${prevSeq + 1}–${entry.seq - 1} are missing`,
        },
      };
    }
    if (storedPrev !== prevHash) {
      return {
        checked,
        lastHash: prevHash,
        firstBreak: {
          seq: entry.seq,
          problem: 'previous_hash_mismatch',
          detail: `entry ${entry.seq} names previous hash ${storedPrev.slice(0, 12)}…, but entry ${prevSeq} hashes to ${prevHash.slice(0, 12)}…`,
        },
      };
    }
    const expected = sha256Hex(auditHashInput(prevHash, content));
    if (expected !== hash) {
      return {
        checked,
        lastHash: prevHash,
        firstBreak: {
          seq: entry.seq,
          problem: 'content_hash_mismatch',
          detail: `entry ${entry.seq} (${entry.action}) was changed after it was written: its content hashes to ${expected.slice(0, 12)}…, the stored hash is ${hash.slice(0, 12)}…`,
        },
      };
    }
    prevHash = hash;
    prevSeq = entry.seq;
    checked++;
  }
  return { checked, lastHash: prevHash, firstBreak: null };
}
