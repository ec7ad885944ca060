import { z } from 'zod';
import { calendarDate, isoInstant } from '../teleservice/schemas.js';

/** The claims contract's shapes (claims.md): what a lot carries and what the caisse's mailbox answers. */

const digits = (n: number) => z.string().regex(new RegExp(`^[0-9]{${n}}$`), `${n} chiffres`);
const cents = z.number().int().min(0);
const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export const SECURISATIONS = ['VITALE', 'APCV', 'DEGRADE'] as const;
export const TIERS_PAYANT = ['NONE', 'AMO', 'AMO_AMC'] as const;
export type Securisation = (typeof SECURISATIONS)[number];
export type TiersPayant = (typeof TIERS_PAYANT)[number];

export const fseNumberSchema = digits(9);

export const destinationSchema = z.object({ regime: digits(2), caisse: digits(3), centre: digits(4) }).strict();
export type Destination = z.infer<typeof destinationSchema>;

export const fseLineSchema = z
  .object({
    code: z.string().min(1).max(8),
    cip13: digits(13).nullable(),
    quantity: z.number().int().min(1),
    unitPriceCents: cents,
    baseCents: cents,
    rate: z.number().int().min(0).max(100),
    amoCents: cents,
    amcCents: cents,
  })
  .strict();
export type FseLine = z.infer<typeof fseLineSchema>;

export const fseSchema = z
  .object({
    fseNumber: fseNumberSchema,
    recycled: z.boolean(),
    dispensingId: z.string().min(1).max(64),
    dispensedOn: calendarDate,
    securisation: z.enum(SECURISATIONS),
    tiersPayant: z.enum(TIERS_PAYANT),
    beneficiary: z.object({ nir: digits(15), birthDate: calendarDate }).strict(),
    exoneration: z.literal('ALD').nullable(),
    prescriber: z.object({ rpps: digits(11) }).strict(),
    prescribedOn: calendarDate,
    prescriptionId: z.string().min(1).max(64).nullable(),
    amc: z
      .object({ number: digits(8) })
      .strict()
      .nullable(),
    lines: z.array(fseLineSchema).min(1).max(200),
    totals: z.object({ totalCents: cents, amoCents: cents, amcCents: cents, patientCents: z.number().int() }).strict(),
  })
  .strict();
export type Fse = z.infer<typeof fseSchema>;

export const lotSchema = z
  .object({
    lotId: z.string().regex(uuidV4, 'UUID v4 attendu'),
    lotNumber: z.number().int().min(1).max(999_999),
    destination: destinationSchema,
    fses: z.array(fseSchema).min(1),
    totals: z.object({ count: z.number().int().min(0), totalCents: cents, amoCents: cents, amcCents: cents }).strict(),
  })
  .strict();
export type Lot = z.infer<typeof lotSchema>;

export const lotAcceptedSchema = z.object({ lotId: z.string(), lotNumber: z.number().int(), receivedAt: isoInstant });
export type LotAccepted = z.infer<typeof lotAcceptedSchema>;

export const PAYERS = ['AMO', 'AMC'] as const;
export type Payer = (typeof PAYERS)[number];
export const RSP_OUTCOMES = ['PAYE', 'PAYE_PARTIEL', 'REJETE', 'TRAITEMENT_CAISSE', 'PAYE_ASSURE'] as const;
export type RspOutcome = (typeof RSP_OUTCOMES)[number];

const reason = z.object({ code: z.string(), message: z.string(), fseNumber: z.string().optional() });
export const arlMessageSchema = z.object({
  type: z.literal('ARL'),
  seq: z.number().int().min(1),
  availableAt: isoInstant,
  lotId: z.string(),
  lotNumber: z.number().int(),
  status: z.enum(['POSITIF', 'NEGATIF']),
  reasons: z.array(reason),
});
export const rspMessageSchema = z.object({
  type: z.literal('RSP'),
  seq: z.number().int().min(1),
  availableAt: isoInstant,
  lotId: z.string(),
  fseNumber: fseNumberSchema,
  payer: z.enum(PAYERS),
  outcome: z.enum(RSP_OUTCOMES),
  requestedCents: z.number().int(),
  paidCents: z.number().int(),
  lateFeeCents: z.number().int(),
  paymentDate: calendarDate.nullable(),
  virementId: z.string().nullable(),
  reject: z.object({ code: z.string(), label: z.string() }).nullable(),
});
export const virementMessageSchema = z.object({
  type: z.literal('VIREMENT'),
  seq: z.number().int().min(1),
  availableAt: isoInstant,
  virementId: z.string(),
  payer: z.enum(PAYERS),
  organisme: z.string(),
  date: calendarDate,
  totalCents: z.number().int(),
  items: z.array(z.object({ fseNumber: fseNumberSchema, amountCents: z.number().int() })),
});
export const mailboxMessageSchema = z.discriminatedUnion('type', [arlMessageSchema, rspMessageSchema, virementMessageSchema]);
export type ArlMessage = z.infer<typeof arlMessageSchema>;
export type RspMessage = z.infer<typeof rspMessageSchema>;
export type VirementMessage = z.infer<typeof virementMessageSchema>;
export type MailboxMessage = z.infer<typeof mailboxMessageSchema>;
export const mailboxPageSchema = z.object({ messages: z.array(mailboxMessageSchema), cursor: z.number().int().min(0) });

/** Product lines carry their rate's code (claims.md); honoraires their own. */
export const PRODUCT_CODE_OF_RATE: Readonly<Record<number, string>> = { 65: 'PH7', 30: 'PH4', 15: 'PH2', 100: 'PH1' };

/** A message before the mailbox numbers it. */
export type UnsequencedMessage = MailboxMessage extends infer T ? (T extends unknown ? Omit<T, 'seq'> : never) : never;
