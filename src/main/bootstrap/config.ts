import { teleserviceUrlProblem } from '../../shared/teleservice/teleservice-url.js';
import { homedir } from 'node:os';
import { poolConfig } from '../services/store/postgres/server-address.js';
import { join } from 'node:path';

/** What the environment says before any setting: the téléservice and where the data lives. */
export type WorkstationConfig = {
  amUrl: string | null;
  amToken: string | null;
  dataDir: string;
  /** Show the first-run wizard on an unconfigured data folder (the desktop app; `serve --first-run`). */
  firstRun?: boolean;
  /**
   * Tests only (COMPTOIR_MOCK_ADMIN_TOKEN): the embedded mock's `/_mock` controls, for requests that
   * carry this secret in `X-Mock-Admin`. Unset (always, at a pharmacy), the embedded mock has none.
   */
  embeddedMockAdminToken?: string | null;
  /** COMPTOIR_DATABASE_URL: the pharmacy's shared PostgreSQL database instead of the counter's file. */
  databaseUrl?: string | null;
  /** COMPTOIR_WORKSTATION: this counter's name (« Poste »); the machine's name otherwise. */
  workstationName?: string | null;
};

export class ConfigError extends Error {}

/** An address refused (an option other than sslmode, no TLS beyond this machine) is said before anything starts. */
function checkServerAddress(url: string): void {
  try {
    poolConfig(url);
  } catch (error) {
    throw new ConfigError(`COMPTOIR_DATABASE_URL refusée : ${(error as Error).message}`);
  }
}

/** The user's data folder, as each office OS names it. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Comptoir');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Comptoir');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'comptoir');
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): WorkstationConfig {
  const amUrl = env.COMPTOIR_AM_URL?.trim() || null;
  const amToken = env.COMPTOIR_AM_TOKEN?.trim() || null;
  if (amUrl !== null) {
    let url: URL;
    try {
      url = new URL(amUrl);
    } catch {
      throw new ConfigError("COMPTOIR_AM_URL n'est pas une adresse valide (non répétée ici : elle peut contenir des identifiants).");
    }
    const problem = teleserviceUrlProblem(url.href);
    if (problem) throw new ConfigError(`COMPTOIR_AM_URL refusée : ${problem}.`);
    if (amToken === null) throw new ConfigError('COMPTOIR_AM_URL est donné sans COMPTOIR_AM_TOKEN : indiquez le jeton de l’officine.');
  }
  const embeddedMockAdminToken = env.COMPTOIR_MOCK_ADMIN_TOKEN?.trim() || null;
  if (embeddedMockAdminToken !== null && embeddedMockAdminToken.length < 16)
    throw new ConfigError('COMPTOIR_MOCK_ADMIN_TOKEN trop court (16 caractères au moins).');
  const databaseUrl = env.COMPTOIR_DATABASE_URL?.trim() || null;
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl))
    throw new ConfigError('COMPTOIR_DATABASE_URL attend une adresse postgres://… (non répétée ici : elle peut contenir un mot de passe).');
  if (databaseUrl !== null) checkServerAddress(databaseUrl);
  const workstationName = env.COMPTOIR_WORKSTATION?.trim().slice(0, 40) || null;
  return {
    amUrl,
    amToken,
    dataDir: env.COMPTOIR_DATA_DIR?.trim() || defaultDataDir(env),
    embeddedMockAdminToken,
    databaseUrl,
    workstationName,
  };
}
