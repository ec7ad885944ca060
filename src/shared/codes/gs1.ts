/** GS1 element strings as medicine packs carry them (GS = 0x1D ends a variable field). */
export const GS = '\u001d';

/** Fixed-length AIs (data length) that a pack may carry; every other known AI is variable. */
const FIXED_LENGTH: Record<string, number> = { '00': 18, '01': 14, '02': 14, '11': 6, '13': 6, '15': 6, '16': 6, '17': 6 };
/** Variable-length AIs with their maximum length. */
const VARIABLE_MAX: Record<string, number> = {
  '10': 20,
  '21': 20,
  '22': 20,
  '240': 30,
  '241': 30,
  '710': 20,
  '711': 20,
  '712': 20,
  '713': 20,
  '714': 20,
  '91': 90,
  '92': 90,
  '93': 90,
  '94': 90,
  '95': 90,
  '96': 90,
  '97': 90,
  '98': 90,
  '99': 90,
};

export type Gs1Fields = Map<string, string>;
export type Gs1ParseResult = { ok: true; fields: Gs1Fields } | { ok: false; reason: string };

function knownAiAt(data: string, at: number): string | null {
  for (const len of [2, 3]) {
    const ai = data.slice(at, at + len);
    if (ai in FIXED_LENGTH || ai in VARIABLE_MAX) return ai;
  }
  return null;
}

/** Parses an element string (no AIM prefix, leading GS tolerated as FNC1). */
export function parseGs1(elementString: string): Gs1ParseResult {
  const data = elementString.startsWith(GS) ? elementString.slice(1) : elementString;
  const fields: Gs1Fields = new Map();
  let at = 0;
  while (at < data.length) {
    const ai = knownAiAt(data, at);
    if (ai === null) return { ok: false, reason: 'GS1_UNKNOWN_AI' };
    at += ai.length;
    const fixed = FIXED_LENGTH[ai];
    let value: string;
    if (fixed !== undefined) {
      value = data.slice(at, at + fixed);
      if (value.length !== fixed || !/^[0-9]+$/.test(value)) return { ok: false, reason: 'GS1_BAD_FIELD' };
      at += fixed;
      if (data[at] === GS) at += 1;
    } else {
      const end = data.indexOf(GS, at);
      value = end === -1 ? data.slice(at) : data.slice(at, end);
      at = end === -1 ? data.length : end + 1;
      if (value.length === 0 || value.length > (VARIABLE_MAX[ai] ?? 0)) return { ok: false, reason: 'GS1_BAD_FIELD' };
      if (!/^[\x21-\x22\x25-\x2F\x30-\x39\x3A-\x3F\x41-\x5A\x5F\x61-\x7A]+$/.test(value)) return { ok: false, reason: 'GS1_BAD_FIELD' };
    }
    if (fields.has(ai)) return { ok: false, reason: 'GS1_DUPLICATE_AI' };
    fields.set(ai, value);
  }
  return { ok: true, fields };
}

/** GS1 mod-10 check over a GTIN (last digit = key). */
export function isValidGtin(gtin: string): boolean {
  if (!/^[0-9]{8,14}$/.test(gtin)) return false;
  let sum = 0;
  const body = gtin.slice(0, -1);
  for (let i = 0; i < body.length; i++) {
    const fromRight = body.length - i;
    sum += Number(body[i]) * (fromRight % 2 === 1 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10 === Number(gtin[gtin.length - 1]);
}

/** YYMMDD → YYYY-MM-DD; day 00 means the last day of the month; null when not a date. */
export function gs1DateToIso(yymmdd: string): string | null {
  if (!/^[0-9]{6}$/.test(yymmdd)) return null;
  const year = 2000 + Number(yymmdd.slice(0, 2));
  const month = Number(yymmdd.slice(2, 4));
  let day = Number(yymmdd.slice(4, 6));
  if (month < 1 || month > 12) return null;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day === 0) day = lastDay;
  if (day > lastDay) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
