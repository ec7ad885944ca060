/** Crockford Base32 alphabet used by prescription ids and ApCV nonces (no I, L, O, U). */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function crockfordValue(char: string): number {
  return CROCKFORD_ALPHABET.indexOf(char);
}

export function isCrockford(text: string): boolean {
  return /^[0-9ABCDEFGHJKMNPQRSTVWXYZ]*$/.test(text);
}
