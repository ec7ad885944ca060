import type { ClassifiedCode, UnknownReason } from '../../shared/codes/code-kinds.js';
import { formatPrescriptionId } from '../../shared/ids/prescription-id.js';

const UNKNOWN: Record<UnknownReason, string> = {
  EMPTY: 'Lecture vide : relisez le code.',
  TOO_LONG: 'Code refusé : il est anormalement long.',
  INVALID_ENCODING: 'Code refusé : caractères illisibles.',
  CONTROL_CHARACTERS: 'Code refusé : il contient des caractères de contrôle.',
  BAD_CHECK_CHARACTER: 'Numéro d’ordonnance illisible (caractère de contrôle faux) : saisissez le numéro imprimé sous le QR code.',
  APCV_MALFORMED: 'QR code appli carte Vitale illisible : demandez au patient d’en afficher un nouveau.',
  TIERS_PAYANT_MALFORMED: 'Attestation de tiers payant illisible.',
  GS1_UNKNOWN_AI: 'Code de boîte illisible.',
  GS1_BAD_FIELD: 'Code de boîte illisible.',
  GS1_DUPLICATE_AI: 'Code de boîte illisible.',
  GS1_NOT_A_MEDICINE_PACK: 'Ce code n’est pas celui d’une boîte de médicament.',
  UNRECOGNIZED: 'Code non reconnu : ce n’est pas une ordonnance numérique.',
};

/** One French sentence per kind of read, for the screen and the screen reader. */
export function describeRead(code: ClassifiedCode): string {
  switch (code.kind) {
    case 'eprescription':
      return `Ordonnance numérique lue : ${formatPrescriptionId(code.id)}.`;
    case 'apcv':
      return 'QR code appli carte Vitale lu.';
    case 'tiers-payant':
      return 'Attestation de tiers payant lue.';
    case 'medicine-pack':
      return `Boîte lue : CIP ${code.cip13}.`;
    case 'ins-document':
      return 'Document INS lu : ce n’est pas une ordonnance numérique.';
    case 'unknown':
      return UNKNOWN[code.reason];
  }
}
