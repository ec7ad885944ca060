import { z } from 'zod';
import { classifiedCodeSchema } from '../codes/code-kinds.js';
import { calendarDate, prescriptionSchema } from '../teleservice/schemas.js';
import { isValidCip13 } from '../ids/cip13.js';
import type { CallName, EventName } from './names.js';
import {
  assessmentSchema,
  billSchema,
  ordonnancierEntrySchema,
  ordonnancierFilterSchema,
  cancellationResultSchema,
  catalogueProductSchema,
  paperPrescriptionSchema,
  counterPatientSchema,
  historyEntrySchema,
  indicatorMonthSchema,
  newPatientSchema,
  outboxCountsSchema,
  outboxItemViewSchema,
  newPrescriberSchema,
  organismeSchema,
  patientViewSchema,
  prescriberViewSchema,
  productViewSchema,
  proposalSchema,
  scanInputSchema,
  scorDocumentViewSchema,
  validationResultSchema,
} from './counter-schemas.js';
import { addressSchema } from './address.js';
import { claimsOverviewSchema, transmitReportSchema } from './claims-contract.js';
import { tiersPayantFormSchema, tiersPayantViewSchema } from './tiers-payant-schemas.js';
import {
  backupStateSchema,
  tariffsViewSchema,
  databasePatchSchema,
  databaseViewSchema,
  serverAddressSchema,
  catalogueStatusSchema,
  catalogueZipSchema,
  diagnosticSchema,
  settingsPatchSchema,
  settingsViewSchema,
} from './settings-schemas.js';

/** Where a read came from: the HID e-reader, a scanner typing into the window, a camera, a file, a person. */
export const READ_SOURCES = ['e-reader', 'wedge', 'camera', 'image', 'manual'] as const;
export const readSourceSchema = z.enum(READ_SOURCES);

export const readEventSchema = z.object({ source: readSourceSchema, code: classifiedCodeSchema, at: z.string() });
export type ReadEvent = z.infer<typeof readEventSchema>;

export const readerStatusSchema = z.object({
  state: z.enum(['absent', 'ready', 'error']),
  device: z.string().nullable(),
  message: z.string(),
});
export type ReaderStatus = z.infer<typeof readerStatusSchema>;

/**
 * Whether this counter may send to the téléservice: verified by `GET /v1/me` (`granted`), not yet
 * (`checking`), its token refused, a token of another pharmacy, or no téléservice address at all.
 */
export const teleserviceAccessSchema = z.enum(['checking', 'granted', 'token_refused', 'wrong_pharmacy', 'not_configured']);
export type TeleserviceAccessState = z.infer<typeof teleserviceAccessSchema>;

export const appStatusSchema = z.object({
  version: z.string(),
  host: z.enum(['electron', 'browser']),
  pharmacy: z.object({ finess: z.string(), name: z.string(), pharmacistRpps: z.string() }).nullable(),
  teleservice: z.object({ embedded: z.boolean(), reachable: z.boolean(), access: teleserviceAccessSchema }),
  setupRequired: z.boolean(),
  reader: readerStatusSchema,
  /** This counter keeps its own file as an archive (it moved onto the pharmacy's server): Historique and Ordonnancier can show it. */
  archive: z.boolean(),
  /** The catalogue in force: how many presentations, from where (none: empty, and the status bar says how to fill it). */
  catalogue: z.object({ inForce: z.number().int(), source: z.enum(['BDPM', 'FILE', 'SAMPLE']).nullable() }),
  /** claims.md: FSEs not sent in time (3 business days patient payant, 8 tiers payant) and lots without ARL after 24 h. */
  claims: z.object({ lateFses: z.number().int(), lotsWithoutArl: z.number().int() }),
});
export type AppStatus = z.infer<typeof appStatusSchema>;

const prescriptionIdInput = z.object({ id: z.string().min(1).max(64) }).strict();

export const retrievedPrescriptionSchema = z.object({
  prescription: prescriptionSchema,
  lease: z.object({ expiresAt: z.string().nullable() }),
  /** True when shown from this workstation's last copy because the téléservice is unreachable. */
  degraded: z.boolean(),
});
export type RetrievedPrescription = z.infer<typeof retrievedPrescriptionSchema>;

