import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { LOG_FILE } from '../logging/file-logger.js';
import type { EReaderHub } from '../e-reader/e-reader-hub.js';
import type { Store } from '../store/store.js';
import type { TeleserviceClient } from '../teleservice/teleservice-client.js';
import type { SettingsService } from './settings-service.js';

/** The « Diagnostic » page and the support bundle (logs without personal data, settings without secrets). */
export class DiagnosticService {
  constructor(
    private readonly parts: {
      store: Store;
      client: TeleserviceClient;
      reader: EReaderHub;
      settings: SettingsService;
      dataDir: string;
      version: string;
      databaseFile: string;
    },
  ) {}

  async diagnostic() {
    const { store, client, reader, settings } = this.parts;
    const status = reader.currentStatus();
    return {
      versions: {
        app: this.parts.version,
        node: process.versions.node,
        electron: process.versions.electron ?? null,
        database: await store.engine.version(),
        chromeInRenderer: null,
      },
      dataDir: this.parts.dataDir,
      databaseFile: this.parts.databaseFile,
      schemaVersion: await store.engine.schemaVersion(),
      teleservice: { mode: (await settings.view()).teleservice.mode, reachable: await client.health() },
      reader: { state: status.state, message: status.message, lastRead: reader.lastReadSummary() },
      outbox: await store.outbox.counts(),
    };
  }

  async supportBundle(): Promise<{ path: string; fileName: string; base64: string }> {
    const logFile = join(this.parts.dataDir, 'logs', LOG_FILE);
    const settings = await this.parts.settings.view();
    const bundle = {
      createdAt: new Date().toISOString(),
      diagnostic: await this.diagnostic(),
      settings: { ...settings, pharmacy: settings.pharmacy ? { finess: settings.pharmacy.finess } : null },
      audit: await this.parts.store.audit.verify(),
      logTail: existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-500).join('\n') : '',
    };
    const dir = join(this.parts.dataDir, 'support');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const fileName = `comptoir-support-${bundle.createdAt.replace(/[:.]/g, '-')}.json`;
    // The user's home never leaves the machine in a bundle: paths are written from « ~ ».
    const text = JSON.stringify(bundle, null, 2).split(homedir()).join('~');
    writeFileSync(join(dir, fileName), text, { mode: 0o600 });
    keepLatest(dir, BUNDLES_KEPT);
    return { path: join(dir, fileName), fileName, base64: Buffer.from(text).toString('base64') };
  }
}

/** Support bundles do not pile up: the latest few are kept. */
const BUNDLES_KEPT = 5;

function keepLatest(dir: string, count: number): void {
  const bundles = readdirSync(dir)
    .filter((f) => /^comptoir-support-.*\.json$/.test(f))
    .sort();
  for (const old of bundles.slice(0, Math.max(0, bundles.length - count))) rmSync(join(dir, old));
}
