import { hostname } from 'node:os';
import { join } from 'node:path';
import { AmServer } from '../../am-server/am-server.js';
import { parisDate } from '../../am-server/clock.js';
import { DEMO_PATIENTS, DEMO_PHARMACY } from '../../am-server/demo/demo-actors.js';
import { demoOrganisme } from '../../am-server/demo/demo-beneficiaries.js';
import { demoSeed } from '../../am-server/demo/demo-seed.js';
import type { AppStatus } from '../../shared/contract/ipc-contract.js';
import { sampleCatalogue } from '../../shared/demo/sample-catalogue.js';
import { createDispatcher, type Dispatch } from '../services/contract-dispatcher.js';
import { BillingPreview } from '../services/billing/billing-preview.js';
import { TariffsService } from '../services/billing/tariffs-service.js';
import { counterServices } from '../services/counter/counter-services.js';
import type { PharmacyIdentity } from '../services/counter/counter-context.js';
import { OutboxSender, type SendReport } from '../services/counter/outbox-sender.js';
import { CounterLocks } from '../services/counter/counter-locks.js';
import { PrescriptionRetrieval } from '../services/counter/prescription-retrieval.js';
import { EReaderDevice } from '../services/e-reader/e-reader-device.js';
import { EReaderHub } from '../services/e-reader/e-reader-hub.js';
import { nodeHidBackend } from '../services/e-reader/node-hid-backend.js';
import { EventBus } from '../services/event-bus.js';
import type { Logger } from '../services/logger.js';
import { restrictDataFolder } from './private-data-folder.js';
import { PatientService } from '../services/patients/patient-service.js';
import { simulatedVitaleReader } from '../services/patients/vitale-reader.js';
import { ClaimsService } from '../services/claims/claims-service.js';
import { DatabaseSettings } from '../services/settings/database-settings.js';
import { DiagnosticService } from '../services/settings/diagnostic-service.js';
import { SettingsService, type TeleserviceMode } from '../services/settings/settings-service.js';
import type { Store } from '../services/store/store.js';
import { SecretStoreError, type SecretSealer, type SecretStore } from '../services/secrets/secret-store.js';
import { openDataFolder, STORE_FILE } from './data-folder.js';
import { CounterArchive } from '../services/counter/counter-archive.js';
import { CatalogueService } from '../services/catalogue/catalogue-service.js';
import { markRunning } from './running-marker.js';
import { counterId } from './counter-identity.js';
import { applyRequestedRestore } from './restore-backup.js';
import { BackupService } from '../services/backup/backup-service.js';
import { SERVER_BACKUP_FOLDER } from '../services/backup/backup-files.js';
import { ServerBackupService } from '../services/backup/server-backup.js';
import { TeleserviceClient } from '../services/teleservice/teleservice-client.js';
import { TeleserviceMonitor } from '../services/teleservice/teleservice-monitor.js';
import { TeleserviceAccess } from '../services/teleservice/teleservice-access.js';
import { createWorkstationHandlers } from '../services/workstation-handlers.js';
import type { WorkstationConfig } from './config.js';

export const APP_VERSION = '0.1.0';

export type Workstation = {
  dispatch: Dispatch;
  bus: EventBus;
  reader: EReaderHub;
  store: Store;
  sender: OutboxSender;
  backups: BackupService | null;
  embeddedTeleserviceUrl: string | null;
  close: () => Promise<void>;
};

/**
 * Assembles the main-process services for either host. Without COMPTOIR_AM_URL it starts the
 * embedded mock téléservice on loopback with its demo data (its file beside the workstation's),
 * and fills an empty catalogue with the sample catalogue.
 */
