import { CANCELLED_BEFORE_SENDING } from './counter/dispensing-cancellation.js';
import type { AppStatus, CallHandlers } from '../../shared/contract/ipc-contract.js';
import { AppError } from '../../shared/contract/result.js';
import { productKind } from '../../shared/rules/product-facts.js';
import { monthlyIndicator } from './store/indicator.js';
import type { BillingPreview } from './billing/billing-preview.js';
import type { PharmacyIdentity } from './counter/counter-context.js';
import type { CounterServices } from './counter/counter-services.js';
import type { ClaimsService } from './claims/claims-service.js';
import type { OutboxSender } from './counter/outbox-sender.js';
import type { PrescriptionRetrieval } from './counter/prescription-retrieval.js';
import type { EReaderHub } from './e-reader/e-reader-hub.js';
import type { PatientService } from './patients/patient-service.js';
import type { DatabaseSettings } from './settings/database-settings.js';
import type { TariffsService } from './billing/tariffs-service.js';
import type { DiagnosticService } from './settings/diagnostic-service.js';
import type { BackupService, BackupState } from './backup/backup-service.js';
import type { SettingsService } from './settings/settings-service.js';
import type { Store } from './store/store.js';
import type { CounterArchive } from './counter/counter-archive.js';
import type { CatalogueService } from './catalogue/catalogue-service.js';
import type { ServerBackupService } from './backup/server-backup.js';
import { ordonnancierEntries } from './counter/register-views.js';
import type { TeleserviceAccess } from './teleservice/teleservice-access.js';
import type { TeleserviceClient } from './teleservice/teleservice-client.js';

export type WorkstationParts = {
  version: string;
  host: AppStatus['host'];
  embeddedTeleservice: boolean;
  pharmacy: () => PharmacyIdentity | null;
  client: TeleserviceClient;
  access: TeleserviceAccess;
  archive: CounterArchive;
  catalogue: CatalogueService;
  /** On the pharmacy's server: its dumps from this counter (Alt+B); null on a counter's own file. */
  serverBackups: ServerBackupService | null;
  reader: EReaderHub;
  retrieval: PrescriptionRetrieval;
  store: Store;
  patients: PatientService;
  counter: CounterServices;
  claims: ClaimsService;
  billing: BillingPreview;
  sender: OutboxSender;
  settings: SettingsService;
  diagnostic: DiagnosticService;
  backups: BackupService | null;
  database: DatabaseSettings;
  tariffs: TariffsService;
  setupRequired: () => boolean;
};

function monthsBack(n: number): [string, string] {
  const now = new Date();
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (n - 1), 1));
  return [from.toISOString().slice(0, 7), now.toISOString().slice(0, 7)];
}

