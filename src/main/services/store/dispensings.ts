import { AppError } from '../../../shared/contract/result.js';
import type { ExecutionBody, Prescription } from '../../../shared/teleservice/schemas.js';
import { sql, type Selectable } from 'kysely';
import type { Executor, StoreEngine } from './store-engine.js';
import type { Bill } from '../../../shared/billing/billing.js';
import type { StoreTables } from './store-tables.js';

export type SaleLine = {
  lineId: string | null;
  cip13: string;
  label: string;
  packs: number;
  batch: string | null;
  expiry: string | null;
  unitPriceCents: number | null;
  reimbursementRate: number | null;
  /** Tiers payant contre génériques: the generic's price per pack the line is reimbursed on. */
  refusedGenericCents?: number | null;
};

export type DispensingRecord = {
  id: string;
  circuit: 'ON' | 'PAPER';
  prescriptionId: string | null;
  renewalNumber: number;
  phase: 1 | 2;
  pharmacistRpps: string;
  patientNir: string | null;
  patientSource: string | null;
  patientOverrideReason: string | null;
  prescription: Prescription | null;
  execution: ExecutionBody | null;
  complementaryInfo: string | null;
  workstation: string;
  createdAt: string;
  saleLines: SaleLine[];
  /** The prescription's date and prescriber (« Date de l'ordonnance », « Prescripteur »). */
  prescribedOn?: string | null;
  prescriberRpps?: string | null;
  /** The facturation's number (one sequence for the pharmacy). */
  invoiceNumber?: number | null;
  /** The avoir that cancelled it (the invoices' sequence). */
  creditNoteNumber?: number | null;
  /** Set once cancelled (a mistake, a return), with why. */
  cancelledAt?: string | null;
  cancelReason?: string | null;
  /** How many active dispensings of this renewal its counter knew of (0: the first). See migration 15. */
  renewalPart?: number;
  /** What was billed, as its validating transaction computed it (null: recorded before bills were kept). */
  bill?: Bill | null;
};

/** Two counters each recorded a dispensing of one renewal, unaware of the other's: the second is refused. */
export const RENEWAL_TAKEN_MESSAGE =
  'Ce renouvellement vient d’être délivré à un autre poste : rien n’est enregistré ici ; relisez l’ordonnance (F3) pour voir ce qui reste dû.';

/** Both engines' unique violation of dispensings_one_per_renewal_part. */
function isRenewalTaken(error: unknown): boolean {
  const e = error as { code?: unknown; constraint?: unknown; message?: unknown };
  if (e.code === '23505') return e.constraint === 'dispensings_one_per_renewal_part';
  return e.code === 'SQLITE_CONSTRAINT_UNIQUE' && typeof e.message === 'string' && e.message.includes('dispensings.renewal_part');
}

/** One dispensing as « Historique » lists it. */
export type HistoryEntry = {
  id: string;
  circuit: 'ON' | 'PAPER';
  prescriptionId: string | null;
  renewalNumber: number;
  patientNir: string | null;
  patientName: string | null;
  createdAt: string;
  products: string;
  cancelledAt: string | null;
  cancelReason: string | null;
  invoiceNumber: number | null;
  creditNoteNumber: number | null;
  /** Where its execution stands at the téléservice, and its cancellation (null: none). */
  transmission: 'PENDING' | 'SENT' | 'REFUSED' | null;
  cancellation: 'PENDING' | 'SENT' | 'LOCAL' | 'REFUSED' | null;
};

type Row = Selectable<StoreTables['dispensings']>;

/** The local record of each counter session and the sale lines it produced. */
export class DispensingsRepository {
  constructor(
    private readonly ex: Executor,
    private readonly engine: StoreEngine,
  ) {}

  /**
   * The next part of each renewal of this prescription, after the pharmacy's active dispensings of it
   * (the highest part + 1: a cancelled earlier part never makes the next one collide with a later
   * one). Taken when a counter opens the prescription, it is what that counter knows.
   */
  async activeByRenewal(prescriptionId: string): Promise<Map<number, number>> {
    const rows = await this.ex
      .selectFrom('dispensings')
      .select(['renewal_number', (eb) => eb.fn.max('renewal_part').as('last')])
      .where('prescription_id', '=', prescriptionId)
      .where('cancelled_at', 'is', null)
      .groupBy('renewal_number')
      .execute();
    return new Map(rows.map((r) => [r.renewal_number, Number(r.last) + 1]));
  }