export async function startWorkstation(
  config: WorkstationConfig,
  host: AppStatus['host'],
  log: Logger,
  sealer: SecretSealer | null = null,
): Promise<Workstation> {
  // A restore asked for from « Sauvegardes » happens here, before the database it replaces opens.
  if (!config.databaseUrl) await applyRequestedRestore(config.dataDir, log);
  const opened = await openDataFolder(config.dataDir, config.workstationName ?? hostname(), sealer, {
    databaseUrl: config.databaseUrl ?? null,
  });
  const { secrets, databaseFile, auditAnchorProblem, secretsSetAside } = opened;
  // Who this counter is (its own id, from its folder) and the name the pharmacy knows it by, unique among its counters.
  const self = { id: counterId(config.dataDir), name: '' };
  self.name = await opened.store.counters.register(self.id, opened.store.workstation, hostname());
  const store = opened.store.as(self);
  if (secretsSetAside) log.error('secrets.unreadable_set_aside', {});
  if (auditAnchorProblem) log.error('audit.anchor_mismatch', { seq: auditAnchorProblem.seq });
  const saved = await store.settings.get('teleservice.connection');
  // An address the file holds but the rules refuse (plain http:// to a network host): neither used nor replaced by the demo.
  const refusedAddress = config.amUrl === null && !saved && (await store.settings.refused('teleservice.connection'));
  if (refusedAddress) log.error('teleservice.saved_url_refused', {});
  const mode: TeleserviceMode = config.amUrl !== null ? 'environment' : saved || refusedAddress ? 'remote' : 'embedded';
  let embedded: AmServer | null = null;
  let baseUrl = config.amUrl ?? saved?.url ?? null;
  let token = config.amToken ?? (saved ? savedToken(secrets, log) : null);
  // A pharmacy on a shared database never falls back to the demo téléservice: its counters would dispense into it.
  const shared = store.engine.shared;
  if (baseUrl === null && !shared && !refusedAddress) {
    const adminToken = config.embeddedMockAdminToken ?? undefined;
    embedded = new AmServer({ db: join(config.dataDir, 'teleservice-demo.sqlite'), seed: demoSeed(parisDate(new Date())), adminToken });
    baseUrl = (await embedded.listen(0, '127.0.0.1')).url;
    token = DEMO_PHARMACY.token;
    log.info('teleservice.embedded_started', { url: baseUrl });
    await seedDemo(store);
  }
  // After the embedded téléservice has created its file: every file of the folder is the user's only.
  const tightened = process.platform === 'win32' ? 0 : restrictDataFolder(config.dataDir);
  if (tightened > 0) log.warn('data_folder.modes_restricted', { entries: tightened });
  if (baseUrl === null) log.warn('teleservice.not_configured', {});
  const client = new TeleserviceClient({ baseUrl, token: token ?? '' });
  const known =
    mode === 'environment' || (await store.settings.get('pharmacy.identity')) === null ? await identityFromTeleservice(client) : null;
  const settings = await SettingsService.load(store, secrets, mode, baseUrl, known);
  const pharmacy = (): PharmacyIdentity | null => {
    const identity = settings.identity().pharmacy;
    return identity ? { ...identity, address: settings.address() } : null;
  };
  const setupRequired = (): boolean => config.firstRun === true && mode !== 'environment' && !settings.setupCompleted();
  const bus = new EventBus();
  const readerChoice = await store.settings.get('reader.choice');
  const reader = new EReaderHub(bus, log, readerChoice.layout);
  const device =
    readerChoice.mode === 'wedge'
      ? null
      : await startReaderDevice(reader, bus, log, readerChoice.mode === 'device' ? readerChoice.devicePath : null);
  // A prescription is open at one counter of the pharmacy at a time (« Ordonnance ouverte au poste … »).
  // A counter's own SQLite file has no other counter: no lock to write (and no fsync at each F3).
  const locks = store.engine.shared ? new CounterLocks(store, self, (ok) => bus.emit('counter.heartbeat', { ok })) : null;
  await locks?.start();
  const retrieval = new PrescriptionRetrieval(client, store.dispensings, locks ?? undefined);
  // This counter sends once the téléservice has said its token is the pharmacy's (GET /v1/me).
  // The FINESS the pharmacy saved, never the one the téléservice gave for this very token (it would check itself).
  const savedFiness = (): string | null =>
    settings.identity().source === 'settings' ? (settings.identity().pharmacy?.finess ?? null) : null;
  const access = new TeleserviceAccess(client, savedFiness, bus);
  // The claims' lots leave through the one sender; its loop closes them and reads the mailbox.
  const claims: ClaimsService = new ClaimsService(
    store,
    client,
    { sendDue: (all: boolean): Promise<SendReport> => sender.sendDue(all) },
    log,
    () => pharmacy()?.pharmacistRpps ?? 'inconnu',
  );
  const sender: OutboxSender = new OutboxSender(store, client, log, {
    access,
    periodic: (): Promise<void> => claims.tick(),
    onChange: () =>
      void store.outbox.counts().then(
        (counts) => bus.emit('outbox.changed', counts),
        () => undefined,
      ),
  });
  // A database switch saved (Configuration › Base de données) stops recording on this store until the restart.
  const counter = counterServices(store, retrieval, sender, pharmacy, () => database.switchPending());
  const patients = new PatientService(
    store,
    client,
    simulatedVitaleReader({ ...DEMO_PATIENTS.durand, organisme: demoOrganisme('durand') }),
    () => pharmacy()?.pharmacistRpps ?? 'inconnu',
  );
  const diagnostic = new DiagnosticService({
    store,
    client,
    reader,
    settings,
    dataDir: config.dataDir,
    version: APP_VERSION,
    databaseFile,
  });
  const monitor = new TeleserviceMonitor(client, bus);
  // The pharmacy's server is backed up by its own tools; a counter's file by Comptoir.
  const backups = store.engine.onlineBackup ? new BackupService(store.engine.onlineBackup, config.dataDir, log) : null;
  // On the pharmacy's server: its dumps, kept in this counter's folder (the owner restores them, counters closed).
  const serverBackups = opened.databaseUrl ? new ServerBackupService(opened.databaseUrl, join(config.dataDir, SERVER_BACKUP_FOLDER)) : null;
  const releaseRunning = markRunning(config.dataDir);
  const file = join(config.dataDir, STORE_FILE);
  const switching = { store, file, counter: () => ({ ...self, actor: pharmacy()?.pharmacistRpps ?? 'inconnu' }) };
  const database = new DatabaseSettings(
    secrets,
    { mode: store.engine.shared ? 'server' : 'file', description: databaseFile },
    Boolean(config.databaseUrl),
    switching,
  );
  // On the pharmacy's server, this counter's own file (if it had one) stays readable: its archive.
  const archive = new CounterArchive(store.engine.shared ? file : null, self.name);
  const handlers = createWorkstationHandlers({
    version: APP_VERSION,
    host,
    embeddedTeleservice: embedded !== null,
    pharmacy,
    client,
    access,
    archive,
    serverBackups,
    catalogue: new CatalogueService(store, bus, () => pharmacy()?.pharmacistRpps ?? 'inconnu'),
    reader,
    retrieval,
    store,
    patients,
    counter,
    claims,
    billing: new BillingPreview(store),
    sender,
    settings,
    diagnostic,
    backups,
    database,
    tariffs: new TariffsService(store, () => pharmacy()?.pharmacistRpps ?? 'inconnu'),
    setupRequired,
  });
  sender.start();
  monitor.start();
  // A backup at every start, without holding the counter up (the backup API copies online).
  void backups?.backupNow();
  backups?.startDaily();
  return {
    dispatch: createDispatcher(handlers, log),
    bus,
    reader,
    store,
    sender,
    backups,
    embeddedTeleserviceUrl: embedded ? baseUrl : null,
    close: async () => {
      sender.stop();
      monitor.stop();
      await backups?.stop();
      await locks?.stop();
      await archive.close();
      releaseRunning();
      await device?.stop();
      await embedded?.close();
      await store.close();
    },
  };
}

