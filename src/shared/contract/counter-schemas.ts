import { isValidRpps } from '../ids/professional.js';
import { z } from 'zod';
import { addressSchema } from './address.js';
import { isValidCip13 } from '../ids/cip13.js';
import { isValidNir } from '../ids/nir.js';
import { DEVIATION_TYPES, AGREEMENT_CHANNELS, calendarDate } from '../teleservice/schemas.js';

/** Schemas of the counter's calls (patients, products, the control window), shared by both ends. */
/** A patient's organisme: régime (2 digits), caisse (3), centre (4) — each refused with what it must be. */
export const organismeSchema = z
  .object({
    regime: z
      .string()
      .trim()
      .regex(/^[0-9]{2}$/, 'Régime : 2 chiffres (01 pour le régime général).'),
    caisse: z
      .string()
      .trim()
      .regex(/^[0-9]{3}$/, 'Caisse : 3 chiffres.'),
    centre: z
      .string()
      .trim()
      .regex(/^[0-9]{4}$/, 'Centre : 4 chiffres.'),
  })
  .strict();

export const patientViewSchema = z.object({
  id: z.number().int(),
  nir: z.string().nullable(),
  lastName: z.string(),
  firstName: z.string(),
  birthDate: z.string(),
  sex: z.enum(['F', 'M']),
  source: z.enum(['VITALE', 'APCV', 'MANUAL']),
  /** Ayant droit: the insured person this patient depends on (their NIR), and how. */
  beneficiaryOfNir: z.string().nullable(),
  relationship: z.string().nullable(),
  /** One line, as the ordonnancier records it. */
  address: z.string().nullable(),
  /** Where the patient's FSEs go (claims.md), null until known. */
  organisme: organismeSchema.nullable(),
});
export type PatientView = z.infer<typeof patientViewSchema>;

export const newPatientSchema = z
  .object({
    nir: z
      .string()
      .trim()
      .refine((v) => v === '' || isValidNir(v.replace(/\s+/g, '')), 'NIR invalide (clé incorrecte)')
      .transform((v) => v.replace(/\s+/g, '') || null),
    lastName: z.string().trim().min(1, 'nom obligatoire').max(100),
    firstName: z.string().trim().min(1, 'prénom obligatoire').max(100),
    birthDate: calendarDate,
    sex: z.enum(['F', 'M']),
    beneficiaryOf: z.number().int().positive().nullable().optional(),
    relationship: z.enum(['conjoint', 'enfant', 'autre']).nullable().optional(),
    address: addressSchema.optional(),
    organisme: organismeSchema.nullable().optional(),
  })
  .strict();

const cip13 = z.string().refine(isValidCip13, 'CIP13 invalide');

/** The patient called at the counter, as the rules compare them: NIR, or name and birth date. */
export const counterPatientSchema = z
  .object({
    id: z.number().int().positive().optional(),
    nir: z.string().max(15).nullable(),
    lastName: z.string().max(100).optional(),
    firstName: z.string().max(100).optional(),
    birthDate: calendarDate.optional(),
  })
  .strict()
  .nullable();

/** A price typed at the counter, per pack, for a product the catalogue gives no price for. */
const handPrice = z.number().int().min(0).max(10_000_000).nullable().optional();

export const proposalSchema = z
  .object({
    renewalNumber: z.number().int().min(0).max(12),
    lines: z
      .array(
        z
          .object({
            lineId: z.string().max(20),
            items: z
              .array(
                z
                  .object({
                    cip13,
                    packs: z.number().int().min(0).max(99),
                    batch: z.string().max(20).nullable().optional(),
                    expiry: calendarDate.nullable().optional(),
                    label: z.string().max(300).optional(),
                    unitPriceCents: handPrice,
                  })
                  .strict(),
              )
              .max(10),
            refusedGeneric: z.boolean().optional(),
          })
          .strict(),
      )
      .max(30),
    counterPatient: counterPatientSchema,
    patientOverrideReason: z.string().max(300).nullable().optional(),
    overlapReason: z.string().max(300).nullable().optional(),
    exceptionConfirmed: z.boolean().optional(),
    collector: z.string().trim().max(200).nullable().optional(),
    justifications: z
      .record(
        z.string().max(20),
        z
          .object({
            type: z.enum(DEVIATION_TYPES).optional(),
            reason: z.string().max(500).nullable().optional(),
            agreement: z
              .object({ date: calendarDate, channel: z.enum(AGREEMENT_CHANNELS) })
              .nullable()
              .optional(),
          })
          .strict(),
      )
      .refine((r) => Object.keys(r).length <= 30, 'au plus 30 lignes justifiées')
      .optional(),
  })
  .strict();