  async insert(d: DispensingRecord): Promise<void> {
    try {
      await this.insertRow(d);
    } catch (error) {
      if (isRenewalTaken(error)) throw new AppError('RENEWAL_TAKEN', RENEWAL_TAKEN_MESSAGE);
      throw error;
    }
    for (const s of d.saleLines) {
      await this.ex
        .insertInto('sale_lines')
        .values({
          dispensing_id: d.id,
          line_id: s.lineId,
          cip13: s.cip13,
          label: s.label,
          packs: s.packs,
          batch: s.batch,
          expiry: s.expiry,
          unit_price_cents: s.unitPriceCents,
          reimbursement_rate: s.reimbursementRate,
          refused_generic_cents: s.refusedGenericCents ?? null,
        })
        .execute();
    }
  }

  private async insertRow(d: DispensingRecord): Promise<void> {
    await this.ex
      .insertInto('dispensings')
      .values({
        id: d.id,
        circuit: d.circuit,
        prescription_id: d.prescriptionId,
        renewal_number: d.renewalNumber,
        phase: d.phase,
        pharmacist_rpps: d.pharmacistRpps,
        patient_nir: d.patientNir,
        patient_source: d.patientSource,
        patient_override_reason: d.patientOverrideReason,
        prescription_json: d.prescription ? JSON.stringify(d.prescription) : null,
        execution_json: d.execution ? JSON.stringify(d.execution) : null,
        complementary_info: d.complementaryInfo,
        workstation: d.workstation,
        created_at: d.createdAt,
        cancelled_at: null,
        cancel_reason: null,
        prescribed_on: d.prescribedOn ?? d.prescription?.issuedAt ?? null,
        prescriber_rpps: d.prescriberRpps ?? d.prescription?.prescriber.rpps ?? null,
        invoice_number: null,
        credit_note_number: null,
        renewal_part: d.renewalPart ?? 0,
      })
      .execute();
  }

  async byId(id: string): Promise<DispensingRecord | null> {
    const row = await this.ex.selectFrom('dispensings').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    const saleLines = (await this.ex.selectFrom('sale_lines').selectAll().where('dispensing_id', '=', id).orderBy('id').execute()).map(
      (s) => ({
        lineId: s.line_id,
        cip13: s.cip13,
        label: s.label,
        packs: s.packs,
        batch: s.batch,
        expiry: s.expiry,
        unitPriceCents: s.unit_price_cents,
        reimbursementRate: s.reimbursement_rate,
        refusedGenericCents: s.refused_generic_cents,
      }),
    );
    return { ...toRecord(row), saleLines };
  }

  /**
   * « Historique »: the latest dispensings first; a query narrows them to a prescription number
   * (as printed or not) or a patient's name or NIR. Each with its execution's and its
   * cancellation's state, read in the same query (one round trip to the pharmacy's server).
   */
  async history(query: string, limit = 50): Promise<HistoryEntry[]> {
    const q = query.trim();
    const compact = q.toUpperCase().replace(/[\s-]+/g, '');
    const like = `%${q
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[%_\\]/g, '')}%`;
    const products = this.engine.joinedText(sql<string>`s.label || ' × ' || CAST(s.packs AS TEXT)`, ' ; ');
    let select = this.ex
      .selectFrom('dispensings as d')
      .leftJoin('patients as p', 'p.nir', 'd.patient_nir')
      .leftJoin('outbox as o', 'o.dispensing_id', 'd.id')
      .leftJoin('cancellations as c', 'c.execution_id', 'o.execution_id')
      .selectAll('d')
      .select(['p.last_name', 'p.first_name', 'o.state as transmission', 'c.state as cancellation'])
      .select(() => sql<string | null>`(SELECT ${products} FROM sale_lines s WHERE s.dispensing_id = d.id)`.as('products'));
    if (q !== '') {
      select = select.where((eb) =>
        eb.or([
          eb('d.prescription_id', 'like', `${compact}%`),
          eb('d.patient_nir', 'like', `${compact}%`),
          eb(sql`p.last_name_key || ' ' || p.first_name_key`, 'like', like),
          eb(sql`p.first_name_key || ' ' || p.last_name_key`, 'like', like),
        ]),
      );
    }
    const rows = await select.orderBy('d.created_at', 'desc').limit(limit).execute();
    return rows.map((r) => ({
      id: r.id,
      circuit: r.circuit,
      prescriptionId: r.prescription_id,
      renewalNumber: r.renewal_number,
      patientNir: r.patient_nir,
      patientName: r.last_name ? `${r.last_name} ${r.first_name ?? ''}`.trim() : null,
      createdAt: r.created_at,
      products: r.products ?? '',
      cancelledAt: r.cancelled_at,
      cancelReason: r.cancel_reason,
      invoiceNumber: r.invoice_number,
      creditNoteNumber: r.credit_note_number,
      transmission: r.transmission,
      cancellation: r.cancellation,
    }));
  }

