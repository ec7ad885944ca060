/** AIM symbology identifier: `]` + code letter + modifier (`]Q1` QR, `]d2` GS1 DataMatrix). */
const AIM_PREFIX = /^\][A-Za-z][0-9A-Za-z]/;

export function splitAimPrefix(text: string): { aim: string | null; data: string } {
  const match = AIM_PREFIX.exec(text);
  return match ? { aim: match[0], data: text.slice(3) } : { aim: null, data: text };
}

/** GS1 symbologies (the data is an element string): DataMatrix ]d2, QR ]Q3, GS1-128 ]C1. */
export function isGs1Aim(aim: string | null): boolean {
  return aim === ']d2' || aim === ']Q3' || aim === ']C1' || aim === ']e0';
}
