/** NIR: 13 chars (Corsica `2A`/`2B` in the department) + 2-digit key = 97 − (number mod 97). */
export function nirKey(nir13: string): string | null {
  if (!/^[1-8][0-9]{4}(?:[0-9]{2}|2A|2B)[0-9]{6}$/.test(nir13)) return null;
  const numeric = nir13.replace('2A', '19').replace('2B', '18');
  const key = 97n - (BigInt(numeric) % 97n);
  return key.toString().padStart(2, '0');
}

export function isValidNir(nir: string): boolean {
  if (nir.length !== 15) return false;
  const key = nirKey(nir.slice(0, 13));
  return key !== null && key === nir.slice(13);
}

/** Shown grouped the way the card prints it: `2 79 03 51 215 189 89`. */
export function formatNir(nir: string): string {
  if (nir.length !== 15) return nir;
  return [nir[0], nir.slice(1, 3), nir.slice(3, 5), nir.slice(5, 7), nir.slice(7, 10), nir.slice(10, 13), nir.slice(13)].join(' ');
}
