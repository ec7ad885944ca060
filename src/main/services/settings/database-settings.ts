import type { DatabaseView } from '../../../shared/contract/settings-schemas.js';
import { AppError } from '../../../shared/contract/result.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { SERVER_UNREACHABLE_MESSAGE, storeFailure } from '../store/store-errors.js';
import { Store } from '../store/store.js';
import { addressToUrl, targetFromUrl, type ServerAddress } from '../store/postgres/server-address.js';
import { serverVersion } from '../store/postgres/server-probe.js';
import { describeDatabaseUrl } from './database-url.js';
import { switchToFile, switchToServer, type SwitchingCounter } from './database-switch.js';

/** The store in use, this counter's file (its archive once on the server), and who switches. */
export type DatabaseSwitching = { store: Store; file: string; counter: () => SwitchingCounter };

/**
 * « Configuration › Base de données »: this counter's own SQLite file, or the pharmacy's PostgreSQL
 * server. The address (with its password) is kept in the secret store, tested before it is saved,
 * and used from the next start; COMPTOIR_DATABASE_URL, when set, decides instead.
 */
export class DatabaseSettings {
  private restartNeeded = false;
  private testing = false;
  private switched = false;

  constructor(
    private readonly secrets: SecretStore,
    private readonly inUse: { mode: 'file' | 'server'; description: string },
    private readonly fromEnvironment: boolean,
    private readonly switching: DatabaseSwitching | null = null,
    /** The saved address this run opened (the server in use), to know when a save goes back to it. */
    private readonly startedWith: string | null = savedUrl(secrets),
  ) {}

  view(): DatabaseView {
    const saved = this.secrets.get('database.url');
    return {
      mode: this.fromEnvironment ? 'environment' : saved ? 'server' : 'file',
      inUse: this.inUse.description,
      saved: saved ? describeDatabaseUrl(saved) : null,
      savedAddress: saved ? fieldsOf(saved) : null,
      restartNeeded: this.restartNeeded,
    };
  }

  /**
   * Connects, asks the server its version, and says in French why not when it cannot. One test at
   * a time, each within 5 s: the screen cannot be used to sweep the network's ports.
   */
  async test(address: ServerAddress | string): Promise<{ version: string }> {
    if (this.testing) throw new AppError('DATABASE_TEST_RUNNING', 'Un test de connexion est déjà en cours : attendez sa réponse.');
    this.testing = true;
    try {
      return await this.connectOnce(typeof address === 'string' ? address : addressToUrl(address));
    } finally {
      this.testing = false;
    }
  }

  private async connectOnce(url: string): Promise<{ version: string }> {
    try {
      return { version: await serverVersion(url) };
    } catch (error) {
      throw testFailure(error);
    }
  }

  /**
   * A switch saved, waiting for the next start: this counter records nothing more on the store it
   * leaves (its numbers were handed over, its work would never be read again).
   */
  switchPending(): boolean {
    return this.switched;
  }

  private async switchOver(to: string | null): Promise<void> {
    if (this.switching) await switchOverWith(this.switching, this.inUse.mode, to);
  }

  /** The address of the store in use as saved (null: the counter's file). */
  private inUseUrl(): string | null {
    return this.inUse.mode === 'file' ? null : this.startedWith;
  }

  async save(patch: { mode: 'file' } | { mode: 'server'; address: ServerAddress }): Promise<DatabaseView> {
    if (this.fromEnvironment)
      throw new AppError(
        'DATABASE_FROM_ENVIRONMENT',
        'La base est fixée au lancement de ce poste (son raccourci de démarrage) : elle ne se change pas ici.',
      );
    const after = patch.mode === 'server' ? addressToUrl(patch.address) : null;
    if (after !== null) await this.test(after);
    const before = this.secrets.get('database.url');
    if (before !== after) await this.switchOver(after);
    // Back to the store in use: nothing pending any more.
    this.switched = after !== this.inUseUrl();
    this.secrets.set('database.url', after, { seal: true });
    this.restartNeeded ||= before !== after;
    return this.view();
  }
}

/**
 * What a switch does before it is saved: nothing of the file left behind (refused while it holds
 * unsent work), the registers of the side joined going on after the other's numbers, the switch
 * audited on both sides. Its effect (the store opened) comes at the next start.
 */
async function switchOverWith(switching: DatabaseSwitching, inUse: 'file' | 'server', to: string | null): Promise<void> {
  const counter = switching.counter();
  if (to !== null && inUse === 'file') return switchToServer(switching.store, to, counter);
  if (to === null && inUse === 'server') {
    const file = Store.openSqlite(switching.file, counter.name);
    try {
      await switchToFile(switching.store, file, counter);
    } finally {
      await file.close();
    }
  }
}

/** The saved address, or none when the secret store cannot be read (the counter then starts on its file). */
function savedUrl(secrets: SecretStore): string | null {
  try {
    return secrets.get('database.url');
  } catch {
    return null;
  }
}

/** The saved server's fields but its password (an unreadable older address: none). */
function fieldsOf(url: string): DatabaseView['savedAddress'] {
  try {
    const { host, port, database, user } = targetFromUrl(url);
    return { host, port, database, user };
  } catch {
    return null;
  }
}

function testFailure(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (storeFailure(error)?.code === 'SERVER_UNREACHABLE')
    return new AppError(
      'DATABASE_TEST_FAILED',
      `${SERVER_UNREACHABLE_MESSAGE} Vérifiez l’adresse et le port, et que le serveur accepte ce poste.`,
    );
  const code = (error as { code?: string }).code;
  if (code === '28P01' || code === '28000')
    return new AppError('DATABASE_TEST_FAILED', 'Connexion refusée par le serveur : utilisateur ou mot de passe incorrect.');
  if (code === '3D000')
    return new AppError('DATABASE_TEST_FAILED', 'Cette base n’existe pas sur le serveur : créez-la, ou corrigez son nom.');
  return new AppError('DATABASE_TEST_FAILED', 'Connexion impossible au serveur de l’officine : vérifiez l’adresse.');
}
