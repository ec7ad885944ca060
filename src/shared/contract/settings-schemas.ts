import { z } from 'zod';
import { addressSchema } from './address.js';
import { isValidFiness, isValidRpps } from '../ids/professional.js';
import { teleserviceUrlProblem } from '../teleservice/teleservice-url.js';

/** Settings as the renderer sees them: never a token or a password, only whether one is set. */
export const settingsViewSchema = z.object({
  pharmacy: z.object({ finess: z.string(), name: z.string(), pharmacistRpps: z.string() }).nullable(),
  /** Where the identity in force comes from: these settings, or the téléservice (`GET /v1/me`). */
  pharmacySource: z.enum(['settings', 'teleservice']).nullable(),
  /** Printed under the pharmacy's name (F8, Ticket, Ordonnancier); the téléservice does not give it. */
  pharmacyAddress: z.string().nullable(),
  teleservice: z.object({ mode: z.enum(['embedded', 'remote', 'environment']), url: z.string().nullable(), hasCredentials: z.boolean() }),
  transmissionPhase: z.union([z.literal(1), z.literal(2)]),
  reader: z.object({ mode: z.enum(['auto', 'device', 'wedge']), devicePath: z.string().nullable(), layout: z.enum(['us', 'fr']) }),
  setupCompleted: z.boolean(),
  restartNeeded: z.boolean(),
  /** This counter's name (« Poste »): COMPTOIR_WORKSTATION, or the machine's name. */
  workstation: z.string(),
  /** On the pharmacy's shared database: no demonstration téléservice (its counters would dispense into it). */
  sharedDatabase: z.boolean(),
});
export type SettingsView = z.infer<typeof settingsViewSchema>;

export const settingsPatchSchema = z
  .object({
    pharmacy: z
      .object({
        finess: z.string().trim().refine(isValidFiness, 'FINESS : 9 chiffres'),
        name: z.string().trim().min(1, 'nom de l’officine obligatoire').max(120),
        pharmacistRpps: z.string().trim().refine(isValidRpps, 'RPPS invalide (11 chiffres, clé de Luhn)'),
      })
      .strict()
      .optional(),
    pharmacyAddress: addressSchema.optional(),
    teleservice: z
      .union([
        z.object({ mode: z.literal('embedded') }).strict(),
        z
          .object({
            mode: z.literal('remote'),
            url: z
              .string()
              .trim()
              .max(300)
              .superRefine((u, ctx) => {
                const problem = teleserviceUrlProblem(u);
                if (problem) ctx.addIssue({ code: 'custom', message: problem });
              }),
            token: z.string().trim().min(8, 'jeton trop court').max(400),
          })
          .strict(),
      ])
      .optional(),
    transmissionPhase: z.union([z.literal(1), z.literal(2)]).optional(),
    reader: z
      .object({ mode: z.enum(['auto', 'device', 'wedge']), devicePath: z.string().max(400).nullable(), layout: z.enum(['us', 'fr']) })
      .strict()
      .optional(),
    setupCompleted: z.boolean().optional(),
  })
  .strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export const diagnosticSchema = z.object({
  versions: z.object({
    app: z.string(),
    node: z.string(),
    electron: z.string().nullable(),
    database: z.string(),
    chromeInRenderer: z.null(),
  }),
  dataDir: z.string(),
  databaseFile: z.string(),
  schemaVersion: z.number().int(),
  teleservice: z.object({ mode: z.string(), reachable: z.boolean() }),
  reader: z.object({ state: z.string(), message: z.string(), lastRead: z.string().nullable() }),
  outbox: z.object({ PENDING: z.number().int(), SENT: z.number().int(), REFUSED: z.number().int() }),
});

