import { z } from 'zod';

/** F7 « Télétransmission »: what the screen shows (claims.md), shared by both ends. */
const ageing = z.object({ days0to7: z.number().int(), days8to30: z.number().int(), over30: z.number().int(), total: z.number().int() });
export const claimsFiguresSchema = z.object({
  pendingAmo: ageing,
  pendingAmc: ageing,
  paidThisMonthCents: z.number().int(),
  rejects: z.object({ count: z.number().int(), amountCents: z.number().int(), rate: z.number().nullable() }),
  gapsCents: z.number().int(),
  lateFeesCents: z.number().int(),
  lotsWithoutArl: z.number().int(),
  lateFses: z.object({ patientPaid: z.number().int(), tiersPayant: z.number().int() }),
  virementGaps: z.number().int(),
});
export type ClaimsFiguresView = z.infer<typeof claimsFiguresSchema>;

const outcome = z.enum(['PAYE', 'PAYE_PARTIEL', 'REJETE', 'TRAITEMENT_CAISSE', 'PAYE_ASSURE']).nullable();
export const fseViewSchema = z.object({
  fseNumber: z.string(),
  patient: z.string(),
  dispensedOn: z.string(),
  tiersPayant: z.enum(['NONE', 'AMO', 'AMO_AMC']),
  state: z.enum(['A_TRANSMETTRE', 'EN_LOT', 'TRANSMISE', 'ARL_POSITIF', 'ANNULEE']),
  amoCents: z.number().int(),
  amcCents: z.number().int(),
  amoOutcome: outcome,
  amcOutcome: outcome,
  problem: z.string().nullable(),
  late: z.boolean(),
  recycled: z.boolean(),
});
export const lotViewSchema = z.object({
  lotId: z.string(),
  lotNumber: z.number().int(),
  destination: z.string(),
  fseCount: z.number().int(),
  totalCents: z.number().int(),
  amoCents: z.number().int(),
  amcCents: z.number().int(),
  state: z.enum(['PENDING', 'SENT', 'REFUSED']),
  arl: z.enum(['POSITIF', 'NEGATIF']).nullable(),
  arlReasons: z.array(z.object({ code: z.string(), message: z.string(), fseNumber: z.string().optional() })),
  createdAt: z.string(),
  receivedAt: z.string().nullable(),
  lastErrorMessage: z.string().nullable(),
});
export const answerViewSchema = z.object({
  seq: z.number().int(),
  fseNumber: z.string(),
  payer: z.enum(['AMO', 'AMC']),
  outcome: z.enum(['PAYE', 'PAYE_PARTIEL', 'REJETE', 'TRAITEMENT_CAISSE', 'PAYE_ASSURE']),
  requestedCents: z.number().int(),
  paidCents: z.number().int(),
  lateFeeCents: z.number().int(),
  paymentDate: z.string().nullable(),
  rejectCode: z.string().nullable(),
});
export const virementViewSchema = z.object({
  virementId: z.string(),
  payer: z.enum(['AMO', 'AMC']),
  organisme: z.string(),
  date: z.string(),
  totalCents: z.number().int(),
  items: z.number().int(),
  matches: z.boolean(),
});
export const rejectViewSchema = z.object({
  fseNumber: z.string(),
  patient: z.string(),
  dispensedOn: z.string(),
  payer: z.enum(['AMO', 'AMC']),
  code: z.string(),
  label: z.string(),
  whatToCorrect: z.string(),
  amountCents: z.number().int(),
  canRecycle: z.boolean(),
});
export const claimsOverviewSchema = z.object({
  figures: claimsFiguresSchema,
  toSend: z.array(fseViewSchema),
  lots: z.array(lotViewSchema),
  answers: z.array(answerViewSchema),
  virements: z.array(virementViewSchema),
  rejects: z.array(rejectViewSchema),
});
export type ClaimsOverview = z.infer<typeof claimsOverviewSchema>;
export const transmitReportSchema = z.object({
  lots: z.number().int(),
  sent: z.number().int(),
  applied: z.number().int(),
  message: z.string(),
});