const issueSchema = z.object({
  code: z.string(),
  severity: z.enum(['blocking', 'warning']),
  lineId: z.string().nullable(),
  message: z.string(),
});
export const assessmentSchema = z.object({
  renewalNumber: z.number().int(),
  proposedRenewal: z.number().int().nullable(),
  lines: z.array(
    z.object({
      lineId: z.string(),
      status: z.enum(['DISPENSED', 'PARTIAL', 'NOT_DISPENSED']),
      deviationType: z.enum(DEVIATION_TYPES),
      allowedTypes: z.array(z.enum(DEVIATION_TYPES)),
      needsReason: z.boolean(),
      needsAgreement: z.boolean(),
      defaultReason: z.string().nullable(),
      unitsPerPack: z.number().int(),
      unitsDue: z.number().int(),
      unitsServedBefore: z.number().int(),
      unitsDispensed: z.number().int(),
      unitsRemainingAfter: z.number().int(),
      daysDispensed: z.number(),
      daysRemainingAfter: z.number(),
      renewalsCovered: z.array(z.number().int()),
      packsDispensed: z.number().int(),
      itemUnits: z.array(z.number().int()),
      narcotic: z.boolean(),
      towardPrinceps: z.boolean().optional(),
      explanation: z.string().nullable(),
    }),
  ),
  issues: z.array(issueSchema),
  blocking: z.boolean(),
});

/** What a product is, from the catalogue's facts (`productKind`); null: the catalogue does not say. */
export const productKindSchema = z.enum(['princeps', 'generic', 'biosimilar', 'reference-biologic']).nullable();
export const productViewSchema = z.object({
  cip13: z.string(),
  label: z.string(),
  packSize: z.number().int().nullable(),
  genericGroup: z.string().nullable(),
  priceCents: z.number().int().nullable(),
  relation: z.enum(['prescribed', 'generic', 'other-pack']),
  kind: productKindSchema,
});
export type ProductView = z.infer<typeof productViewSchema>;

export const validationResultSchema = z.object({
  dispensingId: z.string(),
  executionId: z.string(),
  transmission: z.enum(['SENT', 'PENDING', 'REFUSED']),
  message: z.string(),
  receipt: z.object({ receivedAt: z.string(), sha256: z.string() }).nullable(),
  /** Phase 1 (or paper): the ordonnance is to be scanned for SCOR next (« Numérisation de l'ordonnance »). */
  scanRequired: z.boolean().default(false),
});

/** A scanned ordonnance the transmissions panel shows: to scan, waiting to leave, or refused. */
export const scorDocumentViewSchema = z.object({
  dispensingId: z.string(),
  prescriptionId: z.string().nullable(),
  circuit: z.enum(['ON', 'PAPER']),
  state: z.enum(['TO_SCAN', 'PENDING', 'SENT', 'REFUSED']),
  createdAt: z.string(),
  lastErrorMessage: z.string().nullable(),
});

/** The image of the paper ordonnance from the document scanner's file or the webcam (8 MiB at most). */
export const SCAN_IMAGE_MAX_BYTES = 8 * 1024 * 1024;
export const scanInputSchema = z
  .object({
    dispensingId: z.string().uuid(),
    imageBase64: z
      .string()
      .min(1)
      .max(Math.ceil(SCAN_IMAGE_MAX_BYTES / 3) * 4),
    mime: z.enum(['image/jpeg', 'image/png']),
  })
  .strict();

export const outboxItemViewSchema = z.object({
  executionId: z.string(),
  prescriptionId: z.string(),
  state: z.enum(['PENDING', 'SENT', 'REFUSED']),
  attempts: z.number().int(),
  lastErrorCode: z.string().nullable(),
  lastErrorMessage: z.string().nullable(),
  createdAt: z.string(),
});

/** A catalogue product found by « Produit » (name or CIP13). */
export const catalogueProductSchema = z.object({
  cip13: z.string(),
  label: z.string(),
  packSize: z.number().int().nullable(),
  priceCents: z.number().int().nullable(),
  list: z.enum(['I', 'II', 'STUPEFIANT']).nullable(),
  assimilatedNarcotic: z.boolean(),
  kind: productKindSchema,
});

/** A paper prescription's line: a catalogue product (read or found by name) or a free line « Hors référentiel ». */
export const paperLineSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('CATALOGUE'),
      cip13,
      packs: z.number().int().min(1).max(99),
      durationDays: z.number().int().min(1).max(366),
      batch: z.string().max(20).nullable(),
      expiry: calendarDate.nullable(),
      unitPriceCents: handPrice,
    })
    .strict(),
  z
    .object({
      kind: z.literal('FREE'),
      label: z.string().trim().min(1, 'libellé obligatoire').max(120),
      priceCents: z.number().int().min(0).max(10_000_000).nullable(),
      packs: z.number().int().min(1).max(99),
    })
    .strict(),
]);
export const paperPrescriptionSchema = z
  .object({
    prescribedOn: calendarDate,
    prescriberRpps: z
      .string()
      .regex(/^\d{11}$/)
      .nullable(),
    counterPatient: counterPatientSchema,
    patientSource: z.enum(['VITALE', 'APCV', 'MANUAL']),
    lines: z.array(paperLineSchema).min(1, 'au moins une ligne').max(30),
    collector: z.string().trim().max(200).nullable().optional(),
    /** The pharmacist checked the paper is an ordonnance sécurisée (a stupéfiant asks for it). */
    securePrescription: z.boolean().optional(),
    /** Chosen when the paper prescription opens (F4): F9 again after a lost answer is the same dispensing. */
    validationId: z.string().uuid().optional(),
  })
  .strict();

