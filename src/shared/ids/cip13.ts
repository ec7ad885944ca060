/** EAN-13 key of the first 12 digits: weights 1,3,1,3… from the left. */
export function ean13Key(first12: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

/** CIP13: 13 digits starting 34009 with a valid EAN-13 key. */
export function isValidCip13(cip13: string): boolean {
  return /^34009[0-9]{8}$/.test(cip13) && ean13Key(cip13.slice(0, 12)) === Number(cip13[12]);
}

/** Builds a CIP13 from its 12 first digits. */
export function makeCip13(first12: string): string {
  return first12 + String(ean13Key(first12));
}
