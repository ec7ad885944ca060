import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { AppError } from '../../../shared/contract/result.js';
import { poolConfig, type ServerTarget } from '../store/postgres/server-address.js';
import { serverActivity } from '../store/postgres/server-probe.js';
import { Store } from '../store/store.js';
import { backupsToRemove, freeBackupName, listBackups, type BackupFile } from './backup-files.js';

/** What a dump or a restore may take at most: a pharmacy's database is a few hundred megabytes. */
const TOOL_TIMEOUT_MS = 30 * 60_000;

/** Debian's postgresql-client: on the PATH, or in the server's own folder. */
function tool(name: 'pg_dump' | 'pg_restore'): string {
  const file = process.platform === 'win32' ? `${name}.exe` : name;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) if (dir && existsSync(join(dir, file))) return join(dir, file);
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (existsSync(join(root, v, 'bin', name))) return join(root, v, 'bin', name);
  throw new AppError('POSTGRES_TOOLS_MISSING', `${name} introuvable : installez le client PostgreSQL (apt-get install postgresql-client).`);
}

/** The connection for the PostgreSQL tools, by their environment: never a password on a command line. */
function toolEnv(target: string | ServerTarget): NodeJS.ProcessEnv {
  const c = poolConfig(target);
  const ssl = c.ssl;
  // The tools checked as the counter's own connection is: encrypted, the certificate (and the name, unless verify-ca) checked with the authority.
  const verified = typeof ssl === 'object' && ssl.rejectUnauthorized === true;
  const sslmode =
    ssl === false || ssl === undefined ? 'disable' : verified ? (ssl.checkServerIdentity ? 'verify-ca' : 'verify-full') : 'require';
  const ca = process.env.COMPTOIR_DATABASE_CA?.trim();
  return {
    PATH: process.env.PATH,
    LANG: 'C.UTF-8',
    PGHOST: String(c.host),
    PGPORT: String(c.port ?? 5432),
    PGDATABASE: String(c.database),
    PGUSER: String(c.user),
    ...(c.password ? { PGPASSWORD: String(c.password) } : {}),
    PGSSLMODE: sslmode,
    ...(verified && ca ? { PGSSLROOTCERT: ca } : {}),
  };
}

function run(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: TOOL_TIMEOUT_MS });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => void (stdout.length < 4_000_000 && (stdout += d.toString())));
    child.stderr.on('data', (d: Buffer) => void (stderr.length < 100_000 && (stderr += d.toString())));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** A dump is a backup once pg_restore reads its table of contents, audit trail included. */
async function checkDump(file: string): Promise<void> {
  const listed = await run(tool('pg_restore'), ['--list', file], { PATH: process.env.PATH, LANG: 'C.UTF-8' });
  if (listed.code !== 0 || !/TABLE DATA public audit_log /.test(listed.stdout)) {
    throw new AppError('SERVER_BACKUP_CORRUPT', 'Sauvegarde du serveur illisible (pg_restore --list la refuse) : elle n’est pas gardée.');
  }
}

/**
 * `comptoir db backup`: the pharmacy's server dumped (pg_dump -Fc), checked by pg_restore --list,
 * named by its Paris day like the counter's copies (`officine-2026-12-06.dump`, a later one with its
 * time), rotated the same way (7 daily, 4 weekly). A failed one leaves the previous copies as they were.
 */
export async function backupServer(target: string | ServerTarget, folder: string, now = new Date()): Promise<BackupFile> {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(now);
  const name = freeBackupName(folder, day, now, 'server');
  const partial = join(folder, `${name}.partiel`);
  try {
    const dumped = await run(tool('pg_dump'), ['--format=custom', '--no-owner', '--file', partial], toolEnv(target));
    if (dumped.code !== 0) throw new AppError('SERVER_BACKUP_FAILED', `Sauvegarde du serveur impossible : ${firstLine(dumped.stderr)}`);
    chmodSync(partial, 0o600);
    await checkDump(partial);
    renameSync(partial, join(folder, name));
  } finally {
    rmSync(partial, { force: true });
  }
  for (const old of backupsToRemove(listBackups(folder, 'server'))) rmSync(old.file, { force: true });
  return listBackups(folder, 'server').find((b) => b.name === name)!;
}

/**
 * `comptoir db restore FILE`: into an empty database only (never over the pharmacy's records), and
 * never while counters have prescriptions open on it; restored in one transaction, then its audit
 * chain verified.
 */
export async function restoreServer(target: string | ServerTarget, file: string): Promise<{ auditEntries: number }> {
  if (!existsSync(file)) throw new AppError('BACKUP_NOT_FOUND', `Sauvegarde introuvable : ${file}`);
  await checkDump(file);
  await refuseUnlessEmpty(target);
  const restored = await run(
    tool('pg_restore'),
    ['--no-owner', '--exit-on-error', '--single-transaction', '--dbname', String(poolConfig(target).database), file],
    toolEnv(target),
  );
  if (restored.code !== 0)
    throw new AppError(
      'SERVER_RESTORE_FAILED',
      `Restauration refusée par le serveur, rien n’a été modifié : ${firstLine(restored.stderr)}`,
    );
  const store = await Store.openPostgres(target, 'restauration');
  try {
    const verified = await store.audit.verify();
    if (!verified.ok)
      throw new AppError('RESTORED_AUDIT_BROKEN', `Base restaurée, mais son journal d’audit est altéré : ${verified.message}`);
    return { auditEntries: verified.entries };
  } finally {
    await store.close();
  }
}

/** Counters with prescriptions open (heartbeats of the last 30 s, by the server's clock), then any table at all. */
async function refuseUnlessEmpty(target: string | ServerTarget): Promise<void> {
  const { counters, tables } = await serverActivity(target);
  if (counters.length > 0)
    throw new AppError(
      'COUNTERS_RUNNING',
      `Des postes travaillent sur cette base (${counters.join(', ')}) : fermez-les avant de restaurer.`,
    );
  if (tables > 0)
    throw new AppError(
      'TARGET_NOT_EMPTY',
      'Cette base n’est pas vide : restaurez dans une base neuve (createdb), jamais par-dessus les données de l’officine.',
    );
}

/** The tool's first line of error, without the connection details it may repeat. */
function firstLine(stderr: string): string {
  return (stderr.split('\n').find((l) => l.trim() !== '') ?? 'erreur inconnue').replace(/password=\S+/g, 'password=…').slice(0, 300);
}

/**
 * « Configuration › Sauvegardes » on a counter of the pharmacy's server: the server's dumps in this
 * counter's folder, the last attempt, and Alt+B for one now. Restoring is the owner's, counters closed
 * (`comptoir db restore`): never from a counter that works on the database.
 */
export class ServerBackupService {
  private last: { at: string; ok: boolean; message: string | null } | null = null;
  private running: Promise<BackupFile | null> | null = null;

  constructor(
    private readonly target: string,
    readonly folder: string,
  ) {}

  state(): { folder: string; backups: BackupFile[]; last: ServerBackupService['last'] } {
    return { folder: this.folder, backups: listBackups(this.folder, 'server'), last: this.last };
  }

  backupNow(): Promise<BackupFile | null> {
    this.running ??= backupServer(this.target, this.folder)
      .then(
        (done) => ((this.last = { at: new Date().toISOString(), ok: true, message: null }), done),
        (error: unknown) => (
          (this.last = {
            at: new Date().toISOString(),
            ok: false,
            message: error instanceof AppError ? error.message : 'Sauvegarde du serveur impossible.',
          }),
          null
        ),
      )
      .finally(() => (this.running = null));
    return this.running;
  }
}
