import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { canonicalJson } from '../../../shared/teleservice/canonical-json.js';
import { anchorProblem, type AnchorProblem, type AuditAnchor, type AuditHead } from './audit-anchor.js';
import type { Executor, StoreEngine } from './store-engine.js';
import type { StoreTables } from './store-tables.js';

export type AuditEntry = {
  at: string;
  workstation: string;
  actor: string;
  action: string;
  subject: string | null;
  details: Record<string, unknown>;
};
export type AuditVerification =
  { ok: true; entries: number; anchored: boolean } | { ok: false; entries: number; firstBadSeq: number; message: string };

/** The hash before the first entry (an empty chain's head). */
export const GENESIS = '0'.repeat(64);
const PAGE = 5_000;

/** The chain's hash of an entry (exported for the tests that play an attacker who knows it). */
export function entryHash(prevHash: string, e: AuditEntry): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(e)).digest('hex');
}

/**
 * Whether the chain's anchor is due, shared by a store and the transactions it opens: an append
 * marks it, and the store writes the anchor once the outermost transaction has committed.
 */
export class AuditAnchoring {
  anchor: AuditAnchor | null = null;
  unanchored = false;
}

/**
 * Append-only audit trail (triggers refuse UPDATE and DELETE), each entry chained to the previous
 * by a hash: altering, removing or reordering a row breaks the chain from that row on. With an
 * anchor (outside the database), a chain recomputed after a change is caught too. On PostgreSQL an
 * advisory lock around each append keeps the chain one chain, in one order, whichever counter writes.
 */
export class AuditTrail {
  constructor(
    private readonly ex: Executor,
    private readonly engine: StoreEngine,
    private readonly workstation: string,
    private readonly anchoring: AuditAnchoring = new AuditAnchoring(),
  ) {}

  /**
   * Checks the chain against its anchor, then anchors the head now and after every transaction that
   * appends (unless `write` is false: `audit verify` only reads). An anchor the chain no longer
   * matches is set aside, never overwritten: it is the evidence that `verify` reports from then on.
   */
  async anchorWith(anchor: AuditAnchor, options: { write: boolean } = { write: true }): Promise<AnchorProblem> {
    this.anchoring.anchor = anchor;
    const head = await this.head();
    const problem = anchorProblem(anchor.read(), head.seq, await this.hashesAround(anchor));
    if (!options.write) return problem;
    if (problem) anchor.setAside();
    this.anchoring.unanchored = true;
    await this.anchorIfAppended();
    return problem;
  }

  /** Called once a transaction committed (never inside one: a rolled-back entry must not be anchored). */
  async anchorIfAppended(): Promise<void> {
    const { anchor } = this.anchoring;
    if (!anchor || !this.anchoring.unanchored || this.ex.isTransaction) return;
    this.anchoring.unanchored = false;
    anchor.write(await this.head());
  }

  async head(): Promise<AuditHead> {
    const row = await this.ex.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    return row ?? { seq: 0, hash: GENESIS };
  }

  /** The entries of one action, oldest first (a forced restore, for `audit verify` to report). */
  async entries(action: string): Promise<{ at: string; subject: string | null; details: Record<string, unknown> }[]> {
    const rows = await this.ex
      .selectFrom('audit_log')
      .select(['at', 'subject', 'details_json'])
      .where('action', '=', action)
      .orderBy('seq')
      .execute();
    return rows.map((r) => ({ at: r.at, subject: r.subject, details: JSON.parse(r.details_json) as Record<string, unknown> }));
  }

  /** Appends; call inside the transaction of what it records, so both land or neither does. */
  async append(
    actor: string,
    action: string,
    subject: string | null,
    details: Record<string, unknown> = {},
    at = new Date().toISOString(),
  ): Promise<void> {
    if (this.ex.isTransaction)
      await this.appendIn(this.ex as Transaction<StoreTables>, { at, workstation: this.workstation, actor, action, subject, details });
    else
      await (this.ex as Kysely<StoreTables>)
        .transaction()
        .execute((trx) => this.appendIn(trx, { at, workstation: this.workstation, actor, action, subject, details }));
    this.anchoring.unanchored = true;
    await this.anchorIfAppended();
  }

  private async appendIn(trx: Transaction<StoreTables>, entry: AuditEntry): Promise<void> {
    await this.engine.lockAuditChain(trx);
    const prev = (await trx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst()) ?? {
      seq: 0,
      hash: GENESIS,
    };
    await trx
      .insertInto('audit_log')
      .values({
        seq: prev.seq + 1,
        at: entry.at,
        workstation: entry.workstation,
        actor: entry.actor,
        action: entry.action,
        subject: entry.subject,
        details_json: canonicalJson(entry.details),
        prev_hash: prev.hash,
        hash: entryHash(prev.hash, entry),
      })
      .execute();
  }

  async verify(): Promise<AuditVerification> {
    const chain = await this.verifyChain();
    const { anchor } = this.anchoring;
    if (!chain.ok || !anchor) return chain;
    const reading = anchor.read();
    const problem = anchorProblem(reading, chain.entries, await this.hashesAround(anchor)) ?? anchor.setAsideProblem();
    return problem
      ? { ok: false, entries: chain.entries, firstBadSeq: problem.seq, message: problem.message }
      : { ...chain, anchored: reading.state === 'anchored' };
  }

  /** The hash at the anchored entry, read ahead so the anchor's check stays synchronous. */
  private async hashesAround(anchor: AuditAnchor): Promise<(seq: number) => string | null> {
    const reading = anchor.read();
    if (reading.state !== 'anchored') return () => null;
    const row = await this.ex.selectFrom('audit_log').select('hash').where('seq', '=', reading.head.seq).executeTakeFirst();
    return (seq) => (seq === reading.head.seq ? (row?.hash ?? null) : null);
  }

  /** The chain alone: each row's hash from the previous one and its content, read a page at a time. */
  private async verifyChain(): Promise<AuditVerification> {
    let prev = GENESIS;
    let count = 0;
    let expectedSeq = 1;
    for (let after = 0; ;) {
      const page = await this.ex.selectFrom('audit_log').selectAll().where('seq', '>', after).orderBy('seq').limit(PAGE).execute();
      for (const row of page) {
        count++;
        let details: Record<string, unknown>;
        try {
          details = JSON.parse(row.details_json) as Record<string, unknown>;
        } catch {
          return { ok: false, entries: count, firstBadSeq: row.seq, message: `Entrée ${row.seq} illisible.` };
        }
        const entry: AuditEntry = {
          at: row.at,
          workstation: row.workstation,
          actor: row.actor,
          action: row.action,
          subject: row.subject,
          details,
        };
        if (row.seq !== expectedSeq)
          return { ok: false, entries: count, firstBadSeq: row.seq, message: `Entrée ${expectedSeq} manquante.` };
        if (row.prev_hash !== prev || entryHash(prev, entry) !== row.hash)
          return {
            ok: false,
            entries: count,
            firstBadSeq: row.seq,
            message: `Entrée ${row.seq} modifiée : la chaîne d’empreintes est rompue.`,
          };
        prev = row.hash;
        expectedSeq++;
      }
      if (page.length < PAGE) return { ok: true, entries: count, anchored: false };
      after = page[page.length - 1]!.seq;
    }
  }
}
