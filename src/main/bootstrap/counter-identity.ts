import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const COUNTER_IDENTITY_FILE = 'poste.json';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * This counter's permanent identity: made at its first start, kept in its data folder (each counter
 * has its own folder, even on a shared host), never its host's name. Its locks are keyed by it.
 */
export function counterId(dataDir: string): string {
  const file = join(dataDir, COUNTER_IDENTITY_FILE);
  try {
    const { id } = JSON.parse(readFileSync(file, 'utf8')) as { id?: unknown };
    if (typeof id === 'string' && UUID.test(id)) return id;
  } catch {
    // Absent or unreadable: a new identity (a damaged file's locks go stale by themselves).
  }
  const id = randomUUID();
  writeFileSync(file, JSON.stringify({ id, createdAt: new Date().toISOString() }), { mode: 0o600 });
  return id;
}
