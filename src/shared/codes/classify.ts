import { isCrockford } from '../ids/crockford.js';
import { isIsoDate } from '../rules/calendar.js';
import { isValidCip13 } from '../ids/cip13.js';
import { looksLikePrescriptionId, prescriptionIdProblem } from '../ids/prescription-id.js';
import { isGs1Aim, splitAimPrefix } from './aim.js';
import type { ClassifiedCode, UnknownReason } from './code-kinds.js';
import { GS, gs1DateToIso, isValidGtin, parseGs1 } from './gs1.js';

/** Longest read we look at; the largest QR holds ~4 KiB, anything longer is noise or an attack. */
export const MAX_READ_LENGTH = 4096;

const APCV = /^APCV1:([0-9A-Z]{26}):([0-9]{1,12})$/;
const TIERS_PAYANT =
  /^ATP1\|AMC=([0-9]{8})\|CONV=([0-9A-Z]{2})\|CSR=([0-9A-Z]{2})\|ADH=([0-9]{1,15})\|DU=([0-9]{8})\|AU=([0-9]{8})((?:\|PH[7421]=(?:100|[0-9]{1,2}))*)$/;
// Controls other than GS (which GS1 needs), plus the Unicode replacement char from bad UTF-8.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001c\u001e\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

function unknown(text: string, aim: string | null, reason: UnknownReason): ClassifiedCode {
  return { kind: 'unknown', text, aim, reason };
}

function yyyymmddToIso(value: string): string | null {
  const iso = `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`;
  return isIsoDate(iso) ? iso : null;
}

function classifyMedicinePack(text: string, aim: string | null, data: string): ClassifiedCode {
  const parsed = parseGs1(data);
  if (!parsed.ok) return unknown(text, aim, parsed.reason as UnknownReason);
  const gtin = parsed.fields.get('01');
  if (gtin === undefined) return unknown(text, aim, 'GS1_NOT_A_MEDICINE_PACK');
  if (!isValidGtin(gtin)) return unknown(text, aim, 'BAD_CHECK_CHARACTER');
  const cip13 = gtin.slice(1);
  if (!gtin.startsWith('0') || !isValidCip13(cip13)) return unknown(text, aim, 'GS1_NOT_A_MEDICINE_PACK');
  const rawExpiry = parsed.fields.get('17');
  const expiry = rawExpiry === undefined ? null : gs1DateToIso(rawExpiry);
  if (rawExpiry !== undefined && expiry === null) return unknown(text, aim, 'GS1_BAD_FIELD');
  return {
    kind: 'medicine-pack',
    text,
    aim,
    gtin,
    cip13,
    expiry,
    batch: parsed.fields.get('10') ?? null,
    serial: parsed.fields.get('21') ?? null,
  };
}

function classifyTiersPayant(text: string, aim: string | null, data: string): ClassifiedCode {
  const m = TIERS_PAYANT.exec(data);
  const validFrom = m ? yyyymmddToIso(m[5] ?? '') : null;
  const validTo = m ? yyyymmddToIso(m[6] ?? '') : null;
  if (!m || validFrom === null || validTo === null) return unknown(text, aim, 'TIERS_PAYANT_MALFORMED');
  // Optional PH7/PH4/PH2/PH1 (billing.md), each at most once; an absent one covers all (100).
  const shares = [...(m[7] ?? '').matchAll(/\|PH([7421])=(\d+)/g)];
  if (new Set(shares.map((s) => s[1])).size !== shares.length) return unknown(text, aim, 'TIERS_PAYANT_MALFORMED');
  const share = (n: string): number => Number(shares.find((s) => s[1] === n)?.[2] ?? 100);
  const cover = { ph7: share('7'), ph4: share('4'), ph2: share('2'), ph1: share('1') };
  return {
    kind: 'tiers-payant',
    text,
    aim,
    amc: m[1] ?? '',
    conv: m[2] ?? '',
    csr: m[3] ?? '',
    adh: m[4] ?? '',
    du: m[5] ?? '',
    au: m[6] ?? '',
    validFrom,
    validTo,
    cover,
  };
}

function classifyApcv(text: string, aim: string | null, data: string): ClassifiedCode {
  const m = APCV.exec(data);
  if (!m || !isCrockford(m[1] ?? '')) return unknown(text, aim, 'APCV_MALFORMED');
  return { kind: 'apcv', text, aim, nonce: m[1] ?? '', expiresAt: Number(m[2]) };
}

/** Looks like a GS1 element string starting with AI 01 (GTIN), with or without a leading FNC1. */
function looksLikeGs1(data: string): boolean {
  // eslint-disable-next-line no-control-regex -- GS (0x1D) stands for FNC1 at the start of GS1 data
  return /^\u001d?01[0-9]{14}/.test(data);
}

/**
 * Classifies one read (already reassembled, trailing CR/LF trimmed by the reader). Pure and total:
 * it never throws, whatever the input.
 */
export function classifyCode(raw: string, aimFromReader: string | null = null): ClassifiedCode {
  const split = aimFromReader === null ? splitAimPrefix(raw) : { aim: aimFromReader, data: raw };
  const aim = split.aim;
  const data = split.data.replace(/[\r\n]+$/, '');
  const text = data;
  if (data.length === 0) return unknown(text, aim, 'EMPTY');
  if (data.length > MAX_READ_LENGTH) return unknown(text.slice(0, MAX_READ_LENGTH), aim, 'TOO_LONG');
  if (data.includes('\ufffd')) return unknown(text, aim, 'INVALID_ENCODING');
  if (isGs1Aim(aim) || looksLikeGs1(data)) return classifyMedicinePack(text, aim, data);
  if (CONTROL.test(data) || data.includes(GS)) return unknown(text, aim, 'CONTROL_CHARACTERS');
  if (looksLikePrescriptionId(data)) {
    return prescriptionIdProblem(data) === null
      ? { kind: 'eprescription', text, aim, id: data }
      : unknown(text, aim, 'BAD_CHECK_CHARACTER');
  }
  if (data.startsWith('APCV1:')) return classifyApcv(text, aim, data);
  if (data.startsWith('ATP1|')) return classifyTiersPayant(text, aim, data);
  if (data.startsWith('DC0')) return { kind: 'ins-document', text, aim };
  return unknown(text, aim, 'UNRECOGNIZED');
}
