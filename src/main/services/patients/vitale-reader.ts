import type { PatientIdentity } from '../../../shared/teleservice/schemas.js';
import type { Organisme } from '../store/patients.js';

/** What a Carte Vitale holds: the beneficiary and their organisme (régime, caisse, centre). */
export type VitaleIdentity = PatientIdentity & { organisme?: Organisme | null };

/** A Carte Vitale reader (PC/SC on a real counter). Browser mode has a simulated card. */
export interface VitaleReader {
  read(): Promise<VitaleIdentity | null>;
}

/** The simulated card of browser mode and the demo: always the same beneficiary. */
export function simulatedVitaleReader(identity: VitaleIdentity): VitaleReader {
  return { read: async () => identity };
}
