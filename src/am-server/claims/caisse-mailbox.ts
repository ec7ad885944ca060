import { randomUUID } from 'node:crypto';
import type { Fse, MailboxMessage, Payer, RspMessage, UnsequencedMessage, VirementMessage } from '../../shared/claims/claims-schemas.js';
import { businessDaysBetween } from '../../shared/rules/business-days.js';
import type { AmDatabase } from '../am-database.js';
import { parisDate, parisInstant } from '../clock.js';
import { CaisseFiles } from './beneficiaries.js';
import { amcDecision, amoDecision, lateFeeCents, type CaisseLookups, type Decision } from './rsp-rules.js';
import type { ClaimsRules } from './claims-rules-store.js';

type FseRow = {
  id: number;
  finess: string;
  fse_number: string;
  lot_id: string;
  json: string;
  amo_state: string | null;
  amo_final_json: string | null;
};
type LotFacts = { received_day: string; organisme: string };
type PendingRow = { id: number; fse_id: number; kind: 'EXAMINE' | 'RELEASE'; due_at_ms: number };
type Unsent = Omit<RspMessage, 'seq'>;
type Issued = { finess: string; message: Unsent; organisme: string };

/**
 * The caisse's outbound side: RSPs and virements wait in `sv_pending` until their day, then get a
 * `seq` here, in due order, each FSE examined once (claims.md). Called before any read, so what a
 * pharmacy sees only depends on the clock.
 */
export class CaisseMailbox {
  private readonly files: CaisseFiles;

  constructor(
    private readonly db: AmDatabase,
    private readonly rules: ClaimsRules,
  ) {
    this.files = new CaisseFiles(db);
  }

  /** Every pending answer due by `now` becomes a message (call inside a write transaction). */
  materialize(now: Date): void {
    const due = this.db
      .prepare<[number], PendingRow>('SELECT * FROM sv_pending WHERE due_at_ms <= ? ORDER BY due_at_ms, id')
      .all(now.getTime());
    if (due.length === 0) return;
    const issued: Issued[] = [];
    for (const pending of due) {
      const at = new Date(Math.min(pending.due_at_ms, now.getTime()));
      issued.push(...(pending.kind === 'EXAMINE' ? this.examine(pending.fse_id, at) : this.release(pending.fse_id, at)));
      this.db.prepare('DELETE FROM sv_pending WHERE id = ?').run(pending.id);
    }
    this.issue(issued);
  }

  /** `POST /_mock/sv/liquidate`: every pending examination due now. */
  liquidate(now: Date): void {
    this.db.prepare("UPDATE sv_pending SET due_at_ms = ? WHERE kind = 'EXAMINE' AND due_at_ms > ?").run(now.getTime(), now.getTime());
    this.materialize(now);
  }

  /** `POST /_mock/sv/release`: each FSE in TRAITEMENT_CAISSE gets its final answer now. */
  releaseAll(now: Date): number {
    this.materialize(now);
    const held = this.db.prepare<[], { id: number }>("SELECT id FROM sv_fses WHERE amo_state = 'TRAITEMENT_CAISSE'").all();
    const insert = this.db.prepare("INSERT INTO sv_pending (fse_id, kind, due_at_ms) VALUES (?, 'RELEASE', ?)");
    for (const row of held) insert.run(row.id, now.getTime());
    this.materialize(now);
    return held.length;
  }

  /** The pharmacy's messages after `after`, at most `limit`, in `seq` order. */
  read(finess: string, after: number, limit: number, now: Date): { messages: MailboxMessage[]; cursor: number } {
    const rows = this.db
      .prepare<[string, number, number], { seq: number; json: string; available_ms: number }>(
        'SELECT seq, json, available_ms FROM sv_messages WHERE finess = ? AND seq > ? ORDER BY seq LIMIT ?',
      )
      .all(finess, after, limit);
    // Only what is available now (a clock moved back): the page stops at the first that is not, so the cursor skips none.
    const upTo = rows.findIndex((r) => r.available_ms > now.getTime());
    const shown = upTo === -1 ? rows : rows.slice(0, upTo);
    const messages = shown.map((r) => ({ ...(JSON.parse(r.json) as object), seq: r.seq }) as MailboxMessage);
    return { messages, cursor: shown.at(-1)?.seq ?? after };
  }

  /** Writes one available message and returns its `seq`. */
  append(finess: string, message: UnsequencedMessage): number {
    const fseNumber = 'fseNumber' in message ? message.fseNumber : null;
    const info = this.db
      .prepare('INSERT INTO sv_messages (finess, type, fse_number, json, available_ms) VALUES (?, ?, ?, ?, ?)')
      .run(finess, message.type, fseNumber, JSON.stringify(message), Date.parse(message.availableAt));
    return Number(info.lastInsertRowid);
  }

  private examine(fseId: number, at: Date): Issued[] {
    const row = this.fseRow(fseId);
    const lot = this.lotFacts(row.lot_id);
    const fse = JSON.parse(row.json) as Fse;
    const look = this.lookups(row);
    const doublon = look.isDoublon(fse);
    const amo = amoDecision(fse, look);
    const issued: Issued[] = [];
    if (this.rules.heldNirs().has(fse.beneficiary.nir)) {
      this.db
        .prepare("UPDATE sv_fses SET amo_state = 'TRAITEMENT_CAISSE', amo_final_json = ? WHERE id = ?")
        .run(JSON.stringify(amo), fseId);
      issued.push(
        this.answer(row, lot, 'AMO', { outcome: 'TRAITEMENT_CAISSE', requestedCents: amo.requestedCents, paidCents: 0, reject: null }, at),
      );
    } else {
      this.db.prepare('UPDATE sv_fses SET amo_state = ? WHERE id = ?').run(amo.outcome, fseId);
      issued.push(this.answer(row, lot, 'AMO', amo, at));
    }
    if (fse.tiersPayant === 'AMO_AMC') issued.push(this.answer(row, lot, 'AMC', amcDecision(fse, look, doublon), at));
    return issued;
  }

