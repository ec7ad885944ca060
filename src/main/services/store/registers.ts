import type { StoreDb } from './store-database.js';

export type OrdonnancierEntry = {
  number: number;
  dispensingId: string;
  kind: 'ENTRY' | 'CANCELLATION';
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
};

type Row = {
  number: number; dispensing_id: string; kind: OrdonnancierEntry['kind']; refers_to: number | null; recorded_at: string; prescribed_on: string | null; prescriber: string | null;
  patient: string | null; patient_nir: string | null; cip13: string; product: string; list: OrdonnancierEntry['list']; packs: number; collector: string | null;
};
const toEntry = (r: Row): OrdonnancierEntry => ({
  number: r.number, dispensingId: r.dispensing_id, kind: r.kind, refersTo: r.refers_to, recordedAt: r.recorded_at, prescribedOn: r.prescribed_on, prescriber: r.prescriber,
  patient: r.patient, patientNir: r.patient_nir, cip13: r.cip13, product: r.product, list: r.list, packs: r.packs, collector: r.collector,
});

export type OrdonnancierFilter = { from?: string | null; to?: string | null; patient?: string | null; product?: string | null };

/** Invoice numbers and the ordonnancier: the pharmacy's numbered registers. */
export class RegistersRepository {
  constructor(private readonly db: StoreDb) {}

  /**
   * The next number of a register. Called inside the dispensing's transaction (BEGIN IMMEDIATE):
   * a rollback or a crash takes the number back, so there is never a gap nor a second use.
   */
  next(register: 'invoice' | 'ordonnancier'): number {
    if (!this.db.inTransaction) throw new Error('a register number is taken inside the dispensing’s transaction');
    return this.db.prepare<[string], { value: number }>('UPDATE sequences SET value = value + 1 WHERE name = ? RETURNING value').get(register)!.value;
  }

  write(entry: Omit<OrdonnancierEntry, 'number'>): number {
    const number = this.next('ordonnancier');
    this.db
      .prepare(
        `INSERT INTO ordonnancier (number, dispensing_id, kind, refers_to, recorded_at, prescribed_on, prescriber, patient, patient_nir, cip13, product, list, packs, collector)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(number, entry.dispensingId, entry.kind, entry.refersTo, entry.recordedAt, entry.prescribedOn, entry.prescriber, entry.patient, entry.patientNir, entry.cip13, entry.product, entry.list, entry.packs, entry.collector);
    return number;
  }

  ofDispensing(dispensingId: string): OrdonnancierEntry[] {
    return this.db.prepare<[string], Row>('SELECT * FROM ordonnancier WHERE dispensing_id = ? ORDER BY number').all(dispensingId).map(toEntry);
  }

  /** « Ordonnancier »: by date range (days, inclusive), patient and product, in register order. */
  list(filter: OrdonnancierFilter, limit = 500): OrdonnancierEntry[] {
    const like = (s: string | null | undefined): string => `%${(s ?? '').trim().toLowerCase().replace(/[%_]/g, '')}%`;
    return this.db
      .prepare<[string, string, string, string, number], Row>(
        `SELECT * FROM ordonnancier WHERE substr(recorded_at, 1, 10) >= ? AND substr(recorded_at, 1, 10) <= ?
           AND lower(coalesce(patient, '') || ' ' || coalesce(patient_nir, '')) LIKE ? AND lower(product || ' ' || cip13) LIKE ?
         ORDER BY number LIMIT ?`,
      )
      .all(filter.from || '0000-00-00', filter.to || '9999-99-99', like(filter.patient), like(filter.product), limit)
      .map(toEntry);
  }
}