/** What a dispensing costs and who pays it (billing.md): each line, and the four totals. */
export const billSchema = z.object({
  lines: z.array(
    z.object({
      kind: z.enum(['product', 'honoraire']),
      code: z.enum(['HD', 'HD3', 'HDR', 'HDA', 'HDE', 'HDC']).nullable(),
      label: z.string(),
      packs: z.number().int(),
      priceCents: z.number().int(),
      baseCents: z.number().int(),
      rate: z.number().int(),
      amoCents: z.number().int(),
      ticketModerateurCents: z.number().int(),
      depassementCents: z.number().int(),
      amcCents: z.number().int(),
      resteCents: z.number().int(),
      advanceCents: z.number().int(),
      note: z.string().nullable(),
    }),
  ),
  totals: z.object({
    totalCents: z.number().int(),
    amoCents: z.number().int(),
    amcCents: z.number().int(),
    resteCents: z.number().int(),
    advanceCents: z.number().int(),
  }),
});

/** An ordonnancier entry as « Ordonnancier » (Alt+O) lists it. */
export const ordonnancierEntrySchema = z.object({
  number: z.number().int(),
  kind: z.enum(['ENTRY', 'CANCELLATION', 'CORRECTION']),
  refersTo: z.number().int().nullable(),
  recordedAt: z.string(),
  prescribedOn: z.string().nullable(),
  prescriber: z.string().nullable(),
  patient: z.string().nullable(),
  product: z.string(),
  cip13: z.string(),
  list: z.enum(['I', 'II', 'STUPEFIANT']),
  packs: z.number().int(),
  collector: z.string().nullable(),
  patientAddress: z.string().nullable(),
  prescriberAddress: z.string().nullable(),
});
export const ordonnancierFilterSchema = z
  .object({
    from: calendarDate.nullable(),
    to: calendarDate.nullable(),
    patient: z.string().max(100),
    product: z.string().max(100),
    /** This counter's own file, kept as its archive since it moved onto the pharmacy's server. */
    archive: z.boolean().optional(),
  })
  .strict();

/** A prescriber of the pharmacy's file. */
export const prescriberViewSchema = z.object({
  rpps: z.string(),
  name: z.string(),
  specialty: z.string().nullable(),
  amNumber: z.string().nullable(),
  source: z.enum(['ON', 'MANUAL']),
  address: z.string().nullable(),
});
export type PrescriberView = z.infer<typeof prescriberViewSchema>;
export const newPrescriberSchema = z
  .object({
    rpps: z.string().trim().refine(isValidRpps, 'RPPS invalide : 11 chiffres dont une clé de contrôle'),
    name: z.string().trim().min(1, 'nom obligatoire').max(120),
    specialty: z.string().trim().max(80).nullable(),
    address: addressSchema.optional(),
  })
  .strict();

/** A dispensing as « Historique » shows it, with where its execution and its cancellation stand. */
export const historyEntrySchema = z.object({
  id: z.string(),
  circuit: z.enum(['ON', 'PAPER']),
  prescriptionId: z.string().nullable(),
  renewalNumber: z.number().int(),
  patientNir: z.string().nullable(),
  patientName: z.string().nullable(),
  createdAt: z.string(),
  products: z.string(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  invoiceNumber: z.number().int().nullable(),
  creditNoteNumber: z.number().int().nullable(),
  transmission: z.enum(['PENDING', 'SENT', 'REFUSED']).nullable(),
  cancellation: z.enum(['PENDING', 'SENT', 'LOCAL', 'REFUSED']).nullable(),
  /** The invoice's amounts, as its detail (F8) prints them. */
  amounts: z.object({ totalCents: z.number().int(), amoCents: z.number().int(), amcCents: z.number().int(), resteCents: z.number().int() }),
});
export type HistoryEntryView = z.infer<typeof historyEntrySchema>;

export const cancellationResultSchema = z.object({ state: z.enum(['PENDING', 'SENT', 'LOCAL', 'REFUSED']), message: z.string() });

export const outboxCountsSchema = z.object({ PENDING: z.number().int(), SENT: z.number().int(), REFUSED: z.number().int() });

export const indicatorMonthSchema = z.object({
  month: z.string(),
  prescriptions: z.number().int(),
  viaOrdonnanceNumerique: z.number().int(),
  share: z.number(),
  meetsThreshold: z.boolean(),
  trend: z.number().nullable(),
});
