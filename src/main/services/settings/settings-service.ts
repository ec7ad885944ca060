import { AppError } from '../../../shared/contract/result.js';
import type { SettingsPatch, SettingsView } from '../../../shared/contract/settings-schemas.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { SettingValue } from '../store/settings.js';
import type { Store } from '../store/store.js';

export type TeleserviceMode = 'embedded' | 'remote' | 'environment';
/** The pharmacy's identity the workstation works under, and where it comes from. */
export type IdentityInForce = { pharmacy: SettingsView['pharmacy']; source: SettingsView['pharmacySource'] };

type Snapshot = {
  identity: SettingValue<'pharmacy.identity'>;
  address: SettingValue<'pharmacy.address'>;
  connection: SettingValue<'teleservice.connection'>;
  phase: SettingValue<'regulation.transmissionPhase'>;
  reader: SettingValue<'reader.choice'>;
  setupCompleted: boolean;
};

async function readSnapshot(store: Store): Promise<Snapshot> {
  const s = store.settings;
  return {
    identity: await s.get('pharmacy.identity'),
    address: await s.get('pharmacy.address'),
    connection: await s.get('teleservice.connection'),
    phase: await s.get('regulation.transmissionPhase'),
    reader: await s.get('reader.choice'),
    setupCompleted: await s.get('setup.completed'),
  };
}

/**
 * « Configuration → Officine → Paramètres officine »: identity, téléservice, regulation (phase),
 * e-reader. The token goes to the secret store (never the database, never the renderer); a changed
 * connection applies at restart. What the counter reads at every step (who the pharmacy is) comes
 * from a snapshot, brought up to date at each save and each view (another counter may have saved).
 */
export class SettingsService {
  private restartNeeded = false;

  private constructor(
    private readonly store: Store,
    private readonly secrets: SecretStore,
    private readonly runningMode: TeleserviceMode,
    private readonly runningUrl: string | null,
    private readonly teleserviceIdentity: SettingsView['pharmacy'],
    private snapshot: Snapshot,
  ) {}

  static async load(
    store: Store,
    secrets: SecretStore,
    runningMode: TeleserviceMode,
    runningUrl: string | null,
    teleserviceIdentity: SettingsView['pharmacy'],
  ): Promise<SettingsService> {
    return new SettingsService(store, secrets, runningMode, runningUrl, teleserviceIdentity, await readSnapshot(store));
  }

  /** The environment configures everything; otherwise the settings, then what the téléservice says of us. */
  identity(): IdentityInForce {
    const saved = this.runningMode === 'environment' ? null : this.snapshot.identity;
    return saved
      ? { pharmacy: saved, source: 'settings' }
      : { pharmacy: this.teleserviceIdentity, source: this.teleserviceIdentity ? 'teleservice' : null };
  }

  /** The pharmacy's address as its prints carry it (null: not given yet). */
  address(): string | null {
    return this.snapshot.address;
  }

  setupCompleted(): boolean {
    return this.snapshot.setupCompleted;
  }

  private actor(): string {
    return this.identity().pharmacy?.pharmacistRpps ?? 'inconnu';
  }

  async view(): Promise<SettingsView> {
    this.snapshot = await readSnapshot(this.store);
    const { connection } = this.snapshot;
    const mode: TeleserviceMode = this.runningMode === 'environment' ? 'environment' : connection ? 'remote' : 'embedded';
    return {
      pharmacy: this.identity().pharmacy,
      pharmacySource: this.identity().source,
      pharmacyAddress: this.snapshot.address,
      teleservice: {
        mode,
        url: mode === 'embedded' ? null : (connection?.url ?? this.runningUrl),
        hasCredentials: mode === 'environment' || (mode === 'remote' && this.hasOwnToken()),
      },
      transmissionPhase: this.snapshot.phase,
      reader: this.snapshot.reader,
      setupCompleted: this.snapshot.setupCompleted,
      restartNeeded: this.restartNeeded,
      workstation: this.store.workstation,
      sharedDatabase: this.shared(),
    };
  }

  private shared(): boolean {
    return this.store.engine.shared;
  }

  /** The token is each counter's own (its secret store): a new counter of the pharmacy has none yet. */
  private hasOwnToken(): boolean {
    try {
      return this.secrets.get('teleservice.token') !== null;
    } catch {
      return false;
    }
  }

  async save(patch: SettingsPatch): Promise<SettingsView> {
    if (patch.teleservice?.mode === 'embedded' && this.shared()) {
      throw new AppError(
        'EMBEDDED_ON_SHARED_DATABASE',
        'Le serveur de démonstration n’existe pas sur la base partagée de la pharmacie : indiquez l’adresse du téléservice et le jeton de ce poste.',
      );
    }
    const before = await readSnapshot(this.store);
    await this.store.transaction(async (tx) => {
      const s = tx.settings;
      if (patch.pharmacy) await s.set('pharmacy.identity', patch.pharmacy);
      if (patch.pharmacyAddress !== undefined) await s.set('pharmacy.address', patch.pharmacyAddress);
      if (patch.teleservice) {
        const remote = patch.teleservice.mode === 'remote' ? patch.teleservice : null;
        this.restartNeeded ||= remote?.url !== before.connection?.url || (remote?.token ?? null) !== this.secrets.get('teleservice.token');
        await s.set('teleservice.connection', remote ? { url: remote.url } : null);
      }
      if (patch.transmissionPhase) await s.set('regulation.transmissionPhase', patch.transmissionPhase);
      if (patch.reader) {
        this.restartNeeded ||= JSON.stringify(patch.reader) !== JSON.stringify(before.reader);
        await s.set('reader.choice', patch.reader);
      }
      if (patch.setupCompleted !== undefined) await s.set('setup.completed', patch.setupCompleted);
      // What changed, never the values of secrets.
      await tx.audit.append(this.actor(), 'settings.changed', null, {
        keys: Object.keys(patch).sort(),
        phase: patch.transmissionPhase ?? null,
      });
    });
    // Once the settings are committed: a refused save changes no secret either.
    if (patch.teleservice)
      this.secrets.set('teleservice.token', patch.teleservice.mode === 'remote' ? patch.teleservice.token : null, { seal: true });
    return this.view();
  }
}
