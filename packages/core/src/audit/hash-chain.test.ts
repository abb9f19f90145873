import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  AUDIT_GENESIS_HASH,
  auditHashInput,
  canonicalJson,
  verifyAuditChain,
  type AuditEntryContent,
  type ChainedAuditEntry,
} from './hash-chain.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function chain(count: number): ChainedAuditEntry[] {
  const entries: ChainedAuditEntry[] = [];
  let prevHash = AUDIT_GENESIS_HASH;
  for (let seq = 1; seq <= count; seq++) {
    const content: AuditEntryContent = {
      seq,
      at: new Date(Date.UTC(2026, 0, 1, 0, seq)).toISOString(),
      actorType: 'session',
      actorId: 'u1',
      actorLabel: 'amina (nfp)',
      action: 'focal_point.update',
      targetType: 'country',
      targetId: 'KEN',
      summary: { after: { name: `v${seq}` } },
      requestId: null,
    };
    const hash = sha256(auditHashInput(prevHash, content));
    entries.push({ ...content, prevHash, hash });
    prevHash = hash;
  }
  return entries;
}

describe('audit hash chain', () => {
  it('canonical JSON sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[2,{"y":2,"z":1}]},"b":1}');
  });

  it('verifies an intact chain', () => {
    expect(verifyAuditChain(chain(5), sha256)).toMatchObject({ checked: 5, firstBreak: null });
  });

  it('names a changed entry', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2]!, summary: { after: { name: 'forged' } } };
    expect(verifyAuditChain(entries, sha256)).toMatchObject({ checked: 2, firstBreak: { seq: 3, problem: 'content_hash_mismatch' } });
  });

  it('names a removed entry', () => {
    const entries = chain(5);
    entries.splice(1, 1);
    expect(verifyAuditChain(entries, sha256).firstBreak).toMatchObject({ seq: 3, problem: 'sequence_gap' });
  });

  it('names an entry whose hash was recomputed to hide a change (its successor no longer links)', () => {
    const entries = chain(4);
    const forged = { ...entries[1]!, actorLabel: 'someone else' };
    const { prevHash: _p, hash: _h, ...content } = forged;
    entries[1] = { ...forged, hash: sha256(auditHashInput(forged.prevHash, content)) };
    expect(verifyAuditChain(entries, sha256).firstBreak).toMatchObject({ seq: 3, problem: 'previous_hash_mismatch' });
  });

  it('continues across pages from a given starting point', () => {
    const entries = chain(6);
    const first = verifyAuditChain(entries.slice(0, 3), sha256);
    const second = verifyAuditChain(entries.slice(3), sha256, { prevHash: first.lastHash, prevSeq: 3 });
    expect(second).toMatchObject({ checked: 3, firstBreak: null, lastHash: entries[5]!.hash });
  });
});
