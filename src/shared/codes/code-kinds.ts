import { z } from 'zod';

/** The kinds of 2D code the counter meets, named as in code and in `comptoir` output. */
export const CODE_KINDS = ['eprescription', 'apcv', 'tiers-payant', 'medicine-pack', 'ins-document', 'unknown'] as const;
export type CodeKind = (typeof CODE_KINDS)[number];

/** Why a read was classified `unknown`. */
export const UNKNOWN_REASONS = [
  'EMPTY',
  'TOO_LONG',
  'INVALID_ENCODING',
  'CONTROL_CHARACTERS',
  'BAD_CHECK_CHARACTER',
  'APCV_MALFORMED',
  'TIERS_PAYANT_MALFORMED',
  'GS1_UNKNOWN_AI',
  'GS1_BAD_FIELD',
  'GS1_DUPLICATE_AI',
  'GS1_NOT_A_MEDICINE_PACK',
  'UNRECOGNIZED',
] as const;
export type UnknownReason = (typeof UNKNOWN_REASONS)[number];

const base = { text: z.string(), aim: z.string().nullable() };

export const classifiedCodeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('eprescription'), ...base, id: z.string() }),
  z.object({ kind: z.literal('apcv'), ...base, nonce: z.string(), expiresAt: z.number().int() }),
  z.object({
    kind: z.literal('tiers-payant'),
    ...base,
    amc: z.string(),
    conv: z.string(),
    csr: z.string(),
    adh: z.string(),
    /** The certificate's own DU/AU fields as printed (YYYYMMDD), and the same as ISO dates. */
    du: z.string(),
    au: z.string(),
    validFrom: z.string(),
    validTo: z.string(),
    /** The share (0–100) of the ticket modérateur the mutuelle covers at 65, 30, 15 and 100 % (absent: 100). */
    cover: z.object({ ph7: z.number().int(), ph4: z.number().int(), ph2: z.number().int(), ph1: z.number().int() }),
  }),
  z.object({
    kind: z.literal('medicine-pack'),
    ...base,
    gtin: z.string(),
    cip13: z.string(),
    expiry: z.string().nullable(),
    batch: z.string().nullable(),
    serial: z.string().nullable(),
  }),
  z.object({ kind: z.literal('ins-document'), ...base }),
  z.object({ kind: z.literal('unknown'), ...base, reason: z.enum(UNKNOWN_REASONS) }),
]);
export type ClassifiedCode = z.infer<typeof classifiedCodeSchema>;