  /**
   * Marks it cancelled with its avoir's number, only if it was not already (false then: another
   * counter cancelled it first, and this transaction must not go on).
   */
  async markCancelled(id: string, reason: string, creditNoteNumber: number, at = new Date().toISOString()): Promise<boolean> {
    const result = await this.ex
      .updateTable('dispensings')
      .set({ cancelled_at: at, cancel_reason: reason, credit_note_number: creditNoteNumber })
      .where('id', '=', id)
      .where('cancelled_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * For degraded mode: the prescription as last fetched on this workstation, with every dispensing
   * recorded here since added to its lines (the snapshot predates them). Null when never seen here.
   */
  async localSnapshot(prescriptionId: string): Promise<Prescription | null> {
    const rows = await this.ex
      .selectFrom('dispensings')
      .select(['prescription_json', 'execution_json'])
      .where('prescription_id', '=', prescriptionId)
      .where('circuit', '=', 'ON')
      .where('cancelled_at', 'is', null)
      .orderBy('created_at')
      .execute();
    const last = [...rows].reverse().find((r) => r.prescription_json);
    if (!last?.prescription_json) return null;
    const snapshot = JSON.parse(last.prescription_json) as Prescription;
    for (const row of rows) {
      const execution = row.execution_json ? (JSON.parse(row.execution_json) as ExecutionBody) : null;
      if (!execution) continue;
      for (const line of snapshot.lines) {
        if (line.dispensings.some((d) => d.executionId === execution.executionId)) continue;
        const executed = execution.lines.find((l) => l.lineId === line.lineId);
        if (!executed) continue;
        const units = executed.dispensed.every((d) => d.units !== undefined)
          ? executed.dispensed.reduce((n, d) => n + (d.units ?? 0), 0)
          : undefined;
        line.dispensings.push({
          executionId: execution.executionId,
          renewalNumber: execution.renewalNumber,
          packs: executed.dispensed.reduce((n, d) => n + d.packs, 0),
          ...(units === undefined ? {} : { units }),
          status: executed.status,
          dispensedAt: execution.dispensedAt,
        });
      }
    }
    return snapshot;
  }

  /** When the last invoiced dispensing was recorded (null: none yet). */
  async lastInvoicedAt(): Promise<string | null> {
    const row = await this.ex
      .selectFrom('dispensings')
      .select((eb) => eb.fn.max('created_at').as('at'))
      .where('invoice_number', 'is not', null)
      .executeTakeFirst();
    return row?.at ?? null;
  }

  /** In the validating transaction: the bill it computed, kept for every reprint. */
  async setBill(id: string, bill: Bill): Promise<void> {
    await this.ex
      .updateTable('dispensings')
      .set({ bill_json: JSON.stringify(bill) })
      .where('id', '=', id)
      .execute();
  }

  async count(): Promise<number> {
    return Number(
      (
        await this.ex
          .selectFrom('dispensings')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirst()
      )?.n ?? 0,
    );
  }
}

function toRecord(row: Row): Omit<DispensingRecord, 'saleLines'> {
  return {
    id: row.id,
    circuit: row.circuit,
    prescriptionId: row.prescription_id,
    renewalNumber: row.renewal_number,
    phase: row.phase,
    pharmacistRpps: row.pharmacist_rpps,
    patientNir: row.patient_nir,
    patientSource: row.patient_source,
    patientOverrideReason: row.patient_override_reason,
    prescription: row.prescription_json ? (JSON.parse(row.prescription_json) as Prescription) : null,
    execution: row.execution_json ? (JSON.parse(row.execution_json) as ExecutionBody) : null,
    complementaryInfo: row.complementary_info,
    workstation: row.workstation,
    createdAt: row.created_at,
    cancelledAt: row.cancelled_at,
    cancelReason: row.cancel_reason,
    prescribedOn: row.prescribed_on,
    prescriberRpps: row.prescriber_rpps,
    invoiceNumber: row.invoice_number,
    creditNoteNumber: row.credit_note_number,
    bill: row.bill_json ? (JSON.parse(row.bill_json) as Bill) : null,
  };
}
