import { z } from 'zod';
import { isValidCip13 } from '../shared/ids/cip13.js';
import { isValidNir } from '../shared/ids/nir.js';
import { isValidPrescriptionId } from '../shared/ids/prescription-id.js';
import { isIsoDate } from '../shared/rules/calendar.js';
import {
  LINE_STATUSES,
  NON_SUBSTITUTABLE_REASONS,
  PRESCRIPTION_KINDS,
  PRESCRIPTION_STATUSES,
  isoDate,
  patientSchema,
  productSchema,
} from '../shared/teleservice/schemas.js';
import type { FieldProblem } from './validation.js';

/** A stupéfiant is prescribed for 28 days at most (7 or 14 for some: the prescriber's business). */
export const NARCOTIC_MAX_DAYS = 28;

/** Body of `POST /v1/prescriptions`, as the LAP sends it. */
export const createLineSchema = z.object({
  lineId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,20}$/)
    .optional(),
  kind: z.enum(['MEDICINE', 'DEVICE']).default('MEDICINE'),
  product: productSchema,
  posology: z.string().min(1).max(1000),
  durationDays: z.number().int().min(1).max(366),
  quantity: z.number().int().min(1).max(99),
  repeats: z.number().int().min(0).max(12).default(0),
  narcotic: z.boolean().default(false),
  fractionDays: z.number().int().min(1).max(28).nullable().default(null),
  substitutable: z.boolean().default(true),
  nonSubstitutableReason: z.enum(NON_SUBSTITUTABLE_REASONS).nullable().default(null),
  flags: z.array(z.string().min(1).max(30)).max(10).default([]),
});

export const createPrescriptionSchema = z.object({
  issuedAt: isoDate.optional(),
  validUntil: isoDate.optional(),
  kind: z.enum(PRESCRIPTION_KINDS).default('STANDARD'),
  patient: patientSchema,
  patientOpposesPrescriberAccess: z.boolean().default(false),
  lines: z.array(createLineSchema).min(1).max(30),
  notes: z.string().max(2000).nullable().default(null),
});
export type CreatePrescription = z.infer<typeof createPrescriptionSchema>;

/** What the seed may add to a prescription: a known id, its prescriber, a status, past dispensings. */
export const seedPrescriptionSchema = createPrescriptionSchema.extend({
  id: z.string(),
  prescriberRpps: z.string(),
  status: z.enum(PRESCRIPTION_STATUSES).optional(),
  lines: z
    .array(
      createLineSchema.extend({
        dispensings: z
          .array(
            z.object({
              renewalNumber: z.number().int().min(0),
              packs: z.number().int().min(0),
              status: z.enum(LINE_STATUSES).default('DISPENSED'),
            }),
          )
          .default([]),
      }),
    )
    .min(1)
    .max(30),
});
export type SeedPrescription = z.infer<typeof seedPrescriptionSchema>;

/** The checks a schema cannot say: identifiers' keys, dates, the non-substitutable reason. */
export function prescriptionProblems(p: CreatePrescription): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!isValidNir(p.patient.nir)) problems.push({ field: 'patient.nir', message: 'NIR invalide (clé incorrecte)' });
  if (!isIsoDate(p.patient.birthDate)) problems.push({ field: 'patient.birthDate', message: 'date inexistante' });
  for (const f of ['issuedAt', 'validUntil'] as const) {
    const v = p[f];
    if (v !== undefined && !isIsoDate(v)) problems.push({ field: f, message: 'date inexistante' });
  }
  if (p.issuedAt && p.validUntil && p.validUntil < p.issuedAt)
    problems.push({ field: 'validUntil', message: 'antérieure à la date de prescription' });
  const ids = new Set<string>();
  p.lines.forEach((line, i) => {
    const at = (field: string): string => `lines[${i}].${field}`;
    if (line.kind === 'MEDICINE' && !isValidCip13(line.product.cip13))
      problems.push({ field: at('product.cip13'), message: 'CIP13 invalide' });
    if (line.kind === 'DEVICE' && !/^[0-9]{7,13}$/.test(line.product.cip13))
      problems.push({ field: at('product.cip13'), message: 'code produit invalide' });
    if (!line.substitutable && line.nonSubstitutableReason === null)
      problems.push({
        field: at('nonSubstitutableReason'),
        message: 'motif obligatoire pour une ligne non substituable (MTE, EFG ou CIF)',
      });
    if (line.substitutable && line.nonSubstitutableReason !== null)
      problems.push({ field: at('nonSubstitutableReason'), message: 'seulement pour une ligne non substituable' });
    if (line.narcotic && line.repeats > 0) problems.push({ field: at('repeats'), message: 'un stupéfiant n’est jamais renouvelable' });
    if (line.narcotic && line.durationDays > NARCOTIC_MAX_DAYS)
      problems.push({ field: at('durationDays'), message: `stupéfiant : ${NARCOTIC_MAX_DAYS} jours au plus` });
    if (line.fractionDays !== null && line.fractionDays > line.durationDays)
      problems.push({ field: at('fractionDays'), message: 'fraction plus longue que le traitement' });
    if (line.lineId !== undefined) {
      if (ids.has(line.lineId)) problems.push({ field: at('lineId'), message: 'identifiant de ligne en double' });
      ids.add(line.lineId);
    }
  });
  return problems;
}

export function seedPrescriptionProblems(p: SeedPrescription): FieldProblem[] {
  const problems = prescriptionProblems(p);
  if (!isValidPrescriptionId(p.id)) problems.push({ field: 'id', message: 'numéro de prescription invalide' });
  if (!/^[0-9]{11}$/.test(p.prescriberRpps)) problems.push({ field: 'prescriberRpps', message: 'RPPS : 11 chiffres' });
  return problems;
}

export { addMonths } from '../shared/rules/calendar.js';