/** The contract's calls, implemented by the main-process services. */
export function createWorkstationHandlers(parts: WorkstationParts): CallHandlers {
  const { store } = parts;
  return {
    'app.status': async () => ({
      version: parts.version,
      host: parts.host,
      pharmacy: parts.pharmacy(),
      teleservice: { embedded: parts.embeddedTeleservice, reachable: await parts.client.health(), access: parts.access.state() },
      setupRequired: parts.setupRequired(),
      archive: parts.archive.available,
      catalogue: await catalogueInForce(store),
      reader: parts.reader.currentStatus(),
      claims: await parts.claims.warnings(),
    }),
    'codes.classify': async ({ text, source }) => parts.reader.feedText(text, source).code,
    'prescriptions.retrieve': ({ id }) => parts.counter.ordonnanceNumerique.retrieve(id),
    'prescribers.search': async ({ query }) => store.prescribers.search(query),
    'prescribers.create': async (input) => parts.counter.prescribers.create(input),
    'prescribers.setAddress': async ({ rpps, address }) => parts.counter.prescribers.setAddress(rpps, address),
    'prescriptions.release': async ({ id }) => ({ released: await parts.retrieval.release(id) }),
    'patients.search': async ({ query }) => parts.patients.search(query),
    'patients.create': async (input) => parts.patients.create(input),
    'patients.setAddress': async ({ patientId, address }) => parts.patients.setAddress(patientId, address),
    'patients.setOrganisme': async ({ patientId, organisme }) => parts.patients.setOrganisme(patientId, organisme),
    'claims.overview': () => parts.claims.overview(),
    'claims.transmit': () => parts.claims.transmit(),
    'claims.readMailbox': () => parts.claims.readMailbox(),
    'claims.recycle': ({ fseNumber }) => parts.claims.recycle(fseNumber),
    'claims.bordereauPdf': ({ lotId }) => parts.claims.bordereauPdf(lotId, parts.counter.context.printingPharmacy()),
    'patients.readVitale': () => parts.patients.readVitale(),
    'patients.redeemApcv': ({ nonce }) => parts.patients.redeemApcv(nonce),
    'patients.attachTiersPayant': async ({ patientId, text }) => parts.patients.attachTiersPayant(patientId, text),
    'patients.typeTiersPayant': async (form) => parts.patients.typeTiersPayant(form),
    'patients.tiersPayant': async ({ patientId }) => parts.patients.tiersPayant(patientId),
    'catalogue.alternatives': async ({ cip13 }) => parts.counter.ordonnanceNumerique.alternatives(cip13),
    'counter.assess': async ({ prescriptionId, proposal }) => parts.counter.ordonnanceNumerique.assess(prescriptionId, proposal),
    'counter.validate': (input) => parts.counter.ordonnanceNumerique.validate(input),
    'degraded.validate': (input) => parts.counter.degraded.validate(input),
    'counter.dispensingPdf': ({ dispensingId }) => parts.counter.prints.dispensingPdf(dispensingId),
    'history.list': async ({ query, archive }) => ({
      entries: archive ? await parts.archive.history(query) : await parts.counter.followUp.history(query),
    }),
    'dispensings.cancel': (input) => parts.counter.followUp.cancel(input),
    'outbox.list': async () => ({
      // An execution cancelled before it left is not « à régulariser »: nothing was sent.
      items: (await store.outbox.list(['PENDING', 'REFUSED']))
        .filter((i) => i.lastErrorCode !== CANCELLED_BEFORE_SENDING)
        .map((i) => ({
          executionId: i.executionId,
          prescriptionId: i.prescriptionId,
          state: i.state,
          attempts: i.attempts,
          lastErrorCode: i.lastErrorCode,
          lastErrorMessage: i.lastErrorMessage,
          createdAt: i.createdAt,
        })),
      counts: await store.outbox.counts(),
      documents: (await store.scor.open()).map((d) => ({
        dispensingId: d.dispensingId,
        prescriptionId: d.prescriptionId,
        circuit: d.circuit,
        state: d.state,
        createdAt: d.createdAt,
        lastErrorMessage: d.lastErrorMessage,
      })),
    }),
    'scor.attach': (input) => parts.counter.followUp.attachScan(input),
    'ordonnancier.list': async ({ archive, ...filter }) =>
      archive ? parts.archive.ordonnancier(filter) : ordonnancierEntries(store, filter),
    'ordonnancier.pdf': ({ archive, ...filter }) =>
      archive
        ? parts.archive.ordonnancierPdf(parts.counter.context.printingPharmacy(), filter)
        : parts.counter.prints.ordonnancierPdf(filter),
    'counter.ticketPdf': ({ dispensingId }) => parts.counter.prints.ticketPdf(dispensingId),
    'paper.assess': async (input) => parts.counter.paper.assess(input),
    'billing.paper': async (input) => parts.billing.paper(input),
    'billing.ordonnanceNumerique': async ({ prescriptionId, proposal, patientSource }) =>
      parts.billing.ordonnanceNumerique(parts.retrieval.retrieved(prescriptionId), proposal, patientSource),
    'paper.validate': async (input) => parts.counter.paper.validate(input),
    'catalogue.search': async ({ query }) =>
      (await store.catalogue.search(query)).map((p) => ({
        cip13: p.cip13,
        label: p.label,
        packSize: p.packSize,
        priceCents: p.priceCents,
        list: p.list,
        assimilatedNarcotic: p.assimilatedNarcotic === true,
        kind: productKind(p),
      })),
    'outbox.retryNow': () => parts.sender.sendDue(true),
    'indicator.monthly': async ({ months }) => monthlyIndicator(store.engine.db, ...monthsBack(months)),
    'settings.get': async () => parts.settings.view(),
    'settings.save': async (patch) => parts.settings.save(patch),
    'diagnostic.get': () => parts.diagnostic.diagnostic(),
    'diagnostic.supportBundle': () => parts.diagnostic.supportBundle(),
    'backup.state': async () => backupView(parts.backups, parts.serverBackups),
    'tariffs.list': () => parts.tariffs.inForce(),
    'tariffs.import': async ({ text }) => ({ ...(await parts.tariffs.importFile(text)), view: await parts.tariffs.inForce() }),
    'database.get': async () => parts.database.view(),
    'database.test': ({ address }) => parts.database.test(address),
    'database.save': (patch) => parts.database.save(patch),
    'catalogue.status': () => parts.catalogue.status(),
    'catalogue.importBdpm': ({ name, zipBase64 }) => parts.catalogue.importZip(name, zipBase64),
    'catalogue.importFile': ({ text }) => parts.catalogue.importFile(text),
    'backup.now': async () => {
      await (parts.backups ?? parts.serverBackups)?.backupNow();
      return backupView(parts.backups, parts.serverBackups);
    },
    'backup.restore': async ({ name }) => {
      if (!parts.backups)
        throw new AppError(
          'BACKUP_ON_SERVER',
          'La base est celle du serveur de l’officine : elle se restaure dans une base neuve, postes fermés (« comptoir db restore FICHIER »), jamais depuis un poste.',
        );
      const request = await parts.backups.requestRestore(name);
      await store.transaction((tx) =>
        tx.audit.append(parts.settings.identity().pharmacy?.pharmacistRpps ?? 'inconnu', 'backup.restore_requested', request.name, {
          day: request.day,
        }),
      );
      return backupView(parts.backups, parts.serverBackups);
    },
    'backup.cancelRestore': async () => {
      parts.backups?.cancelRestore();
      return backupView(parts.backups, parts.serverBackups);
    },
  };
}

