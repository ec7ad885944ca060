import type { PatientView } from '../../shared/contract/counter-schemas.js';
import type { Prescription } from '../../shared/teleservice/schemas.js';

const key = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();

/** The called patient is not the prescription's: by NIR when the called one has it, else by name and birth date. */
export function isPatientMismatch(called: PatientView | null, p: Prescription | undefined): boolean {
  if (!called || !p) return false;
  if (called.nir) return called.nir !== p.patient.nir;
  return key(called.lastName) !== key(p.patient.lastName) || key(called.firstName) !== key(p.patient.firstName) || called.birthDate !== p.patient.birthDate;
}

/** An ayant droit of the prescription's patient: the reason is proposed, the pharmacist confirms it. */
export function proposedOverrideReason(called: PatientView | null, p: Prescription | undefined): string {
  return called && p && called.beneficiaryOfNir === p.patient.nir ? `Ayant droit (${called.relationship ?? 'autre'}) de ${p.patient.lastName} ${p.patient.firstName}` : '';
}
