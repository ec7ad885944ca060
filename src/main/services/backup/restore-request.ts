import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * A restore asked for from « Sauvegardes »: the running workstation cannot replace the database it
 * works on, so it writes what to restore here, and the next start does it (with `comptoir
 * restore`'s own checks) before the database opens. What happened is kept for the screen.
 */
export const RESTORE_REQUEST_FILE = 'restauration-demandee.json';
export const LAST_RESTORE_FILE = 'derniere-restauration.json';

const requestSchema = z.object({ name: z.string().regex(/^comptoir-[\d-]+\.sqlite$/), day: z.string(), requestedAt: z.string() }).strict();
const outcomeSchema = z.object({ name: z.string(), at: z.string(), ok: z.boolean(), message: z.string() }).strict();
export type RestoreRequest = z.infer<typeof requestSchema>;
export type RestoreOutcomeNote = z.infer<typeof outcomeSchema>;

function readJson<T>(file: string, schema: z.ZodType<T>): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function readRestoreRequest(dataDir: string): RestoreRequest | null {
  return readJson(join(dataDir, RESTORE_REQUEST_FILE), requestSchema);
}

export function writeRestoreRequest(dataDir: string, request: RestoreRequest): void {
  writeFileSync(join(dataDir, RESTORE_REQUEST_FILE), JSON.stringify(request), { mode: 0o600 });
}

export function clearRestoreRequest(dataDir: string): void {
  rmSync(join(dataDir, RESTORE_REQUEST_FILE), { force: true });
}

export function readLastRestore(dataDir: string): RestoreOutcomeNote | null {
  return readJson(join(dataDir, LAST_RESTORE_FILE), outcomeSchema);
}

export function writeLastRestore(dataDir: string, outcome: RestoreOutcomeNote): void {
  writeFileSync(join(dataDir, LAST_RESTORE_FILE), JSON.stringify(outcome), { mode: 0o600 });
}
