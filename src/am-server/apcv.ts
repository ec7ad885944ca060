import { randomInt } from 'node:crypto';
import { CROCKFORD_ALPHABET } from '../shared/ids/crockford.js';

/** Lifetime of an Appli carte Vitale QR code. */
export const APCV_TTL_MS = 5 * 60 * 1000;

export function randomCrockford(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += CROCKFORD_ALPHABET[randomInt(32)];
  return out;
}

export function apcvPayload(nonce: string, expiresAtMs: number): string {
  return `APCV1:${nonce}:${Math.floor(expiresAtMs / 1000)}`;
}