/** The HID e-reader, when node-hid can load here; without it the virtual e-reader and typing remain. */
async function startReaderDevice(hub: EReaderHub, bus: EventBus, log: Logger, path: string | null): Promise<EReaderDevice | null> {
  try {
    const device = new EReaderDevice(await nodeHidBackend(), hub, bus, log, { filter: { path } });
    device.start();
    return device;
  } catch {
    log.warn('reader.node_hid_unavailable', {});
    return null;
  }
}

/** The saved token; an unreadable secrets file starts the workstation anyway (the téléservice then says the token is refused). */
function savedToken(secrets: SecretStore, log: Logger): string | null {
  try {
    return secrets.get('teleservice.token');
  } catch (error) {
    log.error('secrets.unreadable', { code: error instanceof SecretStoreError ? error.code : 'UNKNOWN' });
    return null;
  }
}

/** A demo install: the sample catalogue, and the demo's patients (its prescriptions are theirs: F2 finds them). */
async function seedDemo(store: Store): Promise<void> {
  if ((await store.catalogue.count()) === 0)
    await store.transaction((tx) => tx.catalogue.upsertMany(sampleCatalogue().map((p) => ({ ...p, sample: true }))));
  if ((await store.patients.count()) === 0) {
    await store.transaction(async (tx) => {
      for (const [key, p] of Object.entries(DEMO_PATIENTS))
        await tx.patients.upsert({ ...p, source: 'MANUAL', organisme: demoOrganisme(key as keyof typeof DEMO_PATIENTS) });
    });
  }
}

/** Who the téléservice says we are (`GET /v1/me`), when the settings do not say it. */
async function identityFromTeleservice(client: TeleserviceClient): Promise<PharmacyIdentity | null> {
  const me = await client.me().catch(() => null);
  return me?.kind === 'pharmacy' ? { finess: me.finess ?? '', name: me.name ?? '', pharmacistRpps: me.pharmacistRpps ?? '' } : null;
}
