import type { PatientIdentity } from '../../../shared/teleservice/schemas.js';

/** A Carte Vitale reader (PC/SC on a real counter). Browser mode has a simulated card. */
export interface VitaleReader {
  read(): Promise<PatientIdentity | null>;
}

/** The simulated card of browser mode and the demo: always the same beneficiary. */
export function simulatedVitaleReader(identity: PatientIdentity): VitaleReader {
  return { read: async () => identity };
}
