import type { Selectable } from 'kysely';
import type { Fse, RspMessage } from '../../../shared/claims/claims-schemas.js';
import type { Executor, StoreEngine } from './store-engine.js';
import type { FseState, StoreTables } from './store-tables.js';

type Row = Selectable<StoreTables['fses']>;

/** An FSE as the workstation keeps it: its body as sent, where it is, and what the caisse answered. */
export type StoredFse = {
  fseNumber: string;
  dispensingId: string;
  destination: string | null;
  /** Why it cannot leave yet (French, for F7), null when it can. */
  problem: string | null;
  body: Fse;
  state: FseState;
  tiersPayant: Fse['tiersPayant'];
  patientPaid: boolean;
  dispensedOn: string;
  totalCents: number;
  amoCents: number;
  amcCents: number;
  amoOutcome: RspMessage['outcome'] | null;
  amcOutcome: RspMessage['outcome'] | null;
  amoPaidCents: number;
  amcPaidCents: number;
  lateFeeCents: number;
  reject: { payer: 'AMO' | 'AMC'; code: string; label: string } | null;
  lotId: string | null;
  recycled: boolean;
  answeredAt: string | null;
  createdAt: string;
};

/** An FSE without its body. */
export type FseSummary = Omit<StoredFse, 'body'>;

/** FSEs alike for F7's figures, counted and summed. */
export type FseGroup = Pick<StoredFse, 'state' | 'tiersPayant' | 'patientPaid' | 'dispensedOn' | 'amoOutcome' | 'amcOutcome'> & {
  count: number;
  amoCents: number;
  amcCents: number;
  amoPaidCents: number;
  lateFeeCents: number;
};

export const toStoredFse = (r: Row): StoredFse => ({ ...toSummary(r), body: JSON.parse(r.body_json) as Fse });

const toSummary = (r: Omit<Row, 'body_json'>): FseSummary => ({
  fseNumber: r.fse_number,
  dispensingId: r.dispensing_id,
  destination: r.destination,
  problem: r.problem,
  state: r.state,
  tiersPayant: r.tiers_payant as Fse['tiersPayant'],
  patientPaid: r.patient_paid === 1,
  dispensedOn: r.dispensed_on,
  totalCents: r.total_cents,
  amoCents: r.amo_cents,
  amcCents: r.amc_cents,
  amoOutcome: r.amo_outcome as StoredFse['amoOutcome'],
  amcOutcome: r.amc_outcome as StoredFse['amcOutcome'],
  amoPaidCents: r.amo_paid_cents,
  amcPaidCents: r.amc_paid_cents,
  lateFeeCents: r.late_fee_cents,
  reject: r.reject_code ? { payer: r.reject_payer as 'AMO' | 'AMC', code: r.reject_code, label: r.reject_label ?? '' } : null,
  lotId: r.lot_id,
  recycled: r.recycled === 1,
  answeredAt: r.answered_at,
  createdAt: r.created_at,
});

/** The pharmacy's FSEs, from their dispensing's transaction to the caisse's last answer. */
export class FsesRepository {
  constructor(
    private readonly ex: Executor,
    private readonly engine: StoreEngine,
  ) {}

