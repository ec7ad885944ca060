import type { CounterPatient } from '../../../shared/rules/dispensing-types.js';
import type { ExecutionAccepted, ExecutionBody } from '../../../shared/teleservice/schemas.js';
import type { StoreDb } from './store-database.js';

export type OutboxState = 'PENDING' | 'SENT' | 'REFUSED';
/** What the pharmacist dispensed from the paper while the server was away (degraded mode). */
export type PaperDispensing = {
  renewalNumber: number;
  items: { cip13: string; packs: number; label: string; batch: string | null; expiry: string | null }[];
  counterNir: string | null;
  /** The called patient (name and birth date too), checked against the prescription once it is known. */
  counterPatient?: CounterPatient | null;
  patientSource: 'VITALE' | 'APCV' | 'MANUAL';
  pharmacistRpps: string;
  complementaryInfo: string | null;
  dispensedAt: string;
};
export type OutboxItem = {
  executionId: string;
  dispensingId: string;
  prescriptionId: string;
  /** Null for a paper dispensing not yet turned into an execution. */
  body: ExecutionBody | null;
  paper: PaperDispensing | null;
  leaseToken: string | null;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: string;
  lastErrorCode: string | null;
  lastErrorMessage: string | null;
  receipt: ExecutionAccepted['receipt'] | null;
  createdAt: string;
};

type Row = {
  execution_id: string; dispensing_id: string; prescription_id: string; body_json: string; paper_json: string | null; lease_token: string | null; state: OutboxState; attempts: number;
  next_attempt_at: string; last_error_code: string | null; last_error_message: string | null; receipt_json: string | null; created_at: string;
};
const toItem = (r: Row): OutboxItem => ({
  executionId: r.execution_id, dispensingId: r.dispensing_id, prescriptionId: r.prescription_id,
  body: r.paper_json && r.body_json === 'null' ? null : (JSON.parse(r.body_json) as ExecutionBody),
  paper: r.paper_json ? (JSON.parse(r.paper_json) as PaperDispensing) : null,
  leaseToken: r.lease_token, state: r.state, attempts: r.attempts, nextAttemptAt: r.next_attempt_at, lastErrorCode: r.last_error_code,
  lastErrorMessage: r.last_error_message, receipt: r.receipt_json ? (JSON.parse(r.receipt_json) as OutboxItem['receipt']) : null, createdAt: r.created_at,
});

/**
 * Executions waiting to go to the téléservice. A row is written in the same transaction as its
 * dispensing, before any network call; its executionId makes every resend harmless.
 */
export class OutboxRepository {
  constructor(private readonly db: StoreDb) {}

  enqueue(item: { executionId: string; dispensingId: string; prescriptionId: string; body: ExecutionBody; leaseToken: string | null }, now = new Date().toISOString()): void {
    this.db
      .prepare(`INSERT INTO outbox (execution_id, dispensing_id, prescription_id, body_json, lease_token, state, attempts, next_attempt_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?)`)
      .run(item.executionId, item.dispensingId, item.prescriptionId, JSON.stringify(item.body), item.leaseToken, now, now, now);
  }

  enqueuePaper(item: { executionId: string; dispensingId: string; prescriptionId: string; paper: PaperDispensing }, now = new Date().toISOString()): void {
    this.db
      .prepare(`INSERT INTO outbox (execution_id, dispensing_id, prescription_id, body_json, paper_json, kind, lease_token, state, attempts, next_attempt_at, created_at, updated_at) VALUES (?, ?, ?, 'null', ?, 'PAPER', NULL, 'PENDING', 0, ?, ?, ?)`)
      .run(item.executionId, item.dispensingId, item.prescriptionId, JSON.stringify(item.paper), now, now, now);
  }

  /** The paper dispensing turned into its execution, kept before it is sent (a resend sends the same body). */
  setBody(id: string, body: ExecutionBody): void {
    this.db.prepare(`UPDATE outbox SET body_json = ?, kind = 'EXECUTION' WHERE execution_id = ?`).run(JSON.stringify(body), id);
  }

  /**
   * What may be sent now: the waiting items of every prescription whose oldest waiting item is
   * due, oldest first, so one prescription's executions leave in the order they were recorded.
   */
  due(now: string, limit = 500): OutboxItem[] {
    return this.db
      .prepare<[string, number], Row>(
        `SELECT * FROM outbox o WHERE o.state = 'PENDING'
           AND (SELECT h.next_attempt_at FROM outbox h WHERE h.prescription_id = o.prescription_id AND h.state = 'PENDING' ORDER BY h.created_at, h.rowid LIMIT 1) <= ?
         ORDER BY o.created_at, o.rowid LIMIT ?`,
      )
      .all(now, limit)
      .map(toItem);
  }

  /** Every waiting item, oldest first (the server is back, or the pharmacist asked). */
  pending(): OutboxItem[] {
    return this.db.prepare<[], Row>(`SELECT * FROM outbox WHERE state = 'PENDING' ORDER BY created_at, rowid`).all().map(toItem);
  }

  byDispensingId(id: string): OutboxItem | null {
    const row = this.db.prepare<[string], Row>('SELECT * FROM outbox WHERE dispensing_id = ?').get(id);
    return row ? toItem(row) : null;
  }

  byExecutionId(id: string): OutboxItem | null {
    const row = this.db.prepare<[string], Row>('SELECT * FROM outbox WHERE execution_id = ?').get(id);
    return row ? toItem(row) : null;
  }

  list(states: OutboxState[] = ['PENDING', 'SENT', 'REFUSED']): OutboxItem[] {
    const marks = states.map(() => '?').join(',');
    return this.db.prepare<string[], Row>(`SELECT * FROM outbox WHERE state IN (${marks}) ORDER BY created_at DESC`).all(...states).map(toItem);
  }

  markSent(id: string, receipt: ExecutionAccepted['receipt'], now = new Date().toISOString()): void {
    this.db.prepare(`UPDATE outbox SET state = 'SENT', receipt_json = ?, attempts = attempts + 1, last_error_code = NULL, last_error_message = NULL, updated_at = ? WHERE execution_id = ?`).run(JSON.stringify(receipt), now, id);
  }

  markRetry(id: string, code: string, message: string, nextAttemptAt: string, now = new Date().toISOString()): void {
    this.db.prepare(`UPDATE outbox SET attempts = attempts + 1, last_error_code = ?, last_error_message = ?, next_attempt_at = ?, updated_at = ? WHERE execution_id = ?`).run(code, message, nextAttemptAt, now, id);
  }

  markRefused(id: string, code: string, message: string, now = new Date().toISOString()): void {
    this.db.prepare(`UPDATE outbox SET state = 'REFUSED', attempts = attempts + 1, last_error_code = ?, last_error_message = ?, updated_at = ? WHERE execution_id = ?`).run(code, message, now, id);
  }

  setLeaseToken(id: string, token: string): void {
    this.db.prepare('UPDATE outbox SET lease_token = ? WHERE execution_id = ?').run(token, id);
  }

  counts(): Record<OutboxState, number> {
    const rows = this.db.prepare<[], { state: OutboxState; n: number }>('SELECT state, COUNT(*) AS n FROM outbox GROUP BY state').all();
    return { PENDING: 0, SENT: 0, REFUSED: 0, ...Object.fromEntries(rows.map((r) => [r.state, r.n])) };
  }
}
