import { z } from 'zod';
import { classifiedCodeSchema } from '../codes/code-kinds.js';
import { prescriptionSchema } from '../teleservice/schemas.js';
import type { CallName, EventName } from './names.js';

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

export const appStatusSchema = z.object({
  version: z.string(),
  host: z.enum(['electron', 'browser']),
  pharmacy: z.object({ finess: z.string(), name: z.string(), pharmacistRpps: z.string() }).nullable(),
  teleservice: z.object({ embedded: z.boolean(), reachable: z.boolean() }),
  reader: readerStatusSchema,
});
export type AppStatus = z.infer<typeof appStatusSchema>;

const prescriptionIdInput = z.object({ id: z.string().min(1).max(64) }).strict();

export const retrievedPrescriptionSchema = z.object({
  prescription: prescriptionSchema,
  lease: z.object({ expiresAt: z.string() }),
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
} satisfies Record<CallName, { input: z.ZodType; output: z.ZodType }>;

/** Every event main pushes to the renderer. */
export const EVENTS = {
  'reader.scanned': readEventSchema,
  'reader.status': readerStatusSchema,
} satisfies Record<EventName, z.ZodType>;

export type CallInput<K extends CallName> = z.infer<(typeof CALLS)[K]['input']>;
export type CallOutput<K extends CallName> = z.infer<(typeof CALLS)[K]['output']>;
export type EventPayload<E extends EventName> = z.infer<(typeof EVENTS)[E]>;

/** What main implements: one async function per call. */
export type CallHandlers = { [K in CallName]: (input: CallInput<K>) => Promise<CallOutput<K>> };
