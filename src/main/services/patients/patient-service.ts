import { classifyCode } from '../../../shared/codes/classify.js';
import { AppError } from '../../../shared/contract/result.js';
import type { PatientView } from '../../../shared/contract/counter-schemas.js';
import type { Store } from '../store/store.js';
import type { Organisme, Patient, TiersPayantCertificate } from '../store/patients.js';
import type { TiersPayantForm, TiersPayantView } from '../../../shared/contract/tiers-payant-schemas.js';
import { parisToday } from '../../../shared/format/paris-date.js';
import { TeleserviceError, type TeleserviceClient } from '../teleservice/teleservice-client.js';
import type { VitaleReader } from './vitale-reader.js';
import { organismeCode } from '../claims/fse-builder.js';
import { fseSchema } from '../../../shared/claims/claims-schemas.js';

/** « Appel du patient »: search, creation on the spot, Carte Vitale, Appli carte Vitale. */
export class PatientService {
  constructor(
    private readonly store: Store,
    private readonly client: TeleserviceClient,
    private readonly vitale: VitaleReader,
    private readonly pharmacistRpps: () => string,
  ) {}

  /** What the renderer sees of a patient, with the NIR of the insured person an ayant droit depends on. */
  private async view(p: Patient): Promise<PatientView> {
    return {
      id: p.id,
      nir: p.nir,
      lastName: p.lastName,
      firstName: p.firstName,
      birthDate: p.birthDate,
      sex: p.sex,
      source: p.source,
      beneficiaryOfNir: p.beneficiaryOf ? ((await this.store.patients.byId(p.beneficiaryOf))?.nir ?? null) : null,
      relationship: p.relationship,
      address: p.address,
      organisme: p.organisme,
    };
  }

  async search(query: string): Promise<PatientView[]> {
    return Promise.all((await this.store.patients.search(query, 20)).map((p) => this.view(p)));
  }

  async create(input: {
    nir: string | null;
    lastName: string;
    firstName: string;
    birthDate: string;
    sex: 'F' | 'M';
    beneficiaryOf?: number | null;
    relationship?: string | null;
    address?: string | null;
    organisme?: Organisme | null;
  }): Promise<PatientView> {
    if (input.beneficiaryOf && !(await this.store.patients.byId(input.beneficiaryOf)))
      throw new AppError('PATIENT_NOT_FOUND', 'Assuré introuvable pour cet ayant droit.');
    if (input.nir && (await this.store.patients.byNir(input.nir)))
      throw new AppError('PATIENT_EXISTS', 'Un patient porte déjà ce NIR : retrouvez-le par la recherche (F2).');
    const p = await this.store.transaction(async (tx) => {
      const created = await tx.patients.upsert({
        ...input,
        beneficiaryOf: input.beneficiaryOf ?? null,
        relationship: input.beneficiaryOf ? (input.relationship ?? 'autre') : null,
        source: 'MANUAL',
      });
      await tx.audit.append(this.pharmacistRpps(), 'patient.created', String(created.id), {
        source: 'MANUAL',
        beneficiary: created.beneficiaryOf !== null,
      });
      return created;
    });
    return this.view(p);
  }

  /** A move: the file's address changes for the registers' next entries (those written keep theirs). */
  async setAddress(patientId: number, address: string | null): Promise<PatientView> {
    const changed = await this.store.transaction(async (tx) => {
      if (!(await tx.patients.setAddress(patientId, address))) return false;
      await tx.audit.append(this.pharmacistRpps(), 'patient.address_changed', String(patientId), { address: address !== null });
      return true;
    });
    const p = changed ? await this.store.patients.byId(patientId) : null;
    if (!p) throw new AppError('PATIENT_NOT_FOUND', 'Patient introuvable : appelez-le à nouveau (F2).');
    return this.view(p);
  }

