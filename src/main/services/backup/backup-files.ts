import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const BACKUP_FOLDER = 'sauvegardes';
const NAME = /^comptoir-(\d{4}-\d{2}-\d{2})\.sqlite$/;
export const DAILY_KEPT = 7;
export const WEEKLY_KEPT = 4;

export type BackupFile = { file: string; name: string; day: string; at: string; bytes: number };

/** One file per day, named by the Paris day it was taken (`comptoir-2026-11-27.sqlite`): a day's later backup replaces its earlier one. */
export function backupName(day: string): string {
  return `comptoir-${day}.sqlite`;
}

/** The backups in a folder, latest first; anything else in it is ignored (never deleted). */
export function listBackups(folder: string): BackupFile[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  const found: BackupFile[] = [];
  for (const name of names) {
    const day = NAME.exec(name)?.[1];
    if (!day) continue;
    const stat = statSync(join(folder, name), { throwIfNoEntry: false });
    if (stat?.isFile()) found.push({ file: join(folder, name), name, day, at: stat.mtime.toISOString(), bytes: stat.size });
  }
  return found.sort((a, b) => b.day.localeCompare(a.day));
}

/** Monday of the ISO week of a `yyyy-mm-dd` day: the week's key. */
function weekOf(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

/**
 * The days to keep: the last 7 days that have a backup (daily), and the last backup of each of the
 * 4 latest weeks (weekly), so a problem noticed a month late still has a copy from before it.
 */
export function daysToKeep(days: string[]): Set<string> {
  const latestFirst = [...new Set(days)].sort().reverse();
  const keep = new Set(latestFirst.slice(0, DAILY_KEPT));
  const weeks = new Set<string>();
  for (const day of latestFirst) {
    const week = weekOf(day);
    if (weeks.has(week)) continue;
    if (weeks.size === WEEKLY_KEPT) break;
    weeks.add(week);
    keep.add(day);
  }
  return keep;
}
