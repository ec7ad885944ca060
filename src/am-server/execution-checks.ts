import type { ExecutionBody } from '../shared/teleservice/schemas.js';
import { errors } from './errors.js';
import { isRenewalServed, remainingUnits, unitsPerPack, type ExecutionFacts, type StoredPrescription } from './prescription-state.js';
import { validationError } from './validation.js';

const SUBSTITUTIONS = new Set(['GENERIC_SUBSTITUTION', 'BIOSIMILAR_SUBSTITUTION']);

/** Every line once, none unknown, statuses consistent with what is dispensed. */
export function checkLines(p: StoredPrescription, body: ExecutionBody): void {
  const known = new Set(p.lines.map((l) => l.lineId));
  const seen = new Set<string>();
  body.lines.forEach((line, i) => {
    if (!known.has(line.lineId)) throw errors.unknownLine(line.lineId);
    if (seen.has(line.lineId)) throw validationError([{ field: `lines[${i}].lineId`, message: `ligne ${line.lineId} en double` }]);
    seen.add(line.lineId);
    const dispensing = line.status !== 'NOT_DISPENSED';
    if (dispensing && line.dispensed.length === 0)
      throw validationError([{ field: `lines[${i}].dispensed`, message: 'produit délivré manquant' }]);
    if (!dispensing && line.dispensed.length > 0)
      throw validationError([{ field: `lines[${i}].dispensed`, message: 'une ligne non délivrée ne porte pas de produit' }]);
    // Units count what was handed out; another pack than the prescribed one must say how many.
    const prescribed = p.lines.find((l) => l.lineId === line.lineId);
    const unitless = line.dispensed.flatMap((d, j) => (d.cip13 !== prescribed?.product.cip13 && d.units === undefined ? [j] : []));
    if (unitless.length > 0)
      throw validationError(
        unitless.map((j) => ({
          field: `lines[${i}].dispensed[${j}].units`,
          message: 'unités obligatoires pour un autre produit que celui prescrit',
        })),
      );
  });
  const missing = [...known].filter((id) => !seen.has(id));
  if (missing.length > 0) throw errors.missingLines(missing);
}

export function checkRenewal(p: StoredPrescription, body: ExecutionBody): void {
  for (const line of body.lines) {
    const prescribed = p.lines.find((l) => l.lineId === line.lineId);
    if (prescribed && line.status !== 'NOT_DISPENSED' && body.renewalNumber > prescribed.repeats) {
      throw errors.renewalNotAllowed(line.lineId, prescribed.repeats);
    }
  }
}

/** Reasons, prescriber agreements and the substitution right, line by line. */
export function checkDeviations(p: StoredPrescription, body: ExecutionBody, execs: ExecutionFacts[]): void {
  for (const line of body.lines) {
    const prescribed = p.lines.find((l) => l.lineId === line.lineId);
    if (!prescribed) continue;
    const { type, reason, prescriberAgreement } = line.deviation;
    const hasReason = typeof reason === 'string' && reason.trim().length > 0;
    const stillDue = body.renewalNumber <= prescribed.repeats && !isRenewalServed(prescribed, execs, body.renewalNumber);
    if (type !== 'NONE' && !hasReason) throw errors.reasonRequired(line.lineId);
    if (type === 'NONE' && line.status === 'NOT_DISPENSED' && stillDue) throw errors.reasonRequired(line.lineId);
    const productChanged = line.dispensed.some((d) => d.cip13 !== prescribed.product.cip13);
    const agreed = prescriberAgreement !== null && prescriberAgreement !== undefined;
    if (!prescribed.substitutable && SUBSTITUTIONS.has(type) && !agreed) throw errors.notSubstitutable(line.lineId);
    if (type === 'POSOLOGY_CHANGED' && !agreed) throw errors.agreementRequired(line.lineId);
    if (!prescribed.substitutable && productChanged && !agreed) throw errors.agreementRequired(line.lineId);
  }
}

/**
 * Units, not boxes: partial dispensings add up to a renewal's due; a large pack (LARGE_PACK) may
 * go on to the following renewals; beyond what remains is refused.
 */
export function checkQuantities(p: StoredPrescription, body: ExecutionBody, execs: ExecutionFacts[]): void {
  for (const line of body.lines) {
    const prescribed = p.lines.find((l) => l.lineId === line.lineId);
    if (!prescribed || line.status === 'NOT_DISPENSED') continue;
    if (isRenewalServed(prescribed, execs, body.renewalNumber)) {
      throw errors.alreadyDispensed({ lineId: line.lineId, renewalNumber: body.renewalNumber });
    }
    const units = line.dispensed.reduce((sum, d) => sum + (d.units ?? d.packs * unitsPerPack(prescribed)), 0);
    const remaining = remainingUnits(prescribed, execs, body.renewalNumber, line.deviation.type === 'LARGE_PACK');
    if (units > remaining) throw errors.quantityExceeded(line.lineId, remaining);
  }
}
