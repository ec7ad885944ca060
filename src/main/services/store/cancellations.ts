import type { Selectable } from 'kysely';
import type { Executor } from './store-engine.js';
import type { StoreTables } from './store-tables.js';
import { QueueRows } from './transmission-queue.js';

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

const toCancellation = (r: Selectable<StoreTables['cancellations']>): Cancellation => ({
  executionId: r.execution_id,
  dispensingId: r.dispensing_id,
  reason: r.reason,
  state: r.state,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastErrorCode: r.last_error_code,
  lastErrorMessage: r.last_error_message,
  createdAt: r.created_at,
});

/** Cancellations of executions waiting for the téléservice (`POST /v1/executions/{id}/cancel`), one per execution. */
export class CancellationsRepository {
  readonly queue: QueueRows;

  constructor(private readonly ex: Executor) {
    this.queue = new QueueRows(ex, { table: 'cancellations', key: 'execution_id' });
  }

  async enqueue(c: { executionId: string; dispensingId: string; reason: string }, now = new Date().toISOString()): Promise<void> {
    await this.ex
      .insertInto('cancellations')
      .values({
        execution_id: c.executionId,
        dispensing_id: c.dispensingId,
        reason: c.reason,
        state: 'PENDING',
        next_attempt_at: now,
        last_error_code: null,
        last_error_message: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }

  async due(now: string, limit = 100): Promise<Cancellation[]> {
    return (
      await this.ex
        .selectFrom('cancellations')
        .selectAll()
        .where('state', '=', 'PENDING')
        .where('next_attempt_at', '<=', now)
        .orderBy('created_at')
        .limit(limit)
        .execute()
    ).map(toCancellation);
  }

  async pending(): Promise<Cancellation[]> {
    return (await this.ex.selectFrom('cancellations').selectAll().where('state', '=', 'PENDING').orderBy('created_at').execute()).map(
      toCancellation,
    );
  }

  async byExecutionId(id: string): Promise<Cancellation | null> {
    const row = await this.ex.selectFrom('cancellations').selectAll().where('execution_id', '=', id).executeTakeFirst();
    return row ? toCancellation(row) : null;
  }

  /** Settled: sent to the téléservice, or LOCAL (the execution never left). Outcomes apply only to one still waiting (`QueueRows`). */
  markDone(id: string, state: 'SENT' | 'LOCAL', now = new Date().toISOString()): Promise<boolean> {
    return this.queue.markSent(id, now, state);
  }

  markRetry(id: string, code: string, message: string, nextAttemptAt: string, now = new Date().toISOString()): Promise<boolean> {
    return this.queue.markRetry(id, code, message, nextAttemptAt, now);
  }

  markRefused(id: string, code: string, message: string, now = new Date().toISOString()): Promise<boolean> {
    return this.queue.markRefused(id, code, message, now);
  }
}
