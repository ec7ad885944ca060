/** Money is integer cents; a share of it is rounded to the cent, half away from zero (billing.md). */
export function shareOf(cents: number, percent: number): number {
  const scaled = cents * percent;
  return Math.sign(scaled) * Math.floor((Math.abs(scaled) + 50) / 100);
}

/** « 12,50 € » from 1250; parsing « 12,50 » / « 12.5 » back to cents (null when not an amount). */
export function parseEuros(text: string): number | null {
  const m = /^\s*(\d{1,7})(?:[.,](\d{1,2}))?\s*(?:€)?\s*$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
}