/** « Sauvegardes »: where the backups are, each one, and how the last attempt went (folder null: the pharmacy's server backs itself up). */
export const backupStateSchema = z.object({
  /** What is backed up: this counter's file, or the pharmacy's server (pg_dump, restored by its owner). */
  kind: z.enum(['file', 'server']),
  folder: z.string().nullable(),
  backups: z.array(z.object({ name: z.string(), day: z.string(), at: z.string(), bytes: z.number().int() })),
  last: z.object({ at: z.string(), ok: z.boolean(), message: z.string().nullable() }).nullable(),
  /** A restore asked for from the screen, done at the next start; and what the last one did. */
  pendingRestore: z.object({ name: z.string(), day: z.string(), requestedAt: z.string() }).nullable(),
  lastRestore: z.object({ name: z.string(), at: z.string(), ok: z.boolean(), message: z.string() }).nullable(),
});
export type BackupStateView = z.infer<typeof backupStateSchema>;

/**
 * The pharmacy's server as fields: host, port, database, user, password — no free-form options
 * (an address's options can name files to read, or freeze a connection).
 */
export const serverAddressSchema = z
  .object({
    host: z
      .string()
      .trim()
      .min(1, 'serveur obligatoire')
      .max(253)
      .regex(/^[A-Za-z0-9.:[\]-]+$/, 'serveur : un nom ou une adresse IP'),
    port: z.number().int().min(1, 'port entre 1 et 65535').max(65535, 'port entre 1 et 65535'),
    database: z
      .string()
      .trim()
      .min(1, 'base obligatoire')
      .max(63)
      .regex(/^[A-Za-z0-9_-]+$/, 'base : lettres, chiffres, _ ou -'),
    user: z
      .string()
      .trim()
      .min(1, 'utilisateur obligatoire')
      .max(63)
      .regex(/^[A-Za-z0-9_.-]+$/, 'utilisateur : lettres, chiffres, _ . ou -'),
    password: z.string().max(200),
  })
  .strict();
export type ServerAddressInput = z.infer<typeof serverAddressSchema>;

/** « Base de données »: this counter's own file, or the pharmacy's server (never its password). */
export const databaseViewSchema = z.object({
  mode: z.enum(['file', 'server', 'environment']),
  inUse: z.string(),
  saved: z.string().nullable(),
  /** The saved server's fields but its password, to fill the form again. */
  savedAddress: z.object({ host: z.string(), port: z.number(), database: z.string(), user: z.string() }).nullable(),
  restartNeeded: z.boolean(),
});
export const databasePatchSchema = z.union([
  z.object({ mode: z.literal('file') }).strict(),
  z.object({ mode: z.literal('server'), address: serverAddressSchema }).strict(),
]);
export type DatabaseView = z.infer<typeof databaseViewSchema>;

const tariffSchema = z.object({
  code: z.enum(['HD', 'HD3', 'HDR', 'HDA', 'HDE', 'HDC']),
  amountCents: z.number().int(),
  rate: z.union([z.number().int(), z.literal('line')]),
  since: z.string(),
});
/** « Tarifs »: the honoraires in force today (and where each comes from), and every imported one. */
export const tariffsViewSchema = z.object({
  inForce: z.array(tariffSchema.extend({ origin: z.enum(['default', 'imported']) })),
  imported: z.array(tariffSchema),
});

/** « Configuration › Catalogue »: the base in force, where it comes from, and the last import's summary. */
export const catalogueStatusSchema = z.object({
  source: z.enum(['BDPM', 'FILE', 'SAMPLE']).nullable(),
  inForce: z.number().int(),
  bySource: z.object({ BDPM: z.number().int(), FILE: z.number().int(), SAMPLE: z.number().int() }),
  withdrawn: z.number().int(),
  last: z
    .object({ at: z.string(), source: z.enum(['BDPM', 'FILE']), publishedOn: z.string().nullable(), lines: z.array(z.string()) })
    .nullable(),
});
export type CatalogueStatusView = z.infer<typeof catalogueStatusSchema>;
/** A zip of the BDPM as chosen in the screen (the WebSocket carries 12 MiB at most). */
export const catalogueZipSchema = z
  .object({
    name: z.string().max(200),
    zipBase64: z
      .string()
      .max(11 * 1024 * 1024)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'zip illisible'),
  })
  .strict();
