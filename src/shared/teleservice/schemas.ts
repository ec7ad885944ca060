import { z } from 'zod';
import { isIsoDate } from '../rules/calendar.js';

/** Schemas of the téléservice's contract (teleservice-api.md; docs/architecture.md, « Where the rules come from »). */

/** A date as the wire writes it (the server then says, field by field, which dates do not exist). */
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date attendue au format AAAA-MM-JJ');
/** A date of the calendar (2026-02-31 is refused): what the counter accepts from its screens and files. */
export const calendarDate = isoDate.refine(isIsoDate, 'date inexistante (AAAA-MM-JJ)');
export const isoInstant = z
  .string()
  .refine(
    (s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)),
    'instant ISO-8601 avec décalage attendu',
  );

export const PRESCRIPTION_STATUSES = ['ACTIVE', 'PARTIALLY_DISPENSED', 'DISPENSED', 'CANCELLED', 'EXPIRED'] as const;
export const PRESCRIPTION_KINDS = ['STANDARD', 'SECURISEE', 'EXCEPTION', 'BIZONE'] as const;
export const NON_SUBSTITUTABLE_REASONS = ['MTE', 'EFG', 'CIF'] as const;
export const LINE_STATUSES = ['DISPENSED', 'PARTIAL', 'NOT_DISPENSED'] as const;
export const DEVIATION_TYPES = [
  'NONE',
  'GENERIC_SUBSTITUTION',
  'BIOSIMILAR_SUBSTITUTION',
  'QUANTITY_ADAPTED',
  'LARGE_PACK',
  'POSOLOGY_CHANGED',
  'NOT_DISPENSED',
  'SHORTAGE',
  'STUPS_REDUCED_DURATION',
  'EXCEPTIONAL_RENEWAL',
  'OTHER',
] as const;
export type DeviationType = (typeof DEVIATION_TYPES)[number];
export const AGREEMENT_CHANNELS = ['TEL', 'MSSANTE', 'OTHER'] as const;
export const PATIENT_SOURCES = ['VITALE', 'APCV', 'MANUAL'] as const;

export const patientSchema = z.object({
  nir: z.string(),
  lastName: z.string().min(1).max(100),
  firstName: z.string().min(1).max(100),
  birthDate: isoDate,
  sex: z.enum(['F', 'M']),
});
export type PatientIdentity = z.infer<typeof patientSchema>;

export const prescriberSchema = z.object({ rpps: z.string(), name: z.string(), amNumber: z.string() });

export const productSchema = z.object({
  cip13: z.string(),
  label: z.string().min(1).max(300),
  cis: z.string().max(20).optional(),
  /** Units (tablets, doses…) in one pack of this CIP13; absent in older data: a pack counts as one unit. */
  unitsPerPack: z.number().int().min(1).max(100_000).optional(),
});

export const dispensingSummarySchema = z.object({
  executionId: z.string(),
  renewalNumber: z.number().int(),
  packs: z.number().int(),
  /** Units that served this renewal (absent from older servers: packs × unitsPerPack). */
  units: z.number().int().min(0).optional(),
  status: z.enum(LINE_STATUSES),
  /** A renewal served by a large pack dispensed for an earlier one. */
  coveredBy: z.literal('LARGE_PACK').optional(),
  /** When the execution that served it was dispensed (for the days it covers). */
  dispensedAt: isoInstant.optional(),
});
export type DispensingSummary = z.infer<typeof dispensingSummarySchema>;

export const prescriptionLineSchema = z.object({
  lineId: z.string(),
  kind: z.enum(['MEDICINE', 'DEVICE']),
  product: productSchema,
  posology: z.string().max(1000),
  durationDays: z.number().int().min(1).max(366),
  quantity: z.number().int().min(1).max(99),
  repeats: z.number().int().min(0).max(12),
  /** A stupéfiant: never renewable, 28 days at most, dispensed by fractions when `fractionDays` says so. */
  narcotic: z.boolean().default(false),
  fractionDays: z.number().int().min(1).max(28).nullable().optional(),
  substitutable: z.boolean(),
  nonSubstitutableReason: z.enum(NON_SUBSTITUTABLE_REASONS).nullable(),
  flags: z.array(z.string().max(30)).max(10),
  dispensings: z.array(dispensingSummarySchema),
});
export type PrescriptionLine = z.infer<typeof prescriptionLineSchema>;

