import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { STORE_FILE, openDataFolder } from '../../src/main/bootstrap/data-folder.js';
import { startWorkstation } from '../../src/main/bootstrap/start-workstation.js';
import { silentLogger } from '../../src/main/services/logger.js';
import { listBackups } from '../../src/main/services/backup/backup-files.js';
import { runComptoir } from '../helpers/processes.js';
import { auditedPatients, rewriteAuditChain } from '../helpers/tampering.js';

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** A data folder with 10 patients, its backup (`comptoir backup`), then 2 more: the backup is older than the anchor. */
async function folderWithBackup(): Promise<{ dir: string; backup: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'comptoir-hostile-'));
  const opened = await openDataFolder(dir, 'poste-1');
  await auditedPatients(opened.store, 0, 10);
  await opened.store.close();
  const made = await runComptoir(['backup', '--data-dir', dir]);
  expect(made.code, made.stderr).toBe(0);
  const again = await openDataFolder(dir, 'poste-1');
  await auditedPatients(again.store, 10, 2);
  await again.store.close();
  return { dir, backup: listBackups(join(dir, 'sauvegardes'))[0]!.file };
}

/** Edits a backup as an attacker with the file would (SQLite, outside Comptoir). */
function edit(file: string, change: (db: Database.Database) => void): void {
  const db = new Database(file);
  change(db);
  db.close();
}

const restore = (dir: string, file: string, ...extra: string[]) => runComptoir(['restore', file, '--data-dir', dir, ...extra]);

describe('a backup that was tampered with (#28.3)', () => {
  it('is refused for a trigger added, an append-only trigger dropped or an index changed — the database left as it was', async () => {
    const { dir, backup } = await folderWithBackup();
    const live = sha(join(dir, STORE_FILE));
    const cases: [string, (db: Database.Database) => void, RegExp][] = [
      [
        'extra',
        (db) => db.exec('CREATE TRIGGER evil AFTER INSERT ON patients BEGIN DELETE FROM patients; END;'),
        /déclencheur en trop : evil/,
      ],
      ['dropped', (db) => db.exec('DROP TRIGGER audit_log_no_delete'), /déclencheur manquant : audit_log_no_delete/],
      ['view', (db) => db.exec('CREATE VIEW spy AS SELECT nir FROM patients'), /vue en trop : spy/],
      [
        'hidden under sqlite_',
        (db) => {
          db.unsafeMode(true);
          db.pragma('writable_schema = ON');
          db.prepare(
            "INSERT INTO sqlite_master (type, name, tbl_name, rootpage, sql) VALUES ('trigger', 'sqlite_x', 'patients', 0, 'CREATE TRIGGER sqlite_x AFTER INSERT ON patients BEGIN DELETE FROM patients; END')",
          ).run();
        },
        /BACKUP_SCHEMA_ALTERED|BACKUP_CORRUPT/,
      ],
    ];
    for (const [name, change, message] of cases) {
      const copy = join(dir, `${name}.sqlite`);
      copyFileSync(backup, copy);
      edit(copy, change);
      const refused = await restore(dir, copy);
      expect(refused.code, name).toBe(1);
      expect(refused.stderr + refused.stdout).toMatch(message);
      expect(refused.stderr + refused.stdout).toMatch(/BACKUP_SCHEMA_ALTERED|BACKUP_CORRUPT/);
      expect(sha(join(dir, STORE_FILE))).toBe(live);
    }
  });

  it('refuses a backup whose chain was edited and recomputed; --force restores it, journaled, and « audit verify » reports it', async () => {
    const { dir, backup } = await folderWithBackup();
    edit(backup, (db) => rewriteAuditChain(db, 3, (r) => ({ ...r, subject: 'falsifié' })));
    const refused = await restore(dir, backup);
    expect(refused.code).toBe(1);
    expect(refused.stderr + refused.stdout).toMatch(/BACKUP_NOT_ANCHORED/);
    expect(refused.stderr + refused.stdout).toMatch(/n’a plus le contenu avec lequel elle a été prise/);
    const forced = await restore(dir, backup, '--force');
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toMatch(/Restauration FORCÉE/);
    const verify = await runComptoir(['audit', 'verify', '--data-dir', dir]);
    expect(verify.stdout).toMatch(/Restauration forcée le .* : elle n’a plus le contenu avec lequel elle a été prise/);
  });

  it('refuses a backup edited outside its audit log (a patient renamed): its own anchor signs the whole file', async () => {
    const { dir, backup } = await folderWithBackup();
    edit(backup, (db) => db.prepare("UPDATE patients SET last_name = 'AUTRE' WHERE id = 1").run());
    const refused = await restore(dir, backup);
    expect(refused.code).toBe(1);
    expect(refused.stderr + refused.stdout).toMatch(/BACKUP_NOT_ANCHORED/);
  });

  it('restores what it checked: a backup’s entries still in its -wal are restored with it', async () => {
    const { dir } = await folderWithBackup();
    // A copy of a live database taken file by file while it was open: its last entries are only in its -wal.
    const source = join(mkdtempSync(join(tmpdir(), 'comptoir-wal-')), 'source.sqlite');
    const opened = await openDataFolder(join(source, '..'), 'poste-2');
    await auditedPatients(opened.store, 0, 3);
    const db = opened.store.engine.sqlite!;
    db.pragma('wal_checkpoint(TRUNCATE)');
    await auditedPatients(opened.store, 3, 4);
    const copy = join(dir, 'copie-a-chaud.sqlite');
    for (const suffix of ['', '-wal', '-shm']) copyFileSync(join(source, '..', STORE_FILE) + suffix, copy + suffix);
    await opened.store.close();
    // Another folder's copy: nothing here anchors it; restored whole, its -wal included.
    const restored = await runComptoir(['restore', copy, '--data-dir', mkdtempSync(join(tmpdir(), 'comptoir-empty-'))]);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/Base restaurée : 7 entrée\(s\)/);
  });

  it('never uses a plain http:// téléservice address its settings hold (an edited or restored file): no demo either, « non configuré »', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'comptoir-http-'));
    const opened = await openDataFolder(dir, 'poste-1');
    await opened.store.engine.db
      .insertInto('settings')
      .values({ key: 'teleservice.connection', value_json: JSON.stringify({ url: 'http://192.168.1.20:8080' }), updated_at: '2026-12-06' })
      .execute();
    expect(await opened.store.settings.get('teleservice.connection')).toBeNull();
    expect(await opened.store.settings.refused('teleservice.connection')).toBe(true);
    await opened.store.close();
    const ws = await startWorkstation({ amUrl: null, amToken: null, dataDir: dir }, 'browser', silentLogger);
    try {
      const status = await ws.dispatch('app.status', {});
      expect(status).toMatchObject({ ok: true, value: { teleservice: { embedded: false, reachable: false, access: 'not_configured' } } });
    } finally {
      await ws.close();
    }
  });
});