  /** The patient's organisme typed or corrected at F2 (where their FSEs go). */
  async setOrganisme(patientId: number, organisme: Organisme | null): Promise<PatientView> {
    const changed = await this.store.transaction(async (tx) => {
      if (!(await tx.patients.setOrganisme(patientId, organisme))) return false;
      // Their FSEs that waited for it leave with the next lot.
      const nir = (await tx.patients.byId(patientId))?.nir ?? null;
      // Their FSEs still here go to the new organisme; one that waited only for it (or was refused for it) leaves.
      if (organisme && nir)
        for (const f of await tx.fses.waiting())
          if (f.state === 'A_TRANSMETTRE' && f.body.beneficiary.nir === nir) {
            const cured = f.problem === null || /^Organisme|autre organisme/.test(f.problem);
            const valid = fseSchema.safeParse(f.body).success;
            const problem = !cured ? f.problem : valid ? null : 'FSE incomplète : corrigez la délivrance ou la fiche, puis « Renvoyer ».';
            await tx.fses.setDestination(f.fseNumber, f.body, organismeCode(organisme), problem);
          }
      await tx.audit.append(this.pharmacistRpps(), 'patient.organisme_changed', String(patientId), { known: organisme !== null });
      return true;
    });
    const p = changed ? await this.store.patients.byId(patientId) : null;
    if (!p) throw new AppError('PATIENT_NOT_FOUND', 'Patient introuvable : appelez-le à nouveau (F2).');
    return this.view(p);
  }

  /** An attestation de tiers payant read at the counter, attached to the called patient (re-checked here). */
  async attachTiersPayant(patientId: number, text: string): Promise<TiersPayantView> {
    const code = classifyCode(text);
    if (code.kind !== 'tiers-payant') throw new AppError('NOT_A_TIERS_PAYANT', 'Ce code n’est pas une attestation de tiers payant.');
    return this.keepTiersPayant(
      patientId,
      { amc: code.amc, conv: code.conv, csr: code.csr, adh: code.adh, validFrom: code.validFrom, validTo: code.validTo, cover: code.cover },
      'read',
    );
  }

  /** F6: the same certificate typed field by field (checked by the contract's schema). */
  async typeTiersPayant(form: TiersPayantForm): Promise<TiersPayantView> {
    const { patientId, ...certificate } = form;
    return this.keepTiersPayant(patientId, certificate, 'typed');
  }

  async tiersPayant(patientId: number): Promise<TiersPayantView | null> {
    const c = await this.store.patients.tiersPayant(patientId);
    return c ? tiersPayantView(c) : null;
  }

  private async keepTiersPayant(patientId: number, certificate: TiersPayantCertificate, how: 'read' | 'typed'): Promise<TiersPayantView> {
    if (!(await this.store.patients.byId(patientId)))
      throw new AppError('PATIENT_NOT_FOUND', 'Patient introuvable : appelez-le à nouveau (F2).');
    await this.store.transaction(async (tx) => {
      await tx.patients.setTiersPayant(patientId, certificate);
      await tx.audit.append(this.pharmacistRpps(), 'patient.tiers_payant', String(patientId), { how, amc: certificate.amc });
    });
    return tiersPayantView(certificate);
  }

  async readVitale(): Promise<PatientView> {
    const identity = await this.vitale.read();
    if (!identity) throw new AppError('VITALE_ABSENT', 'Aucune carte Vitale dans le lecteur.');
    return this.view(await this.store.patients.upsert({ ...identity, source: 'VITALE' }));
  }

  async redeemApcv(nonce: string): Promise<PatientView> {
    try {
      const b = await this.client.redeemApcv(nonce);
      return await this.view(
        await this.store.patients.upsert({
          nir: b.nir,
          lastName: b.lastName,
          firstName: b.firstName,
          birthDate: b.birthDate,
          sex: b.sex,
          source: 'APCV',
          organisme: b.regime && b.caisse && b.centre ? { regime: b.regime, caisse: b.caisse, centre: b.centre } : null,
        }),
      );
    } catch (error) {
      if (error instanceof TeleserviceError) throw new AppError(error.code, error.message);
      throw error;
    }
  }
}

function tiersPayantView(c: TiersPayantCertificate): TiersPayantView {
  const today = parisToday();
  const cover = c.cover ?? { ph7: 100, ph4: 100, ph2: 100, ph1: 100 };
  return {
    amc: c.amc,
    conv: c.conv,
    csr: c.csr,
    adh: c.adh,
    validFrom: c.validFrom,
    validTo: c.validTo,
    cover,
    valid: c.validFrom <= today && today <= c.validTo,
  };
}
