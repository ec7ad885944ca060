import type { PatientIdentity, Prescription } from '../teleservice/schemas.js';
import type { CounterPatient } from './dispensing-types.js';

const key = (s: string | undefined): string =>
  (s ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();

/**
 * The called patient is not the prescription's: by NIR when the called one has it, else by name and
 * birth date (a patient created without NIR). Nobody called: nothing to compare.
 */
export function isPatientMismatch(called: CounterPatient | null, patient: PatientIdentity): boolean {
  if (!called) return false;
  if (called.nir) return called.nir !== patient.nir;
  if (called.lastName === undefined && called.birthDate === undefined) return false;
  return (
    key(called.lastName) !== key(patient.lastName) ||
    key(called.firstName) !== key(patient.firstName) ||
    called.birthDate !== patient.birthDate
  );
}

/** An ayant droit of the prescription's patient: the reason is proposed, the pharmacist confirms it. */
export function proposedOverrideReason(
  called: { beneficiaryOfNir: string | null; relationship: string | null } | null,
  p: Prescription | undefined,
): string {
  return called && p && called.beneficiaryOfNir === p.patient.nir
    ? `Ayant droit (${called.relationship ?? 'autre'}) de ${p.patient.lastName} ${p.patient.firstName}`
    : '';
}
