import { CROCKFORD_ALPHABET, crockfordValue, isCrockford } from './crockford.js';

/** The numéro unique de prescription: `01` + 15 Crockford chars + 1 check char (18 in all). */
export const PRESCRIPTION_ID_LENGTH = 18;
const PREFIX = '01';

/**
 * Luhn mod 32 check character over the first 17 chars: factor 2 on the rightmost, alternating;
 * addend = a div 32 + a mod 32; check = (32 − sum mod 32) mod 32.
 */
export function prescriptionCheckChar(body17: string): string {
  let sum = 0;
  let factor = 2;
  for (let i = body17.length - 1; i >= 0; i--) {
    const value = crockfordValue(body17[i] ?? '');
    if (value < 0) throw new RangeError(`not a Crockford character: ${body17[i] ?? ''}`);
    const addend = value * factor;
    sum += Math.floor(addend / 32) + (addend % 32);
    factor = factor === 2 ? 1 : 2;
  }
  return CROCKFORD_ALPHABET[(32 - (sum % 32)) % 32] ?? '0';
}

export type PrescriptionIdProblem = 'FORMAT' | 'BAD_CHECK_CHARACTER';

/** Checks an id as read (no normalisation): null when valid, else what is wrong. */
export function prescriptionIdProblem(id: string): PrescriptionIdProblem | null {
  if (id.length !== PRESCRIPTION_ID_LENGTH || !id.startsWith(PREFIX) || !isCrockford(id)) return 'FORMAT';
  return prescriptionCheckChar(id.slice(0, 17)) === id[17] ? null : 'BAD_CHECK_CHARACTER';
}

export function isValidPrescriptionId(id: string): boolean {
  return prescriptionIdProblem(id) === null;
}

/** True when the text has the shape of an id (right length, prefix and alphabet), whatever its check char. */
export function looksLikePrescriptionId(id: string): boolean {
  return id.length === PRESCRIPTION_ID_LENGTH && id.startsWith(PREFIX) && isCrockford(id);
}

/** Builds a valid id from 15 Crockford chars (the server draws them). */
export function makePrescriptionId(random15: string): string {
  const body = PREFIX + random15;
  if (random15.length !== 15 || !isCrockford(random15)) throw new RangeError('15 Crockford characters expected');
  return body + prescriptionCheckChar(body);
}

/**
 * Manual entry of the printed number: trim, upper-case, drop spaces and dashes, read O as 0,
 * I and L as 1; anything else outside the alphabet is rejected (null).
 */
export function normalizeTypedPrescriptionId(typed: string): string | null {
  const compact = typed
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '');
  const mapped = compact.replace(/O/g, '0').replace(/[IL]/g, '1');
  if (mapped.length === 0 || !isCrockford(mapped)) return null;
  return mapped;
}

/** Printed form under the QR: groups of four, `013X-J9K2-M4P6-R8T0-V0`. */
export function formatPrescriptionId(id: string): string {
  return id.match(/.{1,4}/g)?.join('-') ?? id;
}
