import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../src/main/services/store/store.js';
import { runComptoir } from '../helpers/processes.js';
import { testStores } from '../helpers/store-engines.js';

const stores = testStores();

describe('comptoir db backup and db restore: the pharmacy’s server backed up like a counter’s file', () => {
  it('dumps, checks with pg_restore --list, rotates; restores only into an empty database, never while counters work, audit verified', async () => {
    const url = await stores.url();
    const office = await Store.openPostgres(url, 'COMPTOIR-1');
    await office.transaction(async (tx) => {
      const p = await tx.patients.upsert({
        nir: null,
        lastName: 'SAUVEGARDE',
        firstName: 'Serveur',
        birthDate: '1970-01-01',
        sex: 'M',
        source: 'MANUAL',
      });
      await tx.audit.append('10001234565', 'patient.created', String(p.id));
    });
    const folder = mkdtempSync(join(tmpdir(), 'comptoir-dbbackup-'));
    // Older copies: beyond 7 daily and 4 weekly ones they go; anything else in the folder stays.
    for (let d = 1; d <= 40; d++) writeFileSync(join(folder, `officine-2026-10-${String(d % 31 || 31).padStart(2, '0')}.dump`), 'old');
    writeFileSync(join(folder, 'notes.txt'), 'à garder');

    const backed = await runComptoir(['db', 'backup', '--to', folder], { COMPTOIR_DATABASE_URL: url });
    expect(backed.code, backed.stderr).toBe(0);
    const written = /écrite et vérifiée : (\S+officine-\d{4}-\d{2}-\d{2}\.dump)/.exec(backed.stdout)?.[1];
    expect(written).toBeDefined();
    expect(execFileSync('pg_restore', ['--list', written!], { encoding: 'utf8' })).toMatch(/TABLE DATA public patients /);
    const kept = readdirSync(folder).filter((n) => n.endsWith('.dump'));
    expect(kept.length).toBeLessThanOrEqual(11);
    expect(readdirSync(folder)).toContain('notes.txt');

    // Never over the pharmacy's records; never while a counter has a prescription open.
    await office.locks.acquire('013XJ9K2M4P6R8T0V0', { id: 'c1', name: 'COMPTOIR-1' });
    const busy = await runComptoir(['db', 'restore', written!], { COMPTOIR_DATABASE_URL: url });
    expect([busy.code, busy.stderr.trim()]).toEqual([
      1,
      'Restauration refusée : Des postes travaillent sur cette base (COMPTOIR-1) : fermez-les avant de restaurer. [COUNTERS_RUNNING]',
    ]);
    await office.locks.releaseAll('c1');
    // A counter still connected (no prescription open) is running too.
    expect((await runComptoir(['db', 'restore', written!], { COMPTOIR_DATABASE_URL: url })).stderr).toContain('[COUNTERS_RUNNING]');
    await office.close();
    const over = await runComptoir(['db', 'restore', written!], { COMPTOIR_DATABASE_URL: url });
    expect([over.code, over.stderr]).toEqual([1, expect.stringContaining('[TARGET_NOT_EMPTY]')]);

    const empty = await stores.url();
    const restored = await runComptoir(['db', 'restore', written!], { COMPTOIR_DATABASE_URL: empty });
    expect([restored.code, restored.stderr, restored.stdout.trim()]).toEqual([
      0,
      '',
      'Base de l’officine restaurée : 1 entrée(s) du journal d’audit vérifiées.',
    ]);
    const copy = await Store.openPostgres(empty, 'contrôle');
    try {
      expect(await copy.patients.search('sauvegarde', 5)).toEqual([expect.objectContaining({ lastName: 'SAUVEGARDE' })]);
    } finally {
      await copy.close();
    }
    // A file that is no dump is refused before anything is touched.
    const junk = join(folder, 'faux.dump');
    writeFileSync(junk, 'pas une sauvegarde');
    expect((await runComptoir(['db', 'restore', junk], { COMPTOIR_DATABASE_URL: await stores.url() })).stderr).toContain(
      '[SERVER_BACKUP_CORRUPT]',
    );
  }, 60_000);

  it('comptoir backup on a counter set to the server says which command backs the server up (never « disque plein »)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'comptoir-backup-server-'));
    writeFileSync(join(dataDir, 'comptoir.sqlite'), '');
    const result = await runComptoir(['backup', '--data-dir', dataDir], { COMPTOIR_DATABASE_URL: await stores.url() });
    expect([result.code, result.stderr.trim()]).toEqual([
      2,
      'Ce poste travaille sur le serveur de l’officine : sauvegardez-le avec « comptoir db backup ».',
    ]);
  }, 30_000);
});
