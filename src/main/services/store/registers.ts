import { sql, type Selectable } from 'kysely';
import type { Executor } from './store-engine.js';
import type { StoreTables } from './store-tables.js';

export type OrdonnancierEntry = {
  number: number;
  dispensingId: string;
  kind: 'ENTRY' | 'CANCELLATION' | 'CORRECTION';
  refersTo: number | null;
  recordedAt: string;
  prescribedOn: string | null;
  prescriber: string | null;
  patient: string | null;
  patientNir: string | null;
  cip13: string;
  product: string;
  list: 'I' | 'II' | 'STUPEFIANT';
  packs: number;
  /** Who collected a stupéfiant when it was not the patient. */
  collector: string | null;
  /** The addresses of the entry's day (the files may change since; the entry never does). */
  patientAddress: string | null;
  prescriberAddress: string | null;
};

const toEntry = (r: Selectable<StoreTables['ordonnancier']>): OrdonnancierEntry => ({
  number: r.number,
  dispensingId: r.dispensing_id,
  kind: r.kind,
  refersTo: r.refers_to,
  recordedAt: r.recorded_at,
  prescribedOn: r.prescribed_on,
  prescriber: r.prescriber,
  patient: r.patient,
  patientNir: r.patient_nir,
  cip13: r.cip13,
  product: r.product,
  list: r.list,
  packs: r.packs,
  collector: r.collector,
  patientAddress: r.patient_address,
  prescriberAddress: r.prescriber_address,
});

export type OrdonnancierFilter = { from?: string | null; to?: string | null; patient?: string | null; product?: string | null };

/** Invoice numbers and the ordonnancier: the pharmacy's numbered registers. */
export class RegistersRepository {
  constructor(private readonly ex: Executor) {}

  /**
   * The next number of a register. Called inside the dispensing's transaction: the row stays locked
   * until it ends (other counters wait their turn), and a rollback or a crash takes the number
   * back, so there is never a gap nor a second use.
   */
  async next(register: 'invoice' | 'ordonnancier'): Promise<number> {
    if (!this.ex.isTransaction) throw new Error('a register number is taken inside the dispensing’s transaction');
    const row = await this.ex
      .updateTable('sequences')
      .set((eb) => ({ value: eb('value', '+', 1) }))
      .where('name', '=', register)
      .returning('value')
      .executeTakeFirstOrThrow();
    return row.value;
  }

  /** The last number issued of each register. */
  async lastNumbers(): Promise<Record<'invoice' | 'ordonnancier', number>> {
    const rows = await this.ex.selectFrom('sequences').select(['name', 'value']).where('name', 'in', ['invoice', 'ordonnancier']).execute();
    const of = (name: string) => rows.find((r) => r.name === name)?.value ?? 0;
    return { invoice: of('invoice'), ordonnancier: of('ordonnancier') };
  }

  /**
   * A counter moving between its file and the pharmacy's server: the registers it joins go on after
   * the last numbers the other issued, so no number is ever issued twice for the pharmacy.
   */
  async continueAfter(last: Record<'invoice' | 'ordonnancier', number>): Promise<void> {
    for (const name of ['invoice', 'ordonnancier'] as const) {
      await this.ex.updateTable('sequences').set({ value: last[name] }).where('name', '=', name).where('value', '<', last[name]).execute();
    }
  }

  async write(entry: Omit<OrdonnancierEntry, 'number'>): Promise<number> {
    const number = await this.next('ordonnancier');
    await this.ex
      .insertInto('ordonnancier')
      .values({
        number,
        dispensing_id: entry.dispensingId,
        kind: entry.kind,
        refers_to: entry.refersTo,
        recorded_at: entry.recordedAt,
        prescribed_on: entry.prescribedOn,
        prescriber: entry.prescriber,
        patient: entry.patient,
        patient_nir: entry.patientNir,
        cip13: entry.cip13,
        product: entry.product,
        list: entry.list,
        packs: entry.packs,
        collector: entry.collector,
        patient_address: entry.patientAddress,
        prescriber_address: entry.prescriberAddress,
      })
      .execute();
    return number;
  }

  async ofDispensing(dispensingId: string): Promise<OrdonnancierEntry[]> {
    return (await this.ex.selectFrom('ordonnancier').selectAll().where('dispensing_id', '=', dispensingId).orderBy('number').execute()).map(
      toEntry,
    );
  }

  /** « Ordonnancier »: by date range (days, inclusive), patient and product, in register order. */
  async list(filter: OrdonnancierFilter, limit = 500): Promise<OrdonnancierEntry[]> {
    const like = (s: string | null | undefined): string =>
      `%${(s ?? '')
        .trim()
        .toLowerCase()
        .replace(/[%_\\]/g, '')}%`;
    const rows = await this.ex
      .selectFrom('ordonnancier')
      .selectAll()
      .where(sql`substr(recorded_at, 1, 10)`, '>=', filter.from || '0000-00-00')
      .where(sql`substr(recorded_at, 1, 10)`, '<=', filter.to || '9999-99-99')
      .where(sql`lower(coalesce(patient, '') || ' ' || coalesce(patient_nir, ''))`, 'like', like(filter.patient))
      .where(sql`lower(product || ' ' || cip13)`, 'like', like(filter.product))
      .orderBy('number')
      .limit(limit)
      .execute();
    return rows.map(toEntry);
  }

  /** The facturation's number on its dispensing (taken in the same transaction). */
  async setInvoiceNumber(dispensingId: string, invoiceNumber: number): Promise<void> {
    await this.ex.updateTable('dispensings').set({ invoice_number: invoiceNumber }).where('id', '=', dispensingId).execute();
  }
}
