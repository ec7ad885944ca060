import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, openSync, readFileSync, readdirSync, statSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { STORE_FILE, openDataFolder } from '../../src/main/bootstrap/data-folder.js';
import { startWorkstation } from '../../src/main/bootstrap/start-workstation.js';
import { daysToKeep, listBackups } from '../../src/main/services/backup/backup-files.js';
import { BackupService } from '../../src/main/services/backup/backup-service.js';
import { silentLogger } from '../../src/main/services/logger.js';
import type { Store } from '../../src/main/services/store/store.js';
import { startServe } from '../helpers/browser.js';
import { runComptoir } from '../helpers/processes.js';

const newDir = () => mkdtempSync(join(tmpdir(), 'comptoir-backup-'));
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

async function addPatients(store: Store, from: number, count: number): Promise<void> {
  for (let i = from; i < from + count; i++) {
    await store.transaction(async (tx) => {
      const patient = await tx.patients.upsert({
        nir: null,
        lastName: `PATIENT${i}`,
        firstName: 'Test',
        birthDate: '1980-01-01',
        sex: 'F',
        source: 'MANUAL',
      });
      await tx.audit.append('10001234565', 'patient.created', String(patient.id));
    });
  }
}

function consecutiveDays(last: string, count: number): string[] {
  const end = new Date(`${last}T12:00:00Z`);
  return Array.from({ length: count }, (_, i) => new Date(end.getTime() - i * 86_400_000).toISOString().slice(0, 10));
}

/** Overwrites pages in the middle of the file, the way a failing disk does. */
function corrupt(file: string): void {
  const size = statSync(file).size;
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(Math.min(64 * 1024, size - 8192), 0xa5), 0, undefined, 4096);
  closeSync(fd);
}

describe('backup rotation', () => {
  it('keeps the last 7 days and the last backup of each of the 4 latest weeks', () => {
    const keep = [...daysToKeep(consecutiveDays('2026-11-27', 60))].sort();
    // Friday 27/11: this week and last reach back 7 days; the two weeks before keep their Sunday.
    expect(keep).toEqual([
      '2026-11-08',
      '2026-11-15',
      '2026-11-21',
      '2026-11-22',
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
    ]);
  });

  it('counts days with a backup, not calendar days: a pharmacy closed for two weeks still has 7', () => {
    const days = [...consecutiveDays('2026-11-27', 3), ...consecutiveDays('2026-11-06', 10)];
    const keep = daysToKeep(days);
    expect([...keep].filter((d) => days.slice(0, 7).includes(d))).toHaveLength(7);
    expect(keep.has('2026-10-28')).toBe(false);
  });
});

describe('online backups', () => {
  it('writes a checked, owner-only copy; a later one the same day goes beside it, never replacing the day’s first; rotation over 40 days', async () => {
    const dir = newDir();
    const { store } = await openDataFolder(dir, 'poste-1');
    await addPatients(store, 0, 20);
    let now = new Date('2026-10-01T10:00:00Z');
    const backups = new BackupService(store.engine.onlineBackup!, dir, silentLogger, () => now);
    const first = await backups.backupNow();
    expect(first).toMatchObject({ name: 'comptoir-2026-10-01.sqlite' });
    expect(statSync(first!.file).mode & 0o777).toBe(0o600);
    const firstSha = sha(first!.file);
    const copy = new Database(first!.file, { readonly: true });
    expect(copy.prepare('SELECT count(*) AS n FROM patients').get()).toEqual({ n: 20 });
    copy.close();
    await addPatients(store, 20, 1);
    now = new Date('2026-10-01T14:30:15Z');
    const second = await backups.backupNow();
    expect(second).toMatchObject({ name: 'comptoir-2026-10-01-163015.sqlite', time: '163015' });
    now = new Date('2026-10-01T17:00:00Z');
    await backups.backupNow();
    // The day keeps its first copy (before the day's work) and its latest; the one between goes.
    expect(listBackups(backups.folder).map((b) => b.name)).toEqual(['comptoir-2026-10-01-190000.sqlite', 'comptoir-2026-10-01.sqlite']);
    expect(sha(first!.file)).toBe(firstSha);
    for (let day = 2; day <= 40; day++) {
      now = new Date(Date.UTC(2026, 9, day, 10));
      await backups.backupNow();
    }
    const kept = listBackups(backups.folder).map((b) => b.day);
    expect(kept.slice(0, 7)).toEqual(consecutiveDays('2026-11-09', 7));
    expect(kept.length).toBeLessThanOrEqual(11);
    expect(backups.state().last).toMatchObject({ ok: true });
    await store.close();
  });

  it('is taken at every start, and the settings show its folder and files (backup.state, backup.now)', async () => {
    const dir = newDir();
    const ws = await startWorkstation({ amUrl: null, amToken: null, dataDir: dir }, 'browser', silentLogger);
    try {
      await ws.backups?.backupNow();
      const state = await ws.dispatch('backup.state', {});
      expect(state).toMatchObject({
        ok: true,
        value: { folder: join(dir, 'sauvegardes'), backups: [{ name: expect.stringMatching(/^comptoir-\d{4}-\d{2}-\d{2}\.sqlite$/) }] },
      });
      expect(await ws.dispatch('backup.now', {})).toMatchObject({ ok: true, value: { last: { ok: true } } });
    } finally {
      await ws.close();
    }
  });
});

