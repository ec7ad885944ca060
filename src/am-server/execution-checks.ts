import type { ExecutionBody } from '../shared/teleservice/schemas.js';
import { errors } from './errors.js';
import { isRenewalServed, servedPacks, type ExecutionFacts, type StoredPrescription } from './prescription-state.js';
import { validationError } from './validation.js';

const SUBSTITUTIONS = new Set(['GENERIC_SUBSTITUTION', 'BIOSIMILAR_SUBSTITUTION']);

/** Every line once, none unknown, statuses consistent with what is dispensed. */
export function checkLines(p: StoredPrescription, body: ExecutionBody): void {
  const known = new Set(p.lines.map((l) => l.lineId));
  const seen = new Set<string>();
  for (const line of body.lines) {
    if (!known.has(line.lineId)) throw errors.unknownLine(line.lineId);
    if (seen.has(line.lineId)) throw validationError([{ field: 'lines', message: `ligne ${line.lineId} en double` }]);
    seen.add(line.lineId);
    const dispensing = line.status !== 'NOT_DISPENSED';
    if (dispensing && line.dispensed.length === 0) throw validationError([{ field: `lines.${line.lineId}.dispensed`, message: 'produit délivré manquant' }]);
    if (!dispensing && line.dispensed.length > 0) throw validationError([{ field: `lines.${line.lineId}.dispensed`, message: 'une ligne non délivrée ne porte pas de produit' }]);
  }
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

/** Partial dispensings add up to the prescribed quantity, never beyond it. */
export function checkQuantities(p: StoredPrescription, body: ExecutionBody, execs: ExecutionFacts[]): void {
  for (const line of body.lines) {
    const prescribed = p.lines.find((l) => l.lineId === line.lineId);
    if (!prescribed || line.status === 'NOT_DISPENSED') continue;
    if (isRenewalServed(prescribed, execs, body.renewalNumber)) {
      throw errors.alreadyDispensed({ lineId: line.lineId, renewalNumber: body.renewalNumber });
    }
    const packs = line.dispensed.reduce((sum, d) => sum + d.packs, 0);
    const remaining = prescribed.quantity - servedPacks(execs, line.lineId, body.renewalNumber);
    if (packs > remaining) throw errors.quantityExceeded(line.lineId, remaining);
  }
}
