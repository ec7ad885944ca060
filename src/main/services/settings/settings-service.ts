import type { SettingsPatch, SettingsView } from '../../../shared/contract/settings-schemas.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { Store } from '../store/store.js';

export type TeleserviceMode = 'embedded' | 'remote' | 'environment';
/** The pharmacy's identity the workstation works under, and where it comes from. */
export type IdentityInForce = { pharmacy: SettingsView['pharmacy']; source: SettingsView['pharmacySource'] };

/**
 * « Configuration → Officine → Paramètres officine »: identity, téléservice, regulation (phase),
 * e-reader. The token goes to the secret store (never the database, never the renderer); a changed
 * connection applies at restart.
 */
export class SettingsService {
  private restartNeeded = false;

  constructor(
    private readonly store: Store,
    private readonly secrets: SecretStore,
    private readonly runningMode: TeleserviceMode,
    private readonly runningUrl: string | null,
    private readonly identity: () => IdentityInForce,
  ) {}

  private actor(): string {
    return this.identity().pharmacy?.pharmacistRpps ?? 'inconnu';
  }

  view(): SettingsView {
    const s = this.store.settings;
    const connection = s.get('teleservice.connection');
    const mode: TeleserviceMode = this.runningMode === 'environment' ? 'environment' : connection ? 'remote' : 'embedded';
    return {
      pharmacy: this.identity().pharmacy,
      pharmacySource: this.identity().source,
      teleservice: { mode, url: mode === 'embedded' ? null : (connection?.url ?? this.runningUrl), hasCredentials: mode !== 'embedded' },
      transmissionPhase: s.get('regulation.transmissionPhase'),
      reader: s.get('reader.choice'),
      setupCompleted: s.get('setup.completed'),
      restartNeeded: this.restartNeeded,
    };
  }

  save(patch: SettingsPatch): SettingsView {
    const s = this.store.settings;
    this.store.transaction(() => {
      if (patch.pharmacy) s.set('pharmacy.identity', patch.pharmacy);
      if (patch.teleservice) {
        const remote = patch.teleservice.mode === 'remote' ? patch.teleservice : null;
        const changed = remote?.url !== s.get('teleservice.connection')?.url || (remote?.token ?? null) !== this.secrets.get('teleservice.token');
        this.restartNeeded ||= changed;
        s.set('teleservice.connection', remote ? { url: remote.url } : null);
      }
      if (patch.transmissionPhase) s.set('regulation.transmissionPhase', patch.transmissionPhase);
      if (patch.reader) {
        this.restartNeeded ||= JSON.stringify(patch.reader) !== JSON.stringify(s.get('reader.choice'));
        s.set('reader.choice', patch.reader);
      }
      if (patch.setupCompleted !== undefined) s.set('setup.completed', patch.setupCompleted);
      // What changed, never the values of secrets.
      this.store.audit.append(this.actor(), 'settings.changed', null, { keys: Object.keys(patch).sort(), phase: patch.transmissionPhase ?? null });
    });
    // Once the settings are committed: a refused save changes no secret either.
    if (patch.teleservice) this.secrets.set('teleservice.token', patch.teleservice.mode === 'remote' ? patch.teleservice.token : null, { seal: true });
    return this.view();
  }
}