/** Every call: its input (validated in main) and its output (what the renderer may rely on). */
export const CALLS = {
  'app.status': { input: z.object({}).strict(), output: appStatusSchema },
  'codes.classify': {
    input: z.object({ text: z.string().max(8192), source: readSourceSchema }).strict(),
    output: classifiedCodeSchema,
  },
  'prescriptions.retrieve': { input: prescriptionIdInput, output: retrievedPrescriptionSchema },
  'prescriptions.release': { input: prescriptionIdInput, output: z.object({ released: z.boolean() }) },
  'prescribers.search': { input: z.object({ query: z.string().max(100) }).strict(), output: z.array(prescriberViewSchema) },
  'prescribers.create': { input: newPrescriberSchema, output: prescriberViewSchema },
  'prescribers.setAddress': {
    input: z.object({ rpps: z.string().max(14), address: addressSchema }).strict(),
    output: prescriberViewSchema,
  },
  'patients.search': { input: z.object({ query: z.string().max(100) }).strict(), output: z.array(patientViewSchema) },
  'patients.create': { input: newPatientSchema, output: patientViewSchema },
  'patients.setAddress': {
    input: z.object({ patientId: z.number().int().positive(), address: addressSchema }).strict(),
    output: patientViewSchema,
  },
  'patients.readVitale': { input: z.object({}).strict(), output: patientViewSchema },
  'patients.redeemApcv': { input: z.object({ nonce: z.string().regex(/^[0-9A-Z]{26}$/) }).strict(), output: patientViewSchema },
  'patients.attachTiersPayant': {
    input: z.object({ patientId: z.number().int().positive(), text: z.string().max(512) }).strict(),
    output: tiersPayantViewSchema,
  },
  'patients.typeTiersPayant': { input: tiersPayantFormSchema, output: tiersPayantViewSchema },
  'patients.tiersPayant': {
    input: z.object({ patientId: z.number().int().positive() }).strict(),
    output: tiersPayantViewSchema.nullable(),
  },
  'catalogue.alternatives': { input: z.object({ cip13: z.string().max(13) }).strict(), output: z.array(productViewSchema) },
  'counter.assess': {
    input: z.object({ prescriptionId: z.string().max(64), proposal: proposalSchema }).strict(),
    output: assessmentSchema,
  },
  'counter.validate': {
    input: z
      .object({
        prescriptionId: z.string().max(64),
        proposal: proposalSchema,
        complementaryInfo: z.string().max(2000).nullable(),
        patientSource: z.enum(['VITALE', 'APCV', 'MANUAL']),
        /** Chosen by the counter when the control window opens: F9 again after a lost answer is the same validation. */
        validationId: z.string().uuid().optional(),
      })
      .strict(),
    output: validationResultSchema,
  },
  'degraded.validate': {
    input: z
      .object({
        prescriptionId: z.string().max(64),
        renewalNumber: z.number().int().min(0).max(12),
        items: z
          .array(
            z
              .object({
                cip13: z.string().refine(isValidCip13, 'CIP13 invalide'),
                packs: z.number().int().min(0).max(99),
                batch: z.string().max(20).nullable(),
                expiry: calendarDate.nullable(),
                unitPriceCents: z.number().int().min(0).max(10_000_000).nullable().optional(),
              })
              .strict(),
          )
          .min(1)
          .max(30),
        counterNir: z.string().max(15).nullable(),
        /** The called patient's identity, so that one known by name and birth date only is checked too. */
        counterPatient: counterPatientSchema.optional(),
        patientSource: z.enum(['VITALE', 'APCV', 'MANUAL']),
        complementaryInfo: z.string().max(1900).nullable(),
        /** Chosen when the degraded-mode window opens: F9 again after a lost answer is the same dispensing. */
        validationId: z.string().uuid().optional(),
      })
      .strict(),
    output: validationResultSchema,
  },
  'ordonnancier.list': { input: ordonnancierFilterSchema, output: z.array(ordonnancierEntrySchema) },
  'ordonnancier.pdf': { input: ordonnancierFilterSchema, output: z.object({ fileName: z.string(), base64: z.string() }) },
  'counter.ticketPdf': {
    input: z.object({ dispensingId: z.string().uuid() }).strict(),
    output: z.object({ fileName: z.string(), base64: z.string() }),
  },
  'paper.assess': { input: paperPrescriptionSchema, output: assessmentSchema },
  'billing.paper': { input: paperPrescriptionSchema, output: billSchema },
  'billing.ordonnanceNumerique': {
    input: z
      .object({ prescriptionId: z.string().max(64), proposal: proposalSchema, patientSource: z.enum(['VITALE', 'APCV', 'MANUAL']) })
      .strict(),
    output: billSchema,
  },
  'paper.validate': { input: paperPrescriptionSchema, output: validationResultSchema },
  'catalogue.search': { input: z.object({ query: z.string().max(100) }).strict(), output: z.array(catalogueProductSchema) },
  'counter.dispensingPdf': {
    input: z.object({ dispensingId: z.string().uuid() }).strict(),
    output: z.object({ fileName: z.string(), base64: z.string() }),
  },
  'history.list': {
    input: z.object({ query: z.string().max(100), archive: z.boolean().optional() }).strict(),
    output: z.object({ entries: z.array(historyEntrySchema) }),
  },
  'dispensings.cancel': {
    input: z.object({ dispensingId: z.string().uuid(), reason: z.string().trim().min(1).max(300) }).strict(),
    output: cancellationResultSchema,
  },
  'outbox.list': {
    input: z.object({}).strict(),
    output: z.object({ items: z.array(outboxItemViewSchema), counts: outboxCountsSchema, documents: z.array(scorDocumentViewSchema) }),
  },
  'scor.attach': { input: scanInputSchema, output: z.object({ state: z.enum(['PENDING', 'SENT', 'REFUSED']), message: z.string() }) },
  'outbox.retryNow': {
    input: z.object({}).strict(),
    output: z.object({ sent: z.number().int(), retried: z.number().int(), refused: z.number().int() }),
  },
  'indicator.monthly': { input: z.object({ months: z.number().int().min(1).max(24) }).strict(), output: z.array(indicatorMonthSchema) },
  'settings.get': { input: z.object({}).strict(), output: settingsViewSchema },
  'settings.save': { input: settingsPatchSchema, output: settingsViewSchema },
  'diagnostic.get': { input: z.object({}).strict(), output: diagnosticSchema },
  'diagnostic.supportBundle': {
    input: z.object({}).strict(),
    output: z.object({ path: z.string(), fileName: z.string(), base64: z.string() }),
  },
  'backup.state': { input: z.object({}).strict(), output: backupStateSchema },
  'backup.now': { input: z.object({}).strict(), output: backupStateSchema },
  'backup.restore': {
    input: z.object({ name: z.string().regex(/^comptoir-\d{4}-\d{2}-\d{2}(-\d{6})?\.sqlite$/, 'nom de sauvegarde invalide') }).strict(),
    output: backupStateSchema,
  },
  'backup.cancelRestore': { input: z.object({}).strict(), output: backupStateSchema },
  'tariffs.list': { input: z.object({}).strict(), output: tariffsViewSchema },
  'tariffs.import': {
    input: z.object({ text: z.string().max(64 * 1024) }).strict(),
    output: z.object({ imported: z.number().int(), view: tariffsViewSchema }),
  },
  'database.get': { input: z.object({}).strict(), output: databaseViewSchema },
  'database.test': { input: z.object({ address: serverAddressSchema }).strict(), output: z.object({ version: z.string() }) },
  'database.save': { input: databasePatchSchema, output: databaseViewSchema },
  'catalogue.status': { input: z.object({}).strict(), output: catalogueStatusSchema },
  'catalogue.importBdpm': { input: catalogueZipSchema, output: z.object({ lines: z.array(z.string()), view: catalogueStatusSchema }) },
  'catalogue.importFile': {
    input: z.object({ text: z.string().max(11 * 1024 * 1024) }).strict(),
    output: z.object({ lines: z.array(z.string()), view: catalogueStatusSchema }),
  },
  'claims.overview': { input: z.object({}).strict(), output: claimsOverviewSchema },
  'claims.transmit': { input: z.object({}).strict(), output: transmitReportSchema },
  'claims.readMailbox': { input: z.object({}).strict(), output: z.object({ applied: z.number().int() }) },
  'claims.recycle': { input: z.object({ fseNumber: z.string().regex(/^[0-9]{9}$/) }).strict(), output: z.object({ message: z.string() }) },
  'claims.bordereauPdf': {
    input: z.object({ lotId: z.string().uuid() }).strict(),
    output: z.object({ fileName: z.string(), base64: z.string() }),
  },
  'patients.setOrganisme': {
    input: z.object({ patientId: z.number().int().positive(), organisme: organismeSchema.nullable() }).strict(),
    output: patientViewSchema,
  },
} satisfies Record<CallName, { input: z.ZodType; output: z.ZodType }>;

/** Every event main pushes to the renderer. */
export const EVENTS = {
  'reader.scanned': readEventSchema,
  'reader.status': readerStatusSchema,
  'outbox.changed': outboxCountsSchema,
  'teleservice.status': z.object({ reachable: z.boolean() }),
  'teleservice.access': z.object({ access: teleserviceAccessSchema }),
  /** A catalogue import going on: presentations written so far, of how many. */
  'catalogue.progress': z.object({ done: z.number().int(), total: z.number().int() }),
  /** The counter's heartbeat on the pharmacy's server failed (its open prescriptions may go to another counter), or is back. */
  'counter.heartbeat': z.object({ ok: z.boolean() }),
} satisfies Record<EventName, z.ZodType>;

export type CallInput<K extends CallName> = z.infer<(typeof CALLS)[K]['input']>;
export type CallOutput<K extends CallName> = z.infer<(typeof CALLS)[K]['output']>;
export type EventPayload<E extends EventName> = z.infer<(typeof EVENTS)[E]>;

/** What main implements: one async function per call. */
export type CallHandlers = { [K in CallName]: (input: CallInput<K>) => Promise<CallOutput<K>> };
