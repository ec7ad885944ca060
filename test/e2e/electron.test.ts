import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs helper shared with `npm start`
import { electronBinary } from '../../scripts/electron-binary.mjs';
import { LABELS } from '../helpers/counter-screens.js';

const binary = (electronBinary as () => string | null)();
const why =
  'no Electron binary on this machine (Electron 45 downloads it on first use, and this network cannot): the browser-mode tests cover the same contract';

/** The packaged shell, where an Electron binary exists; skipped with the reason otherwise. */
describe.skipIf(binary === null)(`Electron shell${binary === null ? ` — skipped: ${why}` : ''}`, () => {
  it('opens Facturation in a sandboxed window and serves the contract over IPC', async () => {
    const app = await electron.launch({
      executablePath: binary ?? '',
      args: ['.'],
      env: { ...process.env, COMPTOIR_DATA_DIR: mkdtempSync(join(tmpdir(), 'comptoir-electron-')) },
    });
    try {
      const window = await app.firstWindow();
      await window.getByRole('heading', { name: LABELS.facturation }).waitFor();
      expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      expect(await window.evaluate(() => Object.keys((window as unknown as { comptoir: object }).comptoir).sort())).toEqual(['call', 'on']);
      await window.keyboard.press('F3');
      await window.getByLabel(LABELS.code2d).waitFor();
    } finally {
      await app.close();
    }
  });
});

if (binary === null) console.info(`[electron e2e] skipped: ${why}`);