describe('comptoir backup and comptoir restore', () => {
  it('restores a corrupted database from its backup: nothing lost up to the backup, the corrupt file kept, the audit chain verified and anchored', async () => {
    const dir = newDir();
    const opened = await openDataFolder(dir, 'poste-1');
    await addPatients(opened.store, 0, 30);
    await opened.store.close();
    const backup = await runComptoir(['backup', '--data-dir', dir]);
    expect(backup.code, backup.stderr).toBe(0);
    const file = listBackups(join(dir, 'sauvegardes'))[0]!.file;
    const after = await openDataFolder(dir, 'poste-1');
    await addPatients(after.store, 30, 5);
    after.store.engine.sqlite!.pragma('wal_checkpoint(TRUNCATE)');
    await after.store.close();
    corrupt(join(dir, STORE_FILE));
    const broken = new Database(join(dir, STORE_FILE));
    const integrity = (() => {
      try {
        return broken.pragma('integrity_check', { simple: true });
      } catch {
        return 'unreadable';
      }
    })();
    broken.close();
    expect(integrity).not.toBe('ok');

    const restored = await runComptoir(['restore', file, '--data-dir', dir]);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/Base restaurée : 30 entrée\(s\) du journal d’audit vérifiées/);
    const { store } = await openDataFolder(dir, 'poste-1');
    expect(store.engine.sqlite!.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(await store.patients.count()).toBe(30);
    expect(await store.audit.verify()).toEqual({ ok: true, entries: 31, anchored: true });
    expect(await store.engine.db.selectFrom('audit_log').select('action').orderBy('seq', 'desc').limit(1).executeTakeFirst()).toEqual({
      action: 'backup.restored',
    });
    await store.close();
    const aside = readdirSync(dir).find((n) => n.startsWith('avant-restauration-'));
    expect(aside && existsSync(join(dir, aside, STORE_FILE))).toBe(true);
    const verify = await runComptoir(['audit', 'verify', '--data-dir', dir]);
    expect(verify.code, verify.stdout).toBe(0);
  });

  it('refuses while a workstation runs on the folder, and changes nothing', async () => {
    const ws = await startServe();
    try {
      // The start's backup runs in the background: wait for it.
      for (let i = 0; i < 100 && listBackups(join(ws.dataDir, 'sauvegardes')).length === 0; i++)
        await new Promise((r) => setTimeout(r, 50));
      const file = listBackups(join(ws.dataDir, 'sauvegardes'))[0]?.file;
      expect(file).toBeDefined();
      const before = sha(join(ws.dataDir, STORE_FILE));
      const res = await runComptoir(['restore', file!, '--data-dir', ws.dataDir]);
      expect(res.code).toBe(1);
      expect(res.stderr).toMatch(/Un poste Comptoir tourne sur ce dossier.*\[WORKSTATION_RUNNING\]/);
      expect(sha(join(ws.dataDir, STORE_FILE))).toBe(before);
    } finally {
      ws.started.child.kill('SIGTERM');
    }
  });

  it.each([
    ['a text file', 'BACKUP_CORRUPT', (f: string) => writeFileSync(f, 'pas une base')],
    ['another SQLite database', 'BACKUP_NOT_COMPTOIR', (f: string) => new Database(f).exec('CREATE TABLE t (x)').close()],
    ['a backup whose audit chain was altered', 'BACKUP_AUDIT_BROKEN', 'tamper'],
    ['a corrupted backup', 'BACKUP_CORRUPT', 'corrupt'],
  ] as const)('refuses %s with %s, and changes nothing', async (_label, code, make) => {
    const dir = newDir();
    const { store } = await openDataFolder(dir, 'poste-1');
    await addPatients(store, 0, 40);
    const file = join(newDir(), 'candidate.sqlite');
    if (typeof make === 'function') make(file);
    else {
      await store.engine.sqlite!.backup(file);
      if (make === 'corrupt') corrupt(file);
      else {
        const raw = new Database(file);
        // The append-only trigger dropped for the edit, then put back exactly: the schema is as expected, the chain is not.
        const trigger = raw.prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE name = 'audit_log_no_update'").get()!;
        raw.exec('DROP TRIGGER audit_log_no_update');
        raw.prepare("UPDATE audit_log SET actor = '10003456786' WHERE seq = 2").run();
        raw.exec(trigger.sql);
        raw.close();
      }
    }
    store.engine.sqlite!.pragma('wal_checkpoint(TRUNCATE)');
    await store.close();
    const before = sha(join(dir, STORE_FILE));
    const res = await runComptoir(['restore', file, '--data-dir', dir]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`[${code}]`);
    expect(res.stderr).toMatch(/^Restauration refusée, rien n’a été modifié/);
    expect(sha(join(dir, STORE_FILE))).toBe(before);
  });
});

