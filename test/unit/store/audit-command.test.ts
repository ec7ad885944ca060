import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Store } from '../../../src/main/services/store/store.js';
import { runComptoir } from '../../helpers/processes.js';
import { tempStoreFile } from '../../helpers/store-fixture.js';

describe('comptoir audit verify', () => {
  it('says the chain is intact, then finds the tampered row and exits 1', async () => {
    const file = tempStoreFile();
    const store = Store.openSqlite(file, 'poste-1');
    for (let i = 0; i < 3; i++) await store.audit.append('10001234565', 'dispensing.recorded', `P${i}`, { i });
    await store.close();
    const ok = await runComptoir(['audit', 'verify', '--data-dir', dirname(file)]);
    expect([ok.code, ok.stdout.trim()]).toEqual([
      0,
      'Journal d’audit intègre : 3 entrée(s) vérifiée(s) (dossier jamais ancré : chaîne seule).',
    ]);
    const raw = new Database(file);
    raw.exec('DROP TRIGGER audit_log_no_update');
    raw.prepare("UPDATE audit_log SET actor = '10003456786' WHERE seq = 2").run();
    raw.close();
    const bad = await runComptoir(['audit', 'verify', '--data-dir', dirname(file)]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/ALTÉRÉ : Entrée 2 modifiée/);
  });

  it('refuses a folder without a database', async () => {
    const res = await runComptoir(['audit', 'verify', '--data-dir', '/nonexistent-comptoir']);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/Aucune base de données/);
  });
});
