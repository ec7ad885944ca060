import { z } from 'zod';
import { isValidNir } from '../../../shared/ids/nir.js';
import { isoDate } from '../../../shared/teleservice/schemas.js';
import { searchPatients, searchKey } from './patient-search.js';
import type { Executor, StoreEngine } from './store-engine.js';

export const organismeSchema = z.object({
  regime: z.string().regex(/^[0-9]{2}$/, 'régime : 2 chiffres'),
  caisse: z.string().regex(/^[0-9]{3}$/, 'caisse : 3 chiffres'),
  centre: z.string().regex(/^[0-9]{4}$/, 'centre : 4 chiffres'),
});
export type Organisme = z.infer<typeof organismeSchema>;

export const patientInputSchema = z.object({
  nir: z.string().refine(isValidNir, 'NIR invalide (clé incorrecte)').nullable(),
  lastName: z.string().trim().min(1).max(100),
  firstName: z.string().trim().min(1).max(100),
  birthDate: isoDate,
  sex: z.enum(['F', 'M']),
  source: z.enum(['VITALE', 'APCV', 'MANUAL']),
  beneficiaryOf: z.number().int().positive().nullable().default(null),
  relationship: z.string().max(60).nullable().default(null),
  /** Where the patient lives, as the ordonnancier records it (one line: « 12 rue des Lilas, 69003 Lyon »). */
  address: z.string().trim().max(200).nullable().default(null),
  /** Where their FSEs go (claims.md): from the Carte Vitale, the ApCV, or typed at F2. */
  organisme: organismeSchema.nullable().default(null),
});
export type PatientInput = z.input<typeof patientInputSchema>;
export type Patient = z.infer<typeof patientInputSchema> & { id: number };
export type TiersPayantCertificate = {
  amc: string;
  conv: string;
  csr: string;
  adh: string;
  validFrom: string;
  validTo: string;
  cover?: { ph7: number; ph4: number; ph2: number; ph1: number };
};

type Row = {
  id: number;
  nir: string | null;
  last_name: string;
  first_name: string;
  birth_date: string;
  sex: 'F' | 'M';
  source: Patient['source'];
  beneficiary_of: number | null;
  relationship: string | null;
  address: string | null;
  regime: string | null;
  caisse: string | null;
  centre: string | null;
};
const toPatient = (r: Row): Patient => ({
  id: r.id,
  nir: r.nir,
  lastName: r.last_name,
  firstName: r.first_name,
  birthDate: r.birth_date,
  sex: r.sex,
  source: r.source,
  beneficiaryOf: r.beneficiary_of,
  relationship: r.relationship,
  address: r.address,
  organisme: r.regime && r.caisse && r.centre ? { regime: r.regime, caisse: r.caisse, centre: r.centre } : null,
});

/** The pharmacy's patients, found as the pharmacist types (name, birth date or NIR). */
export class PatientsRepository {
  constructor(
    private readonly ex: Executor,
    private readonly engine: StoreEngine,
  ) {}

  /**
   * Creates the patient, or updates the one with the same NIR (a Carte Vitale read again: the card
   * holds no address, so the file's one is kept).
   */
  async upsert(input: PatientInput, now = new Date().toISOString()): Promise<Patient> {
    const p = patientInputSchema.parse(input);
    const existing = p.nir ? await this.byNir(p.nir) : null;
    const keys = {
      last_name: p.lastName,
      first_name: p.firstName,
      last_name_key: searchKey(p.lastName),
      first_name_key: searchKey(p.firstName),
      birth_date: p.birthDate,
      sex: p.sex,
      source: p.source,
      updated_at: now,
    };
    if (existing) {
      const address = p.address ?? existing.address;
      const organisme = p.organisme ?? existing.organisme;
      await this.ex
        .updateTable('patients')
        .set({ ...keys, address, ...organismeColumns(organisme) })
        .where('id', '=', existing.id)
        .execute();
      return { ...p, address, organisme, id: existing.id };
    }
    const row = await this.ex
      .insertInto('patients')
      .values({
        ...keys,
        nir: p.nir,
        beneficiary_of: p.beneficiaryOf,
        relationship: p.relationship,
        address: p.address,
        ...organismeColumns(p.organisme),
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { ...p, id: row.id };
  }

  async byNir(nir: string): Promise<Patient | null> {
    const row = await this.ex.selectFrom('patients').selectAll().where('nir', '=', nir).executeTakeFirst();
    return row ? toPatient(row) : null;
  }

  async byId(id: number): Promise<Patient | null> {
    const row = await this.ex.selectFrom('patients').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toPatient(row) : null;
  }

  /** The patient file's address, changed at the counter (a move); false when no such patient. */
  async setAddress(id: number, address: string | null, now = new Date().toISOString()): Promise<boolean> {
    const result = await this.ex.updateTable('patients').set({ address, updated_at: now }).where('id', '=', id).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** The patient's organisme, typed or corrected at the counter; false when no such patient. */
  async setOrganisme(id: number, organisme: Organisme | null, now = new Date().toISOString()): Promise<boolean> {
    const result = await this.ex
      .updateTable('patients')
      .set({ ...organismeColumns(organisme), updated_at: now })
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async beneficiariesOf(id: number): Promise<Patient[]> {
    return (
      await this.ex.selectFrom('patients').selectAll().where('beneficiary_of', '=', id).orderBy('last_name').orderBy('first_name').execute()
    ).map(toPatient);
  }

  async count(): Promise<number> {
    return Number(
      (
        await this.ex
          .selectFrom('patients')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirst()
      )?.n ?? 0,
    );
  }

  /** The mutuelle's certificate (attestation de tiers payant) of a patient, replaced by each new read. */
  async setTiersPayant(patientId: number, c: TiersPayantCertificate, readAt = new Date().toISOString()): Promise<void> {
    const values = {
      amc: c.amc,
      conv: c.conv,
      csr: c.csr,
      adh: c.adh,
      valid_from: c.validFrom,
      valid_to: c.validTo,
      read_at: readAt,
      ph7: c.cover?.ph7 ?? 100,
      ph4: c.cover?.ph4 ?? 100,
      ph2: c.cover?.ph2 ?? 100,
      ph1: c.cover?.ph1 ?? 100,
    };
    await this.ex
      .insertInto('tiers_payant_certificates')
      .values({ patient_id: patientId, ...values })
      .onConflict((oc) => oc.column('patient_id').doUpdateSet(values))
      .execute();
  }

  async tiersPayant(patientId: number): Promise<TiersPayantCertificate | null> {
    const row = await this.ex.selectFrom('tiers_payant_certificates').selectAll().where('patient_id', '=', patientId).executeTakeFirst();
    return row
      ? {
          amc: row.amc,
          conv: row.conv,
          csr: row.csr,
          adh: row.adh,
          validFrom: row.valid_from,
          validTo: row.valid_to,
          cover: { ph7: row.ph7, ph4: row.ph4, ph2: row.ph2, ph1: row.ph1 },
        }
      : null;
  }

  /** Search as you type by name, NIR or birth date dd/mm/yyyy, ranked (see patient-search.ts). */
  async search(query: string, limit = 20): Promise<Patient[]> {
    return (await searchPatients(this.ex, this.engine, query, limit)).map(toPatient);
  }
}

const organismeColumns = (o: Organisme | null) => ({ regime: o?.regime ?? null, caisse: o?.caisse ?? null, centre: o?.centre ?? null });
