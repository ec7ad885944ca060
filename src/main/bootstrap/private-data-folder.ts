import { chmodSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const FOLDER_MODE = 0o700;
const FILE_MODE = 0o600;

/**
 * Re-applies owner-only modes to the data folder and everything in it (the database and its
 * -wal/-shm, the demo téléservice's file, logs, support bundles) at every start: modes set only
 * at creation are lost by a copy, a restore or an older version. Symlinks are left alone (chmod
 * would follow them out of the folder). Returns how many entries were tightened.
 */
export function restrictDataFolder(dir: string): number {
  let tightened = 0;
  const visit = (path: string, depth: number): void => {
    const stat = lstatSync(path, { throwIfNoEntry: false });
    if (!stat || stat.isSymbolicLink()) return;
    const wanted = stat.isDirectory() ? FOLDER_MODE : FILE_MODE;
    if ((stat.mode & 0o777) !== wanted) {
      chmodSync(path, wanted);
      tightened++;
    }
    if (stat.isDirectory() && depth < 3) for (const name of readdirSync(path)) visit(join(path, name), depth + 1);
  };
  visit(dir, 0);
  return tightened;
}