/** The catalogue in force, by its main source (the BDPM first). */
async function catalogueInForce(store: Store) {
  const c = await store.catalogueImports.counts();
  const source = c.BDPM > 0 ? ('BDPM' as const) : c.FILE > 0 ? ('FILE' as const) : c.SAMPLE > 0 ? ('SAMPLE' as const) : null;
  return { inForce: c.BDPM + c.FILE + c.SAMPLE, source };
}

/** The renderer sees names, days and sizes; never another path than the folder it shows. */
function backupView(backups: BackupService | null, server: ServerBackupService | null) {
  const view = ({ name, day, at, bytes }: { name: string; day: string; at: string; bytes: number }) => ({ name, day, at, bytes });
  if (!backups) {
    const s = server?.state();
    return {
      kind: 'server' as const,
      folder: s?.folder ?? null,
      backups: (s?.backups ?? []).map(view),
      last: s?.last ?? null,
      pendingRestore: null,
      lastRestore: null,
    };
  }
  const state: BackupState = backups.state();
  return {
    kind: 'file' as const,
    folder: state.folder,
    backups: state.backups.map(({ name, day, at, bytes }) => ({ name, day, at, bytes })),
    last: state.last,
    pendingRestore: state.pendingRestore,
    lastRestore: state.lastRestore,
  };
}
