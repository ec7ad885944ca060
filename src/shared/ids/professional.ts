import { isLuhnValid } from './luhn.js';

/** RPPS: 11 digits with a Luhn key. */
export function isValidRpps(rpps: string): boolean {
  return /^[0-9]{11}$/.test(rpps) && isLuhnValid(rpps);
}

/** FINESS: 9 digits (no key is checked). */
export function isValidFiness(finess: string): boolean {
  return /^[0-9]{9}$/.test(finess);
}
