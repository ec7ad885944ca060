import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../../src/main/services/store/store.js';
import { runComptoir } from '../../helpers/processes.js';

describe('comptoir tarifs import', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tariffs-'));
  beforeAll(() => Store.openSqlite(join(dataDir, 'comptoir.sqlite'), 'test').close());
  const file = (name: string, text: string): string => {
    const path = join(dataDir, name);
    writeFileSync(path, text);
    return path;
  };

  it('refuses a file with a bad row, naming its lines, and imports nothing', async () => {
    const res = await runComptoir([
      'tarifs',
      'import',
      file('bad.csv', 'code;montant_eur;taux;depuis\nHDR;0,60;70;2026-12-01\nHDZ;1;70;2026-12-01\n'),
      '--data-dir',
      dataDir,
    ]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/rien n’a été importé[\s\S]*ligne 3 : code inconnu/);
    const store = Store.openSqlite(join(dataDir, 'comptoir.sqlite'), 'test');
    expect(await store.tariffs.list()).toEqual([]);
    await store.close();
  });

  it('imports a good file, dated, into the store the workstation bills with', async () => {
    const res = await runComptoir([
      'tarifs',
      'import',
      file('good.csv', 'code;montant_eur;taux;depuis\nHDR;0,60;70;2026-12-01\nHD;1,05;ligne;2027-01-01\n'),
      '--data-dir',
      dataDir,
    ]);
    expect([res.code, res.stdout]).toEqual([0, expect.stringContaining('2 tarif(s) importé(s) : HDR depuis le 01/12/2026')]);
    const store = Store.openSqlite(join(dataDir, 'comptoir.sqlite'), 'test');
    expect(await store.tariffs.list()).toEqual([
      { code: 'HD', since: '2027-01-01', amountCents: 105, rate: 'line' },
      { code: 'HDR', since: '2026-12-01', amountCents: 60, rate: 70 },
    ]);
    // Written in the audit trail, the chain whole.
    expect(await store.engine.db.selectFrom('audit_log').select('action').execute()).toEqual([{ action: 'tariffs.imported' }]);
    expect((await store.audit.verify()).ok).toBe(true);
    await store.close();
  });
});
