import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../shared/teleservice/canonical-json.js';
import type { StoreDb } from './store-database.js';

export type AuditEntry = { at: string; workstation: string; actor: string; action: string; subject: string | null; details: Record<string, unknown> };
export type AuditVerification = { ok: true; entries: number } | { ok: false; entries: number; firstBadSeq: number; message: string };

const GENESIS = '0'.repeat(64);

function entryHash(prevHash: string, e: AuditEntry): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(e)).digest('hex');
}

/**
 * Append-only audit trail (triggers refuse UPDATE and DELETE), each entry chained to the previous
 * by a hash: altering, removing or reordering a row breaks the chain from that row on.
 */
export class AuditTrail {
  constructor(
    private readonly db: StoreDb,
    private readonly workstation: string,
  ) {}

  /** Appends; call inside the transaction of what it records, so both land or neither does. */
  append(actor: string, action: string, subject: string | null, details: Record<string, unknown> = {}, at = new Date().toISOString()): void {
    const prev = this.db.prepare<[], { hash: string }>('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').get()?.hash ?? GENESIS;
    const entry: AuditEntry = { at, workstation: this.workstation, actor, action, subject, details };
    this.db
      .prepare('INSERT INTO audit_log (at, workstation, actor, action, subject, details_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(at, this.workstation, actor, action, subject, canonicalJson(details), prev, entryHash(prev, entry));
  }

  verify(): AuditVerification {
    type Row = { seq: number; at: string; workstation: string; actor: string; action: string; subject: string | null; details_json: string; prev_hash: string; hash: string };
    let prev = GENESIS;
    let count = 0;
    let expectedSeq = 1;
    for (const row of this.db.prepare<[], Row>('SELECT * FROM audit_log ORDER BY seq').iterate()) {
      count++;
      let details: Record<string, unknown>;
      try {
        details = JSON.parse(row.details_json) as Record<string, unknown>;
      } catch {
        return { ok: false, entries: count, firstBadSeq: row.seq, message: `Entrée ${row.seq} illisible.` };
      }
      const entry: AuditEntry = { at: row.at, workstation: row.workstation, actor: row.actor, action: row.action, subject: row.subject, details };
      if (row.seq !== expectedSeq) return { ok: false, entries: count, firstBadSeq: row.seq, message: `Entrée ${expectedSeq} manquante.` };
      if (row.prev_hash !== prev || entryHash(prev, entry) !== row.hash) return { ok: false, entries: count, firstBadSeq: row.seq, message: `Entrée ${row.seq} modifiée : la chaîne d’empreintes est rompue.` };
      prev = row.hash;
      expectedSeq++;
    }
    return { ok: true, entries: count };
  }
}
