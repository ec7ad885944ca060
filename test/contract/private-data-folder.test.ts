import { chmodSync, mkdirSync, mkdtempSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { restrictDataFolder } from '../../src/main/bootstrap/private-data-folder.js';
import { STORE_FILE } from '../../src/main/bootstrap/data-folder.js';
import { startWorkstation } from '../../src/main/bootstrap/start-workstation.js';
import { silentLogger } from '../../src/main/services/logger.js';

const mode = (path: string) => statSync(path).mode & 0o777;

describe.skipIf(process.platform === 'win32')('the data folder is the user’s only, at every start', () => {
  it('tightens the folder, files and sub-folders, and leaves symlinked targets alone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'comptoir-modes-'));
    const outside = join(mkdtempSync(join(tmpdir(), 'comptoir-outside-')), 'other.txt');
    writeFileSync(outside, '');
    chmodSync(outside, 0o644);
    mkdirSync(join(dir, 'logs'), { mode: 0o755 });
    writeFileSync(join(dir, 'logs', 'comptoir.log'), '', { mode: 0o644 });
    writeFileSync(join(dir, 'comptoir.sqlite-wal'), '', { mode: 0o666 });
    symlinkSync(outside, join(dir, 'link'));
    chmodSync(dir, 0o755);
    expect(restrictDataFolder(dir)).toBe(4);
    expect([mode(dir), mode(join(dir, 'logs')), mode(join(dir, 'logs', 'comptoir.log')), mode(join(dir, 'comptoir.sqlite-wal'))]).toEqual([
      0o700, 0o700, 0o600, 0o600,
    ]);
    expect(mode(outside)).toBe(0o644);
    expect(restrictDataFolder(dir)).toBe(0);
  });

  it('re-applies 0600 to a database copied in as 0644 (and its -wal, -shm) when the workstation starts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'comptoir-modes-ws-'));
    const first = await startWorkstation({ amUrl: null, amToken: null, dataDir: dir }, 'browser', silentLogger);
    await first.close();
    chmodSync(join(dir, STORE_FILE), 0o644);
    chmodSync(dir, 0o755);
    const second = await startWorkstation({ amUrl: null, amToken: null, dataDir: dir }, 'browser', silentLogger);
    try {
      expect(mode(dir)).toBe(0o700);
      for (const name of [STORE_FILE, `${STORE_FILE}-wal`, `${STORE_FILE}-shm`, 'teleservice-demo.sqlite'])
        expect(mode(join(dir, name)), name).toBe(0o600);
    } finally {
      await second.close();
    }
  });
});
