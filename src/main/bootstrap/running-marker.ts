import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

const RUNNING_FOLDER = 'postes-en-cours';

/**
 * Says "a workstation runs on this folder" for as long as this process lives: one file per process,
 * removed at close. A process killed without closing leaves its file, but a dead pid never counts.
 * Returns the function that removes the mark.
 */
export function markRunning(dataDir: string): () => void {
  const folder = join(dataDir, RUNNING_FOLDER);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const file = join(folder, `${process.pid}.json`);
  writeFileSync(file, JSON.stringify({ pid: process.pid, host: hostname(), startedAt: new Date().toISOString() }), { mode: 0o600 });
  return () => rmSync(file, { force: true });
}

/** The pids of the live workstations on this folder (on this machine). */
export function runningWorkstations(dataDir: string): number[] {
  let names: string[];
  try {
    names = readdirSync(join(dataDir, RUNNING_FOLDER));
  } catch {
    return [];
  }
  return names
    .map((n) => Number(/^(\d+)\.json$/.exec(n)?.[1] ?? NaN))
    .filter((pid) => Number.isInteger(pid) && pid !== process.pid && isAlive(pid));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, another user's. ESRCH: gone.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
