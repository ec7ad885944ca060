import type { StoreDb } from './store-database.js';

/** PENDING: to send; SENT: the téléservice has it; LOCAL: the execution never left, nothing to send; REFUSED: à régulariser. */
export type CancellationState = 'PENDING' | 'SENT' | 'LOCAL' | 'REFUSED';
export type Cancellation = {
  executionId: string;
  dispensingId: string;
  reason: string;
  state: CancellationState;
  attempts: number;
  nextAttemptAt: string;
  lastErrorCode: string | null;
  lastErrorMessage: string | null;
  createdAt: string;
};

type Row = {
  execution_id: string; dispensing_id: string; reason: string; state: CancellationState; attempts: number; next_attempt_at: string;
  last_error_code: string | null; last_error_message: string | null; created_at: string;
};
const toCancellation = (r: Row): Cancellation => ({
  executionId: r.execution_id, dispensingId: r.dispensing_id, reason: r.reason, state: r.state, attempts: r.attempts, nextAttemptAt: r.next_attempt_at,
  lastErrorCode: r.last_error_code, lastErrorMessage: r.last_error_message, createdAt: r.created_at,
});

/** Cancellations of executions waiting for the téléservice (`POST /v1/executions/{id}/cancel`), one per execution. */
export class CancellationsRepository {
  constructor(private readonly db: StoreDb) {}

  enqueue(c: { executionId: string; dispensingId: string; reason: string }, now = new Date().toISOString()): void {
    this.db
      .prepare(`INSERT INTO cancellations (execution_id, dispensing_id, reason, state, attempts, next_attempt_at, created_at, updated_at) VALUES (?, ?, ?, 'PENDING', 0, ?, ?, ?)`)
      .run(c.executionId, c.dispensingId, c.reason, now, now, now);
  }

  due(now: string, limit = 100): Cancellation[] {
    return this.db.prepare<[string, number], Row>(`SELECT * FROM cancellations WHERE state = 'PENDING' AND next_attempt_at <= ? ORDER BY created_at LIMIT ?`).all(now, limit).map(toCancellation);
  }

  pending(): Cancellation[] {
    return this.db.prepare<[], Row>(`SELECT * FROM cancellations WHERE state = 'PENDING' ORDER BY created_at`).all().map(toCancellation);
  }

  byExecutionId(id: string): Cancellation | null {
    const row = this.db.prepare<[string], Row>('SELECT * FROM cancellations WHERE execution_id = ?').get(id);
    return row ? toCancellation(row) : null;
  }

  markDone(id: string, state: 'SENT' | 'LOCAL', now = new Date().toISOString()): void {
    this.db.prepare(`UPDATE cancellations SET state = ?, attempts = attempts + 1, last_error_code = NULL, last_error_message = NULL, updated_at = ? WHERE execution_id = ?`).run(state, now, id);
  }

  markRetry(id: string, code: string, message: string, nextAttemptAt: string, now = new Date().toISOString()): void {
    this.db.prepare(`UPDATE cancellations SET attempts = attempts + 1, last_error_code = ?, last_error_message = ?, next_attempt_at = ?, updated_at = ? WHERE execution_id = ?`).run(code, message, nextAttemptAt, now, id);
  }

  markRefused(id: string, code: string, message: string, now = new Date().toISOString()): void {
    this.db.prepare(`UPDATE cancellations SET state = 'REFUSED', attempts = attempts + 1, last_error_code = ?, last_error_message = ?, updated_at = ? WHERE execution_id = ?`).run(code, message, now, id);
  }
}