describe('a restore asked for from « Sauvegardes »', () => {
  it('checks the chosen copy at once, restores it at the next start (the replaced base kept), and says so on the screen', async () => {
    const dir = newDir();
    const first = await startWorkstation({ amUrl: null, amToken: null, dataDir: dir }, 'browser', silentLogger);
    let patientsAtBackup = 0;
    let name = '';
    try {
      await addPatients(first.store, 0, 3);
      const backup = await first.backups!.backupNow();
      name = backup!.name;
      patientsAtBackup = await first.store.patients.count();
      await addPatients(first.store, 3, 2);
      // Never a path: a name of the folder's copies only.
      expect(await first.dispatch('backup.restore', { name: '../comptoir.sqlite' })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
      expect(await first.dispatch('backup.restore', { name: 'comptoir-2001-01-01.sqlite' })).toMatchObject({
        ok: false,
        error: { code: 'BACKUP_NOT_FOUND' },
      });
      const asked = await first.dispatch('backup.restore', { name });
      expect(asked).toMatchObject({ ok: true, value: { pendingRestore: { name, day: backup!.day } } });
      // Withdrawn, then asked again: only the last word counts.
      expect(await first.dispatch('backup.cancelRestore', {})).toMatchObject({ ok: true, value: { pendingRestore: null } });
      await first.dispatch('backup.restore', { name });
      // Copies taken meanwhile never rotate away the one the restore waits for.
      const awaited = sha(backup!.file);
      for (let i = 0; i < 3; i++) await first.backups!.backupNow();
      expect(sha(backup!.file)).toBe(awaited);
      expect(await first.store.audit.verify()).toMatchObject({ ok: true });
    } finally {
      await first.close();
    }
    const second = await startWorkstation({ amUrl: null, amToken: null, dataDir: dir }, 'browser', silentLogger);
    try {
      // The demo seed adds its own patients at every start: count the test's.
      expect((await second.store.patients.search('patient', 50)).length).toBe(3);
      expect(patientsAtBackup).toBeGreaterThanOrEqual(3);
      const state = await second.dispatch('backup.state', {});
      expect(state).toMatchObject({
        ok: true,
        value: {
          pendingRestore: null,
          lastRestore: {
            name,
            ok: true,
            message: expect.stringMatching(
              /^Sauvegarde du \d\d\/\d\d\/\d{4} restaurée ; la base remplacée est conservée dans avant-restauration-/,
            ),
          },
        },
      });
      expect(await second.store.audit.verify()).toMatchObject({ ok: true, anchored: true });
      const kept = readdirSync(dir).filter((f) => f.startsWith('avant-restauration-'));
      expect(kept).toHaveLength(1);
      expect(existsSync(join(dir, kept[0]!, STORE_FILE))).toBe(true);
    } finally {
      await second.close();
    }
  });

  it('refuses a corrupted copy at once (BACKUP_CORRUPT), and one spoiled before the next start leaves the base as it was', async () => {
    const dir = newDir();
    const ws = await startWorkstation({ amUrl: null, amToken: null, dataDir: dir }, 'browser', silentLogger);
    try {
      await addPatients(ws.store, 0, 40);
      const good = await ws.backups!.backupNow();
      await addPatients(ws.store, 40, 1);
      const bad = await ws.backups!.backupNow();
      corrupt(bad!.file);
      expect(await ws.dispatch('backup.restore', { name: bad!.name })).toMatchObject({ ok: false, error: { code: 'BACKUP_CORRUPT' } });
      expect(await ws.dispatch('backup.state', {})).toMatchObject({ ok: true, value: { pendingRestore: null } });
      expect(await ws.dispatch('backup.restore', { name: good!.name })).toMatchObject({ ok: true });
      corrupt(good!.file);
    } finally {
      await ws.close();
    }
    const again = await startWorkstation({ amUrl: null, amToken: null, dataDir: dir }, 'browser', silentLogger);
    try {
      expect(await again.dispatch('backup.state', {})).toMatchObject({
        ok: true,
        value: {
          pendingRestore: null,
          lastRestore: { ok: false, message: expect.stringMatching(/^Restauration refusée, la base est inchangée : /) },
        },
      });
      expect((await again.store.patients.search('patient', 50)).length).toBe(41);
      expect(readdirSync(dir).some((f) => f.startsWith('avant-restauration-'))).toBe(false);
    } finally {
      await again.close();
    }
  });
});
