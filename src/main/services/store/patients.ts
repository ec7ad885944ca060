import { z } from 'zod';
import { isValidNir } from '../../../shared/ids/nir.js';
import { isoDate } from '../../../shared/teleservice/schemas.js';
import { PatientSearch, searchKey } from './patient-search.js';
import type { StoreDb } from './store-database.js';


export const patientInputSchema = z.object({
  nir: z.string().refine(isValidNir, 'NIR invalide (clé incorrecte)').nullable(),
  lastName: z.string().trim().min(1).max(100),
  firstName: z.string().trim().min(1).max(100),
  birthDate: isoDate,
  sex: z.enum(['F', 'M']),
  source: z.enum(['VITALE', 'APCV', 'MANUAL']),
  beneficiaryOf: z.number().int().positive().nullable().default(null),
  relationship: z.string().max(60).nullable().default(null),
});
export type PatientInput = z.input<typeof patientInputSchema>;
export type Patient = z.infer<typeof patientInputSchema> & { id: number };
export type TiersPayantCertificate = { amc: string; conv: string; csr: string; adh: string; validFrom: string; validTo: string; cover?: { ph7: number; ph4: number; ph2: number; ph1: number } };

type Row = { id: number; nir: string | null; last_name: string; first_name: string; birth_date: string; sex: 'F' | 'M'; source: Patient['source']; beneficiary_of: number | null; relationship: string | null };
const toPatient = (r: Row): Patient => ({ id: r.id, nir: r.nir, lastName: r.last_name, firstName: r.first_name, birthDate: r.birth_date, sex: r.sex, source: r.source, beneficiaryOf: r.beneficiary_of, relationship: r.relationship });

/** The pharmacy's patients, found as the pharmacist types (name, birth date or NIR). */
export class PatientsRepository {
  private readonly searcher: PatientSearch<Row>;

  constructor(private readonly db: StoreDb) {
    this.searcher = new PatientSearch<Row>(db);
  }

  /** Creates the patient, or updates the one with the same NIR (a Carte Vitale read again). */
  upsert(input: PatientInput, now = new Date().toISOString()): Patient {
    const p = patientInputSchema.parse(input);
    const existing = p.nir ? this.byNir(p.nir) : null;
    if (existing) {
      this.db
        .prepare('UPDATE patients SET last_name = ?, first_name = ?, last_name_key = ?, first_name_key = ?, birth_date = ?, sex = ?, source = ?, updated_at = ? WHERE id = ?')
        .run(p.lastName, p.firstName, searchKey(p.lastName), searchKey(p.firstName), p.birthDate, p.sex, p.source, now, existing.id);
      return { ...p, id: existing.id };
    }
    const info = this.db
      .prepare('INSERT INTO patients (nir, last_name, first_name, last_name_key, first_name_key, birth_date, sex, source, beneficiary_of, relationship, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(p.nir, p.lastName, p.firstName, searchKey(p.lastName), searchKey(p.firstName), p.birthDate, p.sex, p.source, p.beneficiaryOf, p.relationship, now, now);
    return { ...p, id: Number(info.lastInsertRowid) };
  }

  byNir(nir: string): Patient | null {
    const row = this.db.prepare<[string], Row>('SELECT * FROM patients WHERE nir = ?').get(nir);
    return row ? toPatient(row) : null;
  }

  byId(id: number): Patient | null {
    const row = this.db.prepare<[number], Row>('SELECT * FROM patients WHERE id = ?').get(id);
    return row ? toPatient(row) : null;
  }

  beneficiariesOf(id: number): Patient[] {
    return this.db.prepare<[number], Row>('SELECT * FROM patients WHERE beneficiary_of = ? ORDER BY last_name, first_name').all(id).map(toPatient);
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM patients').get() as { n: number }).n;
  }

  /** The mutuelle's certificate (attestation de tiers payant) of a patient, replaced by each new read. */
  setTiersPayant(patientId: number, c: TiersPayantCertificate, readAt = new Date().toISOString()): void {
    this.db
      .prepare(
        `INSERT INTO tiers_payant_certificates (patient_id, amc, conv, csr, adh, valid_from, valid_to, read_at, ph7, ph4, ph2, ph1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(patient_id) DO UPDATE SET amc = excluded.amc, conv = excluded.conv, csr = excluded.csr, adh = excluded.adh, valid_from = excluded.valid_from, valid_to = excluded.valid_to, read_at = excluded.read_at,
           ph7 = excluded.ph7, ph4 = excluded.ph4, ph2 = excluded.ph2, ph1 = excluded.ph1`,
      )
      .run(patientId, c.amc, c.conv, c.csr, c.adh, c.validFrom, c.validTo, readAt, c.cover?.ph7 ?? 100, c.cover?.ph4 ?? 100, c.cover?.ph2 ?? 100, c.cover?.ph1 ?? 100);
  }

  tiersPayant(patientId: number): TiersPayantCertificate | null {
    const row = this.db
      .prepare<[number], { amc: string; conv: string; csr: string; adh: string; valid_from: string; valid_to: string; ph7: number; ph4: number; ph2: number; ph1: number }>('SELECT * FROM tiers_payant_certificates WHERE patient_id = ?')
      .get(patientId);
    return row ? { amc: row.amc, conv: row.conv, csr: row.csr, adh: row.adh, validFrom: row.valid_from, validTo: row.valid_to, cover: { ph7: row.ph7, ph4: row.ph4, ph2: row.ph2, ph1: row.ph1 } } : null;
  }

  /** Search as you type by name, NIR or birth date dd/mm/yyyy, ranked (see patient-search.ts). */
  search(query: string, limit = 20): Patient[] {
    return this.searcher.search(query, limit).map(toPatient);
  }
}

