import { sql, type RawBuilder } from 'kysely';
import type { Executor } from './store-engine.js';

/** The tables that wait for the téléservice, each row keyed by its own id. */
export type QueueTable = {
  table: 'outbox' | 'cancellations' | 'scor_documents' | 'claim_lots';
  key: 'execution_id' | 'document_id' | 'lot_id';
};

/**
 * What every transmission queue does with a waiting row (state PENDING), whatever it carries: the
 * same seven columns (state, attempts, next_attempt_at, last_error_code, last_error_message,
 * created_at, updated_at) and the same outcomes. Each outcome applies only to a row still waiting,
 * checked in the same statement: another counter's outcome written meanwhile is never overwritten.
 * False: the row no longer waited.
 */
export class QueueRows {
  constructor(
    private readonly ex: Executor,
    private readonly queue: QueueTable,
  ) {}

  /** Sent (or settled otherwise: `state`), with the columns the queue keeps of its answer. */
  markSent(id: string, now = new Date().toISOString(), state = 'SENT', answer: RawBuilder<unknown> = sql``): Promise<boolean> {
    return this.whileWaiting(
      id,
      sql`state = ${state}, attempts = attempts + 1, last_error_code = NULL, last_error_message = NULL, updated_at = ${now}${answer}`,
    );
  }

  /** Not now: tried again from `nextAttemptAt`, the reason kept for the panel. */
  markRetry(id: string, code: string, message: string, nextAttemptAt: string, now = new Date().toISOString()): Promise<boolean> {
    return this.whileWaiting(
      id,
      sql`attempts = attempts + 1, last_error_code = ${code}, last_error_message = ${message}, next_attempt_at = ${nextAttemptAt}, updated_at = ${now}`,
    );
  }

  /** Refused for good: « à régulariser », with the server's reason. */
  markRefused(id: string, code: string, message: string, now = new Date().toISOString()): Promise<boolean> {
    return this.whileWaiting(
      id,
      sql`state = 'REFUSED', attempts = attempts + 1, last_error_code = ${code}, last_error_message = ${message}, updated_at = ${now}`,
    );
  }

  /** How many rows wait to be sent. */
  async waiting(): Promise<number> {
    const { rows } = await sql<{
      n: number | string;
    }>`SELECT count(*) AS n FROM ${sql.table(this.queue.table)} WHERE state = 'PENDING'`.execute(this.ex);
    return Number(rows[0]?.n ?? 0);
  }

  private async whileWaiting(id: string, set: RawBuilder<unknown>): Promise<boolean> {
    const result =
      await sql`UPDATE ${sql.table(this.queue.table)} SET ${set} WHERE ${sql.ref(this.queue.key)} = ${id} AND state = 'PENDING'`.execute(
        this.ex,
      );
    return (result.numAffectedRows ?? 0n) > 0n;
  }
}
