import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { PNG } from 'pngjs';
import { openDataFolder } from '../src/main/bootstrap/data-folder.js';
import { startWorkstation } from '../src/main/bootstrap/start-workstation.js';
import { listBackups } from '../src/main/services/backup/backup-files.js';
import { silentLogger } from '../src/main/services/logger.js';
import { convertScanOffThread } from '../src/main/services/pdf/scan-conversion.js';
import { runComptoir } from '../test/helpers/processes.js';
import { auditedPatients, rewriteAuditChain } from '../test/helpers/tampering.js';

export type FileProbe = { finding: string; probe: string; expected: string; observed: () => Promise<string> };

/** A folder with a few audited patients and its backup (`comptoir backup`). */
async function folderWithBackup(): Promise<{ dir: string; backup: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'probe-backup-'));
  const { store } = await openDataFolder(dir, 'poste-1');
  await auditedPatients(store, 0, 5);
  await store.close();
  await runComptoir(['backup', '--data-dir', dir]);
  return { dir, backup: listBackups(join(dir, 'sauvegardes'))[0]!.file };
}

const codeOf = (output: string): string => /\[([A-Z_]+)\]/.exec(output)?.[1] ?? 'restored';

/** #28.1 and #28.3: hostile images and files, each tried as an attacker would. */
export function hostileFileProbes(): FileProbe[] {
  return [
    {
      finding: '#28.1',
      probe: 'a 12 Mpx scan converting: the longest wait of the counter’s event loop',
      expected: '< 150 ms (a worker thread)',
      observed: async () => {
        const image = new PNG({ width: 3000, height: 4200 });
        for (let i = 0; i < image.data.length; i++) image.data[i] = (i * 7919) % 251;
        const bytes = PNG.sync.write(image);
        let last = performance.now();
        let worst = 0;
        const ticker = setInterval(() => {
          worst = Math.max(worst, performance.now() - last);
          last = performance.now();
        }, 5);
        await convertScanOffThread(bytes, 'image/png');
        clearInterval(ticker);
        return worst < 150 ? '< 150 ms (a worker thread)' : `${worst.toFixed(0)} ms`;
      },
    },
    {
      finding: '#28.3',
      probe: 'restore of a backup given a trigger (and of one whose append-only trigger is dropped)',
      expected: 'BACKUP_SCHEMA_ALTERED, BACKUP_SCHEMA_ALTERED',
      observed: async () => {
        const { dir, backup } = await folderWithBackup();
        const outcomes: string[] = [];
        for (const change of [
          'CREATE TRIGGER evil AFTER INSERT ON patients BEGIN DELETE FROM patients; END;',
          'DROP TRIGGER audit_log_no_delete',
        ]) {
          const copy = join(dir, `edited-${outcomes.length}.sqlite`);
          copyFileSync(backup, copy);
          new Database(copy).exec(change).close();
          const res = await runComptoir(['restore', copy, '--data-dir', dir]);
          outcomes.push(codeOf(res.stderr + res.stdout));
        }
        return outcomes.join(', ');
      },
    },
    {
      finding: '#28.3',
      probe: 'restore of a backup whose row was edited and chain recomputed (append-only triggers put back)',
      expected: 'BACKUP_NOT_ANCHORED',
      observed: async () => {
        const { dir, backup } = await folderWithBackup();
        const db = new Database(backup);
        rewriteAuditChain(db, 2, (r) => ({ ...r, actor: '10000000017' }));
        db.close();
        const res = await runComptoir(['restore', backup, '--data-dir', dir]);
        return codeOf(res.stderr + res.stdout);
      },
    },
    {
      finding: '#28.3',
      probe: 'a plain http:// téléservice address written into the settings of a restored file',
      expected: 'not used (non configuré, no demo)',
      observed: async () => {
        const dir = mkdtempSync(join(tmpdir(), 'probe-http-'));
        const opened = await openDataFolder(dir, 'poste-1');
        await opened.store.engine.db
          .insertInto('settings')
          .values({ key: 'teleservice.connection', value_json: JSON.stringify({ url: 'http://192.168.1.20/' }), updated_at: 'x' })
          .execute();
        await opened.store.close();
        const ws = await startWorkstation({ amUrl: null, amToken: null, dataDir: dir }, 'browser', silentLogger);
        try {
          const status = (await ws.dispatch('app.status', {})) as {
            ok: boolean;
            value?: { teleservice: { embedded: boolean; access: string } };
          };
          const t = status.value?.teleservice;
          return t && !t.embedded && t.access === 'not_configured' ? 'not used (non configuré, no demo)' : `used (${JSON.stringify(t)})`;
        } finally {
          await ws.close();
        }
      },
    },
  ];
}
