import { chmodSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parisToday } from '../../../shared/format/paris-date.js';
import type { Logger } from '../logger.js';
import type { OnlineBackup } from '../store/store-engine.js';
import { AppError } from '../../../shared/contract/result.js';
import { auditHeadOf, checkBackup, isSoundCopy, RestoreError } from '../store/sqlite/sqlite-backup-check.js';
import { AuditAnchor, backupAnchorFile } from '../store/audit-anchor.js';
import { SecretStore } from '../secrets/secret-store.js';
import { backupWitness } from './backup-witness.js';
import {
  clearRestoreRequest,
  readLastRestore,
  readRestoreRequest,
  writeRestoreRequest,
  type RestoreOutcomeNote,
  type RestoreRequest,
} from './restore-request.js';
import { BACKUP_FOLDER, backupsToRemove, freeBackupName, listBackups, type BackupFile } from './backup-files.js';

export type BackupState = {
  folder: string;
  backups: BackupFile[];
  last: { at: string; ok: boolean; message: string | null } | null;
  /** A restore asked for, done at the next start; and what the last one did. */
  pendingRestore: RestoreRequest | null;
  lastRestore: RestoreOutcomeNote | null;
};

const HOUR_MS = 60 * 60 * 1000;

/**
 * Online backups of the workstation's database (SQLite's backup API: the counter keeps working
 * while it copies), at every start and once a day, checked, rotated (7 daily, 4 weekly), in
 * `sauvegardes/` inside the data folder, owner-only.
 */
export class BackupService {
  readonly folder: string;
  private last: BackupState['last'] = null;
  private running: Promise<BackupFile | null> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly onlineBackup: OnlineBackup,
    private readonly dataDir: string,
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.folder = join(dataDir, BACKUP_FOLDER);
  }

  /** One backup now (a second call while one runs waits for it rather than copying twice). */
  backupNow(): Promise<BackupFile | null> {
    this.running ??= this.copy().finally(() => (this.running = null));
    return this.running;
  }

  /** Checks every hour that today has its backup: a workstation left on overnight still gets one a day. */
  startDaily(): void {
    this.timer = setInterval(() => {
      if (!listBackups(this.folder).some((b) => b.day === parisToday(this.now()))) void this.backupNow();
    }, HOUR_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  state(): BackupState {
    return {
      folder: this.folder,
      backups: listBackups(this.folder),
      last: this.last,
      pendingRestore: readRestoreRequest(this.dataDir),
      lastRestore: readLastRestore(this.dataDir),
    };
  }

  /**
   * « Restaurer » a copy of this folder (named, never a path): checked now as `comptoir restore`
   * would (a bad copy is refused at once, with its code), then restored at the next start.
   */
  async requestRestore(name: string): Promise<RestoreRequest> {
    const backup = listBackups(this.folder).find((b) => b.name === name);
    if (!backup) throw new AppError('BACKUP_NOT_FOUND', 'Sauvegarde introuvable dans le dossier des sauvegardes : actualisez la liste.');
    try {
      await checkBackup(backup.file, { witness: backupWitness(this.dataDir, backup.file) });
    } catch (error) {
      if (error instanceof RestoreError) throw new AppError(error.code, error.message);
      throw error;
    }
    const request = { name, day: backup.day, requestedAt: this.now().toISOString() };
    writeRestoreRequest(this.dataDir, request);
    this.log.info('backup.restore_requested', { name });
    return request;
  }

  cancelRestore(): void {
    clearRestoreRequest(this.dataDir);
  }

  private async copy(): Promise<BackupFile | null> {
    const now = this.now();
    const day = parisToday(now);
    const name = freeBackupName(this.folder, day, now);
    const target = join(this.folder, name);
    const partial = `${target}.partiel`;
    try {
      mkdirSync(this.folder, { recursive: true, mode: 0o700 });
      await this.onlineBackup(partial);
      chmodSync(partial, 0o600);
      assertSound(partial);
      renameSync(partial, target);
      // The copy's own signed anchor: a later edit of it is refused at restore (#28.3).
      new AuditAnchor(this.dataDir, new SecretStore(this.dataDir)).writeFor(target, auditHeadOf(target));
      this.rotate();
      this.last = { at: this.now().toISOString(), ok: true, message: null };
      this.log.info('backup.done', { day });
      return listBackups(this.folder).find((b) => b.name === name) ?? null;
    } catch (error) {
      rmSync(partial, { force: true });
      const message =
        error instanceof BackupCheckError
          ? error.message
          : 'Sauvegarde impossible (disque plein ou dossier protégé ?) : la précédente est conservée.';
      this.last = { at: this.now().toISOString(), ok: false, message };
      this.log.error('backup.failed', {
        day,
        code: error instanceof BackupCheckError ? 'BACKUP_CORRUPT' : ((error as NodeJS.ErrnoException).code ?? 'UNKNOWN'),
      });
      return null;
    }
  }

  private rotate(): void {
    // The copy a restore waits for stays until the next start has restored it.
    for (const b of backupsToRemove(listBackups(this.folder), readRestoreRequest(this.dataDir)?.name ?? null))
      for (const file of [b.file, backupAnchorFile(b.file)]) rmSync(file, { force: true });
  }
}

class BackupCheckError extends Error {}

/** A copy is a backup once SQLite itself finds it sound. */
function assertSound(file: string): void {
  if (!isSoundCopy(file))
    throw new BackupCheckError('La copie de sauvegarde est incohérente : elle a été écartée, la précédente est conservée.');
}
