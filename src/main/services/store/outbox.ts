import { sql, type Selectable } from 'kysely';
import type { CounterPatient } from '../../../shared/rules/dispensing-types.js';
import type { ExecutionAccepted, ExecutionBody } from '../../../shared/teleservice/schemas.js';
import type { Executor, StoreEngine } from './store-engine.js';
import type { StoreTables } from './store-tables.js';
import { QueueRows } from './transmission-queue.js';

export type OutboxState = 'PENDING' | 'SENT' | 'REFUSED';
/** What the pharmacist dispensed from the paper while the server was away (degraded mode). */
export type PaperDispensing = {
  renewalNumber: number;
  /** `unitPriceCents`: typed at the counter for a pack the catalogue does not price. */
  items: { cip13: string; packs: number; label: string; batch: string | null; expiry: string | null; unitPriceCents?: number | null }[];
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

type Row = Selectable<StoreTables['outbox']>;
const toItem = (r: Row): OutboxItem => ({
  executionId: r.execution_id,
  dispensingId: r.dispensing_id,
  prescriptionId: r.prescription_id,
  body: r.paper_json && r.body_json === 'null' ? null : (JSON.parse(r.body_json) as ExecutionBody),
  paper: r.paper_json ? (JSON.parse(r.paper_json) as PaperDispensing) : null,
  leaseToken: r.lease_token,
  state: r.state,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastErrorCode: r.last_error_code,
  lastErrorMessage: r.last_error_message,
  receipt: r.receipt_json ? (JSON.parse(r.receipt_json) as OutboxItem['receipt']) : null,
  createdAt: r.created_at,
});

/**
 * Executions waiting to go to the téléservice. A row is written in the same transaction as its
 * dispensing, before any network call; its executionId makes every resend harmless.
 */
export class OutboxRepository {
  readonly queue: QueueRows;

  constructor(
    private readonly ex: Executor,
    private readonly engine: StoreEngine,
  ) {
    this.queue = new QueueRows(ex, { table: 'outbox', key: 'execution_id' });
  }

  async enqueue(
    item: { executionId: string; dispensingId: string; prescriptionId: string; body: ExecutionBody; leaseToken: string | null },
    now = new Date().toISOString(),
  ): Promise<void> {
    await this.ex
      .insertInto('outbox')
      .values({
        execution_id: item.executionId,
        dispensing_id: item.dispensingId,
        prescription_id: item.prescriptionId,
        body_json: JSON.stringify(item.body),
        paper_json: null,
        lease_token: item.leaseToken,
        state: 'PENDING',
        next_attempt_at: now,
        last_error_code: null,
        last_error_message: null,
        receipt_json: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }

  async enqueuePaper(
    item: { executionId: string; dispensingId: string; prescriptionId: string; paper: PaperDispensing },
    now = new Date().toISOString(),
  ): Promise<void> {
    await this.ex
      .insertInto('outbox')
      .values({
        execution_id: item.executionId,
        dispensing_id: item.dispensingId,
        prescription_id: item.prescriptionId,
        body_json: 'null',
        paper_json: JSON.stringify(item.paper),
        kind: 'PAPER',
        lease_token: null,
        state: 'PENDING',
        next_attempt_at: now,
        last_error_code: null,
        last_error_message: null,
        receipt_json: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }

  /** The paper dispensing turned into its execution, kept before it is sent (a resend sends the same body). */
  async setBody(id: string, body: ExecutionBody): Promise<void> {
    await this.ex
      .updateTable('outbox')
      .set({ body_json: JSON.stringify(body), kind: 'EXECUTION' })
      .where('execution_id', '=', id)
      .where('state', '=', 'PENDING')
      .execute();
  }

  /**
   * What may be sent now: the waiting items of every prescription whose oldest waiting item is
   * due, oldest first, so one prescription's executions leave in the order they were recorded.
   */
  async due(now: string, limit = 500): Promise<OutboxItem[]> {
    const rows = await this.ex
      .selectFrom('outbox as o')
      .selectAll('o')
      .where('o.state', '=', 'PENDING')
      .where(
        (eb) =>
          eb
            .selectFrom('outbox as h')
            .select('h.next_attempt_at')
            .whereRef('h.prescription_id', '=', 'o.prescription_id')
            .where('h.state', '=', 'PENDING')
            .orderBy('h.created_at')
            .orderBy('h.seq')
            .limit(1),
        '<=',
        now,
      )
      .orderBy('o.created_at')
      .orderBy('o.seq')
      .limit(limit)
      .execute();
    return rows.map(toItem);
  }

  /**
   * Inside a transaction: this item, held for this counter until the transaction ends (other
   * counters skip it), or null when another counter holds it or it is no longer waiting.
   */
  async claim(executionId: string): Promise<OutboxItem | null> {
    const row = await this.engine
      .skipLocked(this.ex.selectFrom('outbox').selectAll().where('execution_id', '=', executionId).where('state', '=', 'PENDING'))
      .executeTakeFirst();
    return row ? toItem(row) : null;
  }

  /** Every waiting item, oldest first (the server is back, or the pharmacist asked). */
  async pending(): Promise<OutboxItem[]> {
    return (
      await this.ex.selectFrom('outbox').selectAll().where('state', '=', 'PENDING').orderBy('created_at').orderBy('seq').execute()
    ).map(toItem);
  }

  async byDispensingId(id: string): Promise<OutboxItem | null> {
    const row = await this.ex.selectFrom('outbox').selectAll().where('dispensing_id', '=', id).executeTakeFirst();
    return row ? toItem(row) : null;
  }

  async byExecutionId(id: string): Promise<OutboxItem | null> {
    const row = await this.ex.selectFrom('outbox').selectAll().where('execution_id', '=', id).executeTakeFirst();
    return row ? toItem(row) : null;
  }

  async list(states: OutboxState[] = ['PENDING', 'SENT', 'REFUSED']): Promise<OutboxItem[]> {
    return (await this.ex.selectFrom('outbox').selectAll().where('state', 'in', states).orderBy('created_at', 'desc').execute()).map(
      toItem,
    );
  }

  /** Its answer kept: the receipt. The outcomes apply only to an item still waiting (`QueueRows`). */
  markSent(id: string, receipt: ExecutionAccepted['receipt'], now = new Date().toISOString()): Promise<boolean> {
    return this.queue.markSent(id, now, 'SENT', sql`, receipt_json = ${JSON.stringify(receipt)}`);
  }

  markRetry(id: string, code: string, message: string, nextAttemptAt: string, now = new Date().toISOString()): Promise<boolean> {
    return this.queue.markRetry(id, code, message, nextAttemptAt, now);
  }

  markRefused(id: string, code: string, message: string, now = new Date().toISOString()): Promise<boolean> {
    return this.queue.markRefused(id, code, message, now);
  }

  async setLeaseToken(id: string, token: string): Promise<void> {
    await this.ex.updateTable('outbox').set({ lease_token: token }).where('execution_id', '=', id).execute();
  }

  async counts(): Promise<Record<OutboxState, number>> {
    const rows = await this.ex
      .selectFrom('outbox')
      .select(['state', (eb) => eb.fn.countAll().as('n')])
      .groupBy('state')
      .execute();
    return { PENDING: 0, SENT: 0, REFUSED: 0, ...Object.fromEntries(rows.map((r) => [r.state, Number(r.n)])) };
  }
}