  private release(fseId: number, at: Date): Issued[] {
    const row = this.fseRow(fseId);
    if (row.amo_state !== 'TRAITEMENT_CAISSE' || row.amo_final_json === null) return [];
    const final = JSON.parse(row.amo_final_json) as Decision;
    this.db.prepare('UPDATE sv_fses SET amo_state = ? WHERE id = ?').run(final.outcome, fseId);
    return [this.answer(row, this.lotFacts(row.lot_id), 'AMO', final, at)];
  }

  /** One RSP: its day is when it becomes available; a late fee only on an AMO part paid to the pharmacy. */
  private answer(
    row: FseRow,
    lot: LotFacts,
    payer: Payer,
    decision: Omit<Decision, 'outcome'> & { outcome: RspMessage['outcome'] },
    at: Date,
  ): Issued {
    const day = parisDate(at);
    const paid = decision.paidCents > 0 && decision.outcome !== 'TRAITEMENT_CAISSE' && decision.outcome !== 'REJETE';
    const toPharmacy = paid && decision.outcome !== 'PAYE_ASSURE';
    const fee = payer === 'AMO' && toPharmacy ? lateFeeCents(decision.paidCents, businessDaysBetween(lot.received_day, day)) : 0;
    const fse = JSON.parse(row.json) as Fse;
    const message: Unsent = {
      type: 'RSP',
      availableAt: parisInstant(at),
      lotId: row.lot_id,
      fseNumber: row.fse_number,
      payer,
      outcome: decision.outcome,
      requestedCents: decision.requestedCents,
      paidCents: decision.outcome === 'TRAITEMENT_CAISSE' ? 0 : decision.paidCents,
      lateFeeCents: fee,
      paymentDate: paid ? day : null,
      virementId: null,
      reject: decision.reject,
    };
    return { finess: row.finess, message, organisme: payer === 'AMO' ? lot.organisme : (fse.amc?.number ?? '') };
  }

  /** RSPs in due order, then one virement per pharmacy, day, payer and organisme for what they paid. */
  private issue(issued: Issued[]): void {
    const virements = new Map<string, { finess: string; message: Omit<VirementMessage, 'seq'> }>();
    for (const { finess, message, organisme } of issued) {
      const amount = message.paidCents + message.lateFeeCents;
      if (message.paymentDate === null || message.outcome === 'PAYE_ASSURE' || amount <= 0) continue;
      const key = [finess, message.paymentDate, message.payer, organisme].join('|');
      let v = virements.get(key);
      if (!v) {
        const virement: Omit<VirementMessage, 'seq'> = {
          type: 'VIREMENT',
          availableAt: message.availableAt,
          virementId: randomUUID(),
          payer: message.payer,
          organisme,
          date: message.paymentDate,
          totalCents: 0,
          items: [],
        };
        v = { finess, message: virement };
        virements.set(key, v);
      }
      v.message.availableAt = message.availableAt > v.message.availableAt ? message.availableAt : v.message.availableAt;
      v.message.items.push({ fseNumber: message.fseNumber, amountCents: amount });
      v.message.totalCents += amount;
      message.virementId = v.message.virementId;
    }
    for (const { finess, message } of issued) this.append(finess, message);
    for (const { finess, message } of virements.values()) this.append(finess, message);
  }

  private lookups(row: FseRow): CaisseLookups {
    return {
      beneficiary: (nir) => this.files.beneficiary(nir),
      knowsPrescriber: (rpps) => this.files.knowsPrescriber(rpps),
      isDoublon: (fse) => {
        const earlier = this.db
          .prepare<[string, string, number], { amo_state: string | null }>(
            'SELECT amo_state FROM sv_fses WHERE finess = ? AND fse_number = ? AND id < ?',
          )
          .all(row.finess, fse.fseNumber, row.id);
        // claims.md, precise rules: an earlier FSE of a POSITIF lot whose AMO outcome is not REJETE (pending counts).
        return earlier.some((e) => e.amo_state !== 'REJETE');
      },
      hasPieceJustificative: (fse) => {
        const scanned = this.db
          .prepare<[string, string], { found: number }>('SELECT 1 AS found FROM scor_documents WHERE finess = ? AND fse_number = ? LIMIT 1')
          .get(row.finess, fse.fseNumber);
        if (scanned) return true;
        if (fse.prescriptionId === null) return false;
        const executed = this.db
          .prepare<[string, string], { found: number }>(
            'SELECT 1 AS found FROM executions WHERE prescription_id = ? AND finess = ? AND cancelled_at IS NULL LIMIT 1',
          )
          .get(fse.prescriptionId, row.finess);
        return executed !== undefined;
      },
    };
  }

  private fseRow(id: number): FseRow {
    return this.db.prepare<[number], FseRow>('SELECT * FROM sv_fses WHERE id = ?').get(id)!;
  }

  private lotFacts(lotId: string): LotFacts {
    return this.db.prepare<[string], LotFacts>('SELECT received_day, organisme FROM sv_lots WHERE lot_id = ?').get(lotId)!;
  }
}