  /** In the dispensing's transaction: the FSE, ready to send (or saying what it lacks). */
  async insert(f: { body: Fse; destination: string | null; problem: string | null; patientPaid: boolean }, now = new Date().toISOString()) {
    await this.ex
      .insertInto('fses')
      .values({
        fse_number: f.body.fseNumber,
        dispensing_id: f.body.dispensingId,
        destination: f.destination,
        problem: f.problem,
        body_json: JSON.stringify(f.body),
        state: 'A_TRANSMETTRE',
        tiers_payant: f.body.tiersPayant,
        patient_paid: f.patientPaid ? 1 : 0,
        dispensed_on: f.body.dispensedOn,
        total_cents: f.body.totals.totalCents,
        amo_cents: f.body.totals.amoCents,
        amc_cents: f.body.totals.amcCents,
        amo_outcome: null,
        amc_outcome: null,
        reject_payer: null,
        reject_code: null,
        reject_label: null,
        lot_id: null,
        answered_at: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }

  async byNumber(fseNumber: string): Promise<StoredFse | null> {
    const row = await this.ex.selectFrom('fses').selectAll().where('fse_number', '=', fseNumber).executeTakeFirst();
    return row ? toStoredFse(row) : null;
  }

  async byDispensing(dispensingId: string): Promise<StoredFse | null> {
    const row = await this.ex.selectFrom('fses').selectAll().where('dispensing_id', '=', dispensingId).executeTakeFirst();
    return row ? toStoredFse(row) : null;
  }

  /** Destinations with FSEs ready to leave, and how many each. */
  async readyByDestination(): Promise<{ destination: string; count: number }[]> {
    const rows = await this.ex
      .selectFrom('fses')
      .select(['destination', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('state', '=', 'A_TRANSMETTRE')
      .where('problem', 'is', null)
      .where('destination', 'is not', null)
      .groupBy('destination')
      .execute();
    return rows.map((r) => ({ destination: r.destination!, count: Number(r.n) }));
  }

  /** Inside the lot's transaction: up to `limit` ready FSEs of a destination, held (other counters skip them). */
  async takeReady(destination: string, limit: number): Promise<StoredFse[]> {
    const rows = await this.engine
      .skipLocked(
        this.ex
          .selectFrom('fses')
          .selectAll()
          .where('state', '=', 'A_TRANSMETTRE')
          .where('problem', 'is', null)
          .where('destination', '=', destination)
          .orderBy('fse_number')
          .limit(limit),
      )
      .execute();
    return rows.map(toStoredFse);
  }

  /** FSEs into their lot; only those still ready (a guard on the state they had). */
  async putInLot(numbers: string[], lotId: string, now = new Date().toISOString()): Promise<number> {
    if (numbers.length === 0) return 0;
    const r = await this.ex
      .updateTable('fses')
      .set({ state: 'EN_LOT', lot_id: lotId, updated_at: now })
      .where('fse_number', 'in', numbers)
      .where('state', '=', 'A_TRANSMETTRE')
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  /** A lot's FSEs move on together (sent, ARL positif), each only from the state expected. */
  async moveLot(lotId: string, from: FseState, to: FseState, now = new Date().toISOString()): Promise<number> {
    const r = await this.ex
      .updateTable('fses')
      .set({ state: to, updated_at: now })
      .where('lot_id', '=', lotId)
      .where('state', '=', from)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  /** ARL négatif: the lot's FSEs wait for the next lot, same numbers. */
  async backToSend(lotId: string, now = new Date().toISOString()): Promise<number> {
    const r = await this.ex
      .updateTable('fses')
      .set({ state: 'A_TRANSMETTRE', lot_id: null, updated_at: now })
      .where('lot_id', '=', lotId)
      .where('state', 'in', ['EN_LOT', 'TRANSMISE'])
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  /** One RSP: the payer's outcome, paid part and late fee; a reject keeps its motif until recycled. */
  async applyAnswer(rsp: RspMessage, now = new Date().toISOString()): Promise<boolean> {
    const amo = rsp.payer === 'AMO';
    const rejected = rsp.outcome === 'REJETE' && rsp.reject;
    const r = await this.ex
      .updateTable('fses')
      .set({
        ...(amo
          ? { amo_outcome: rsp.outcome, amo_paid_cents: rsp.paidCents, late_fee_cents: rsp.lateFeeCents }
          : { amc_outcome: rsp.outcome, amc_paid_cents: rsp.paidCents }),
        ...(rejected ? { reject_payer: rsp.payer, reject_code: rsp.reject!.code, reject_label: rsp.reject!.label } : {}),
        answered_at: now,
        updated_at: now,
      })
      .where('fse_number', '=', rsp.fseNumber)
      // An answer about an earlier sending (a released TRAITEMENT_CAISSE) never lands on the FSE sent again since.
      .where('lot_id', '=', rsp.lotId)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** « Recycler »: the corrected FSE (same number) sent again with `recycled: true`, its answers cleared. */
  async recycle(fseNumber: string, body: Fse, destination: string | null, problem: string | null, now = new Date().toISOString()) {
    const r = await this.ex
      .updateTable('fses')
      .set({
        body_json: JSON.stringify(body),
        destination,
        problem,
        state: 'A_TRANSMETTRE',
        lot_id: null,
        recycled: 1,
        amo_outcome: null,
        amc_outcome: null,
        amo_paid_cents: 0,
        amc_paid_cents: 0,
        late_fee_cents: 0,
        reject_payer: null,
        reject_code: null,
        reject_label: null,
        updated_at: now,
      })
      .where('fse_number', '=', fseNumber)
      .where('reject_code', 'is not', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** A dispensing cancelled before its FSE left: nothing to claim. */
  async cancelUnsent(dispensingId: string, now = new Date().toISOString()): Promise<boolean> {
    const r = await this.ex
      .updateTable('fses')
      .set({ state: 'ANNULEE', updated_at: now })
      .where('dispensing_id', '=', dispensingId)
      .where('state', '=', 'A_TRANSMETTRE')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** The FSE's organisme or problem, when the patient file is completed (F2). */
  async setDestination(fseNumber: string, body: Fse, destination: string | null, problem: string | null, now = new Date().toISOString()) {
    await this.ex
      .updateTable('fses')
      .set({ body_json: JSON.stringify(body), destination, problem, updated_at: now })
      .where('fse_number', '=', fseNumber)
      .where('state', '=', 'A_TRANSMETTRE')
      .execute();
  }

  /** Every FSE but the cancelled, newest first, with their bodies (tests, and a correction's tools). */
  async all(limit = 20_000): Promise<StoredFse[]> {
    const rows = await this.ex
      .selectFrom('fses')
      .selectAll()
      .where('state', '!=', 'ANNULEE')
      .orderBy('fse_number', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toStoredFse);
  }

  /**
   * Every FSE but the cancelled, summed by what F7's figures tell apart (state, tiers payant, day,
   * outcomes): a month of FSEs is a few hundred groups, read at once.
   */
  async figureGroups(): Promise<FseGroup[]> {
    const rows = await this.ex
      .selectFrom('fses')
      .select((eb) => [
        'state',
        'tiers_payant',
        'patient_paid',
        'dispensed_on',
        'amo_outcome',
        'amc_outcome',
        eb.fn.countAll<number | string>().as('n'),
        eb.fn.sum<number | string>('amo_cents').as('amo'),
        eb.fn.sum<number | string>('amc_cents').as('amc'),
        eb.fn.sum<number | string>('amo_paid_cents').as('amo_paid'),
        eb.fn.sum<number | string>('late_fee_cents').as('fees'),
      ])
      .where('state', '!=', 'ANNULEE')
      .groupBy(['state', 'tiers_payant', 'patient_paid', 'dispensed_on', 'amo_outcome', 'amc_outcome'])
      .execute();
    return rows.map((r) => ({
      state: r.state,
      tiersPayant: r.tiers_payant as Fse['tiersPayant'],
      patientPaid: r.patient_paid === 1,
      dispensedOn: r.dispensed_on,
      amoOutcome: r.amo_outcome as StoredFse['amoOutcome'],
      amcOutcome: r.amc_outcome as StoredFse['amcOutcome'],
      count: Number(r.n),
      amoCents: Number(r.amo),
      amcCents: Number(r.amc),
      amoPaidCents: Number(r.amo_paid),
      lateFeeCents: Number(r.fees),
    }));
  }

  /** The rejected FSEs waiting for a correction (F7 « Rejets »), oldest first. */
  async rejected(limit = 500): Promise<StoredFse[]> {
    const rows = await this.ex
      .selectFrom('fses')
      .selectAll()
      .where('reject_code', 'is not', null)
      .where('state', '!=', 'ANNULEE')
      .orderBy('fse_number')
      .limit(limit)
      .execute();
    return rows.map(toStoredFse);
  }

  /** Not yet received by the caisse (to send, or in a lot not yet sent). */
  async waiting(limit = 100_000): Promise<StoredFse[]> {
    const rows = await this.ex
      .selectFrom('fses')
      .selectAll()
      .where('state', 'in', ['A_TRANSMETTRE', 'EN_LOT'])
      .orderBy('fse_number')
      .limit(limit)
      .execute();
    return rows.map(toStoredFse);
  }

  async inLot(lotId: string): Promise<StoredFse[]> {
    return (await this.ex.selectFrom('fses').selectAll().where('lot_id', '=', lotId).orderBy('fse_number').execute()).map(toStoredFse);
  }
}
