import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const SECRETS_FILE = 'secrets.json';

/** The secrets a workstation keeps, never in its database (a copy of the database carries none). */
export type SecretName = 'teleservice.token' | 'audit.anchorKey' | 'database.url';

/**
 * How a secret is sealed on disk: the desktop app passes Electron's `safeStorage` (the OS keychain,
 * DPAPI on Windows); browser mode and the command line have none, so their secrets rely on the
 * file's owner-only mode (0600).
 */
export type SecretSealer = {
  readonly protection: 'safeStorage';
  seal(plain: string): string;
  open(sealed: string): string;
};

const entrySchema = z.object({ protection: z.enum(['none', 'safeStorage']), value: z.string().max(4096) });
const fileSchema = z.object({ version: z.literal(1), secrets: z.record(z.string(), entrySchema) });
type SecretsFile = z.infer<typeof fileSchema>;

export class SecretStoreError extends Error {
  constructor(
    readonly code: 'SECRETS_UNREADABLE' | 'SECRET_SEALED_ELSEWHERE',
    message: string,
  ) {
    super(message);
  }
}

/**
 * `secrets.json` beside the data, 0600, replaced atomically (a crash mid-write leaves the old file).
 * `seal: true` seals with the sealer when there is one; the audit anchor's key is stored unsealed on
 * purpose, so `comptoir audit verify` can check the anchor outside the desktop app.
 */
export class SecretStore {
  private readonly file: string;

  constructor(
    dataDir: string,
    private readonly sealer: SecretSealer | null = null,
  ) {
    this.file = join(dataDir, SECRETS_FILE);
  }

  get protection(): 'safeStorage' | 'none' {
    return this.sealer?.protection ?? 'none';
  }

  get(name: SecretName): string | null {
    const entry = this.read().secrets[name];
    if (!entry) return null;
    if (entry.protection === 'none') return entry.value;
    if (!this.sealer)
      throw new SecretStoreError(
        'SECRET_SEALED_ELSEWHERE',
        'Ce secret est protégé par le trousseau du système : ouvrez-le depuis l’application Comptoir.',
      );
    return this.sealer.open(entry.value);
  }

  set(name: SecretName, value: string | null, options: { seal: boolean }): void {
    const current = this.read();
    const secrets = { ...current.secrets };
    if (value === null) delete secrets[name];
    else
      secrets[name] =
        options.seal && this.sealer
          ? { protection: this.sealer.protection, value: this.sealer.seal(value) }
          : { protection: 'none', value };
    this.write({ version: 1, secrets });
  }

  /**
   * An unreadable file is set aside (kept, never deleted) and the store starts empty: the workstation
   * still opens, the token is asked again in the Configuration, and the audit anchor's mismatch is
   * reported by `audit verify`. True when it had to.
   */
  setAsideIfUnreadable(at = new Date()): boolean {
    try {
      this.read();
      return false;
    } catch (error) {
      if (!(error instanceof SecretStoreError)) throw error;
      renameSync(this.file, `${this.file}.illisible-${at.toISOString().replace(/[:.]/g, '-')}`);
      return true;
    }
  }

  private read(): SecretsFile {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, secrets: {} };
      throw new SecretStoreError('SECRETS_UNREADABLE', `Fichier des secrets illisible (${SECRETS_FILE}).`);
    }
    try {
      return fileSchema.parse(JSON.parse(text));
    } catch {
      throw new SecretStoreError(
        'SECRETS_UNREADABLE',
        `Fichier des secrets invalide (${SECRETS_FILE}) : ressaisissez le jeton du téléservice dans la Configuration.`,
      );
    }
  }

  private write(content: SecretsFile): void {
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(content, null, 2), { mode: 0o600 });
    renameSync(temporary, this.file);
  }
}
