import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../shared/teleservice/canonical-json.js';
import { anchorProblem, type AnchorProblem, type AuditAnchor, type AuditHead } from './audit-anchor.js';
import type { StoreDb } from './store-database.js';

export type AuditEntry = { at: string; workstation: string; actor: string; action: string; subject: string | null; details: Record<string, unknown> };
export type AuditVerification = { ok: true; entries: number; anchored: boolean } | { ok: false; entries: number; firstBadSeq: number; message: string };

const GENESIS = '0'.repeat(64);

/** The chain's hash of an entry (exported for the tests that play an attacker who knows it). */
export function entryHash(prevHash: string, e: AuditEntry): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(e)).digest('hex');
}

/**
 * Append-only audit trail (triggers refuse UPDATE and DELETE), each entry chained to the previous
 * by a hash: altering, removing or reordering a row breaks the chain from that row on. With an
 * anchor (outside the database), a chain recomputed after a change is caught too.
 */
export class AuditTrail {
  private anchor: AuditAnchor | null = null;
  private unanchored = false;

  constructor(
    private readonly db: StoreDb,
    private readonly workstation: string,
  ) {}

  /**
   * Checks the chain against its anchor, then anchors the head now and after every transaction that
   * appends (unless `write` is false: `audit verify` only reads). An anchor the chain no longer
   * matches is set aside, never overwritten: it is the evidence that `verify` reports from then on.
   */
  anchorWith(anchor: AuditAnchor, options: { write: boolean } = { write: true }): AnchorProblem {
    this.anchor = anchor;
    const problem = anchorProblem(anchor.read(), this.head().seq, (seq) => this.hashAt(seq));
    if (!options.write) return problem;
    if (problem) anchor.setAside();
    this.unanchored = true;
    this.anchorIfAppended();
    return problem;
  }

  /** Called once a transaction committed (never inside one: a rolled-back entry must not be anchored). */
  anchorIfAppended(): void {
    if (!this.anchor || !this.unanchored || this.db.inTransaction) return;
    this.anchor.write(this.head());
    this.unanchored = false;
  }

  head(): AuditHead {
    const row = this.db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get();
    return row ?? { seq: 0, hash: GENESIS };
  }

  /** Appends; call inside the transaction of what it records, so both land or neither does. */
  append(actor: string, action: string, subject: string | null, details: Record<string, unknown> = {}, at = new Date().toISOString()): void {
    const prev = this.db.prepare<[], { hash: string }>('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').get()?.hash ?? GENESIS;
    const entry: AuditEntry = { at, workstation: this.workstation, actor, action, subject, details };
    this.db
      .prepare('INSERT INTO audit_log (at, workstation, actor, action, subject, details_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(at, this.workstation, actor, action, subject, canonicalJson(details), prev, entryHash(prev, entry));
    this.unanchored = true;
    this.anchorIfAppended();
  }

  verify(): AuditVerification {
    const chain = this.verifyChain();
    if (!chain.ok || !this.anchor) return chain;
    const reading = this.anchor.read();
    const problem = anchorProblem(reading, chain.entries, (seq) => this.hashAt(seq)) ?? this.anchor.setAsideProblem();
    return problem ? { ok: false, entries: chain.entries, firstBadSeq: problem.seq, message: problem.message } : { ...chain, anchored: reading.state === 'anchored' };
  }

  private hashAt(seq: number): string | null {
    return this.db.prepare<[number], { hash: string }>('SELECT hash FROM audit_log WHERE seq = ?').get(seq)?.hash ?? null;
  }

  /** The chain alone: each row's hash from the previous one and its content. */
  private verifyChain(): AuditVerification {
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
    return { ok: true, entries: count, anchored: false };
  }
}
