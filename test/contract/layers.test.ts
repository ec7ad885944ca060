import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function importErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

/** The layer table of docs/architecture.md, enforced by lint: each violation below must be refused. */
describe('layer rules', () => {
  it.each([
    ['src/shared/x.ts', "import { readFileSync } from 'node:fs';"],
    ['src/shared/x.ts', "import { ipcMain } from 'electron';"],
    ['src/shared/x.ts', "import Database from 'better-sqlite3';"],
    ['src/shared/x.ts', "import { createRoot } from 'react-dom/client';"],
    ['src/shared/x.ts', "import { startWorkstation } from '../main/bootstrap/start-workstation.js';"],
    ['src/main/services/x.ts', "import { app } from 'electron';"],
    ['src/main/services/x.ts', "import { AmServer } from '../../am-server/am-server.js';"],
    ['src/renderer/x.ts', "import { ipcRenderer } from 'electron';"],
    ['src/renderer/x.ts', "import { readFile } from 'node:fs/promises';"],
    ['src/renderer/x.ts', "import { EReaderHub } from '../main/services/e-reader/e-reader-hub.js';"],
    ['src/preload/x.ts', "import { CALLS } from '../shared/contract/ipc-contract.js';"],
    ['src/preload/x.ts', "import { z } from 'zod';"],
    ['src/am-server/x.ts', "import { BrowserWindow } from 'electron';"],
    ['src/am-server/x.ts', "import { EReaderHub } from '../main/services/e-reader/e-reader-hub.js';"],
    // Only the store speaks to the database.
    ['src/main/services/backup/x.ts', "import Database from 'better-sqlite3';"],
    ['src/main/services/settings/x.ts', "import pg from 'pg';"],
    ['src/main/bootstrap/x.ts', "import { sql } from 'kysely';"],
    ['src/cli/x.ts', "import pg from 'pg';"],
    // The keyboard, the stores and the components never reach into a screen.
    ['src/renderer/keyboard/x.ts', "import { addToFocusedLine } from '../screens/counter/ProductsStep.js';"],
    ['src/renderer/stores/x.ts', "import { OrdonnancierDialog } from '../screens/OrdonnancierDialog.js';"],
  ])('refuses in %s: %s', async (file, code) => {
    expect(await importErrors(file, `${code}\nexport {};\n`)).toHaveLength(1);
  });

  it.each([
    ['src/shared/x.ts', "import { z } from 'zod';"],
    ['src/main/services/store/x.ts', "import Database from 'better-sqlite3';"],
    ['src/main/services/store/postgres/x.ts', "import pg from 'pg';"],
    ['src/am-server/x.ts', "import Database from 'better-sqlite3';"],
    ['src/main/electron/x.ts', "import { app } from 'electron';"],
    ['src/renderer/x.ts', "import { classifyCode } from '../shared/codes/classify.js';"],
    ['src/preload/x.ts', "import { CALL_NAMES } from '../shared/contract/names.js';"],
  ])('allows in %s: %s', async (file, code) => {
    expect(await importErrors(file, `${code}\nexport {};\n`)).toEqual([]);
  });
});
