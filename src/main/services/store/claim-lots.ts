import type { Selectable } from 'kysely';
import type { Lot } from '../../../shared/claims/claims-schemas.js';
import { sql } from 'kysely';
import type { Executor, StoreEngine } from './store-engine.js';
import { STORE_COLUMNS, type StoreTables } from './store-tables.js';
import { QueueRows } from './transmission-queue.js';

type Row = Selectable<StoreTables['claim_lots']>;

export type ArlReason = { code: string; message: string; fseNumber?: string };
export type StoredLot = {
  lotId: string;
  lotNumber: number;
  destination: string;
  fseCount: number;
  totalCents: number;
  amoCents: number;
  amcCents: number;
  body: Lot;
  state: Row['state'];
  attempts: number;
  lastError: { code: string; message: string } | null;
  receivedAt: string | null;
  arl: 'POSITIF' | 'NEGATIF' | null;
  arlReasons: ArlReason[];
  createdAt: string;
};

/** A lot without its FSEs (F7 lists them): a month's lots carry every FSE sent. */
export type LotSummary = Omit<StoredLot, 'body'>;

const toLot = (r: Row): StoredLot => ({ ...toSummary(r), body: JSON.parse(r.body_json) as Lot });

const toSummary = (r: Omit<Row, 'body_json'>): LotSummary => ({
  lotId: r.lot_id,
  lotNumber: r.lot_number,
  destination: r.destination,
  fseCount: r.fse_count,
  totalCents: r.total_cents,
  amoCents: r.amo_cents,
  amcCents: r.amc_cents,
  state: r.state,
  attempts: r.attempts,
  lastError: r.last_error_code ? { code: r.last_error_code, message: r.last_error_message ?? '' } : null,
  receivedAt: r.received_at,
  arl: r.arl,
  arlReasons: r.arl_reasons_json ? (JSON.parse(r.arl_reasons_json) as ArlReason[]) : [],
  createdAt: r.created_at,
});

/** The lots of FSEs: a transmission queue (made, sent once with its lotId, answered by an ARL). */
export class ClaimLotsRepository {
  readonly queue: QueueRows;

  constructor(
    private readonly ex: Executor,
    private readonly engine: StoreEngine,
  ) {
    this.queue = new QueueRows(ex, { table: 'claim_lots', key: 'lot_id' });
  }

  /** The pharmacy's next lot number (1–999 999, then round again), inside the lot's transaction. */
  async nextNumber(): Promise<number> {
    const row = await this.ex
      .updateTable('sequences')
      .set({ value: sql`CASE WHEN value >= 999999 THEN 1 ELSE value + 1 END` })
      .where('name', '=', 'claim_lot')
      .returning('value')
      .executeTakeFirstOrThrow();
    return row.value;
  }

  async insert(lot: Lot, now = new Date().toISOString()): Promise<void> {
    await this.ex
      .insertInto('claim_lots')
      .values({
        lot_id: lot.lotId,
        lot_number: lot.lotNumber,
        destination: `${lot.destination.regime}-${lot.destination.caisse}-${lot.destination.centre}`,
        fse_count: lot.fses.length,
        total_cents: lot.totals.totalCents,
        amo_cents: lot.totals.amoCents,
        amc_cents: lot.totals.amcCents,
        body_json: JSON.stringify(lot),
        state: 'PENDING',
        next_attempt_at: now,
        last_error_code: null,
        last_error_message: null,
        received_at: null,
        arl: null,
        arl_reasons_json: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }

  async byId(lotId: string): Promise<StoredLot | null> {
    const row = await this.ex.selectFrom('claim_lots').selectAll().where('lot_id', '=', lotId).executeTakeFirst();
    return row ? toLot(row) : null;
  }

  /** Inside a transaction: this lot held for this counter until it ends; null when held or no longer waiting. */
  async claim(lotId: string): Promise<StoredLot | null> {
    const row = await this.engine
      .skipLocked(this.ex.selectFrom('claim_lots').selectAll().where('lot_id', '=', lotId).where('state', '=', 'PENDING'))
      .executeTakeFirst();
    return row ? toLot(row) : null;
  }

  /** Waiting lots (due now, or all), in number order after `afterNumber`: a page of a catch-up. */
  async due(now: string, all: boolean, limit = 50, afterNumber = 0): Promise<StoredLot[]> {
    let select = this.ex.selectFrom('claim_lots').selectAll().where('state', '=', 'PENDING').where('lot_number', '>', afterNumber);
    if (!all) select = select.where('next_attempt_at', '<=', now);
    return (await select.orderBy('lot_number').limit(limit).execute()).map(toLot);
  }

  /** Received by the caisse: its reception time kept (the ARL follows in the mailbox). */
  markSent(lotId: string, receivedAt: string, now = new Date().toISOString()): Promise<boolean> {
    // Kept in UTC like every other instant here, so « 24 h without ARL » compares as text.
    const at = Number.isNaN(Date.parse(receivedAt)) ? now : new Date(receivedAt).toISOString();
    return this.queue.markSent(lotId, now, 'SENT', sql`, received_at = ${at}`);
  }

  markRetry(lotId: string, code: string, message: string, nextAttemptAt: string): Promise<boolean> {
    return this.queue.markRetry(lotId, code, message, nextAttemptAt);
  }

  markRefused(lotId: string, code: string, message: string): Promise<boolean> {
    return this.queue.markRefused(lotId, code, message);
  }

  /** The ARL, once: a lot keeps its first. */
  async setArl(lotId: string, status: 'POSITIF' | 'NEGATIF', reasons: ArlReason[], now = new Date().toISOString()): Promise<boolean> {
    const r = await this.ex
      .updateTable('claim_lots')
      .set({ arl: status, arl_reasons_json: JSON.stringify(reasons), updated_at: now })
      .where('lot_id', '=', lotId)
      .where('arl', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Lots received by the caisse before `since` and still without their ARL. */
  async withoutArlSince(since: string): Promise<number> {
    const row = await this.ex
      .selectFrom('claim_lots')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('arl', 'is', null)
      .where('state', '=', 'SENT')
      .where('received_at', '<', since)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async recent(limit = 200): Promise<LotSummary[]> {
    const columns = STORE_COLUMNS.claim_lots.filter((c): c is Exclude<typeof c, 'body_json'> => c !== 'body_json');
    return (
      await this.ex
        .selectFrom('claim_lots')
        .select(columns)
        .orderBy('created_at', 'desc')
        .orderBy('lot_number', 'desc')
        .limit(limit)
        .execute()
    ).map(toSummary);
  }
}