export const prescriptionSchema = z.object({
  id: z.string(),
  qrPayload: z.string(),
  status: z.enum(PRESCRIPTION_STATUSES),
  issuedAt: isoDate,
  validUntil: isoDate,
  kind: z.enum(PRESCRIPTION_KINDS),
  prescriber: prescriberSchema,
  patient: patientSchema,
  patientOpposesPrescriberAccess: z.boolean(),
  lines: z.array(prescriptionLineSchema).min(1),
  notes: z.string().nullable().optional(),
});
export type Prescription = z.infer<typeof prescriptionSchema>;

export const leaseSchema = z.object({ leaseToken: z.string().min(1), expiresAt: isoInstant });
export type Lease = z.infer<typeof leaseSchema>;

export const receiptSchema = z.object({ receivedAt: isoInstant, sha256: z.string(), signature: z.string() });
export const executionAcceptedSchema = z.object({ executionId: z.string(), receipt: receiptSchema });
export type ExecutionAccepted = z.infer<typeof executionAcceptedSchema>;

export const dispensedItemSchema = z.object({
  cip13: z.string(),
  packs: z.number().int().min(1).max(99),
  /** Units handed out; required when the CIP13 is not the prescribed one. */
  units: z.number().int().min(1).max(100_000).optional(),
  batch: z.string().max(20).nullable().optional(),
  expiry: isoDate.nullable().optional(),
  label: z.string().max(300).optional(),
});

export const prescriberAgreementSchema = z.object({ date: isoDate, channel: z.enum(AGREEMENT_CHANNELS) });

export const executionLineSchema = z.object({
  lineId: z.string().max(20),
  status: z.enum(LINE_STATUSES),
  dispensed: z.array(dispensedItemSchema).max(10),
  deviation: z.object({
    type: z.enum(DEVIATION_TYPES),
    reason: z.string().max(500).nullable().optional(),
    prescriberAgreement: prescriberAgreementSchema.nullable().optional(),
  }),
});
export type ExecutionLine = z.infer<typeof executionLineSchema>;

export const executionBodySchema = z.object({
  executionId: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i, 'UUID v4 attendu'),
  dispensedAt: isoInstant,
  renewalNumber: z.number().int().min(0).max(12),
  phase: z.union([z.literal(1), z.literal(2)]),
  pharmacistRpps: z.string(),
  patient: z.object({
    nir: z.string(),
    source: z.enum(PATIENT_SOURCES),
    override: z
      .object({ reason: z.string().min(1).max(500) })
      .nullable()
      .optional(),
  }),
  lines: z.array(executionLineSchema).min(1).max(50),
  complementaryInfo: z.string().max(2000).nullable().optional(),
});
export type ExecutionBody = z.infer<typeof executionBodySchema>;

export const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }),
});

export const meSchema = z.object({
  kind: z.enum(['prescriber', 'pharmacy', 'patient']),
  finess: z.string().optional(),
  name: z.string().optional(),
  pharmacistRpps: z.string().optional(),
  rpps: z.string().optional(),
  amNumber: z.string().optional(),
  nir: z.string().optional(),
});
export type Me = z.infer<typeof meSchema>;

/** #12: the ApCV's beneficiary, with the organisme the caisse's file gives (null when unknown, claims.md). */
export const beneficiarySchema = patientSchema.extend({
  regime: z
    .string()
    .regex(/^[0-9]{2}$/)
    .nullable()
    .optional(),
  caisse: z
    .string()
    .regex(/^[0-9]{3}$/)
    .nullable()
    .optional(),
  centre: z
    .string()
    .regex(/^[0-9]{4}$/)
    .nullable()
    .optional(),
});
