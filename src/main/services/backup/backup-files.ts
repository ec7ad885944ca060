import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const BACKUP_FOLDER = 'sauvegardes';
/** The pharmacy's server's backups (pg_dump), kept apart from the counter's file's. */
export const SERVER_BACKUP_FOLDER = 'sauvegardes-serveur';
/** What is backed up: the counter's file (`comptoir-…sqlite`) or the pharmacy's server (`officine-…dump`). */
export type BackupKind = 'file' | 'server';
const NAMING: Record<BackupKind, { prefix: string; ext: string; pattern: RegExp }> = {
  file: { prefix: 'comptoir', ext: 'sqlite', pattern: /^comptoir-(\d{4}-\d{2}-\d{2})(?:-(\d{6}))?\.sqlite$/ },
  server: { prefix: 'officine', ext: 'dump', pattern: /^officine-(\d{4}-\d{2}-\d{2})(?:-(\d{6}))?\.dump$/ },
};
export const DAILY_KEPT = 7;
export const WEEKLY_KEPT = 4;

/** `time`: Paris hhmmss of a day's later copy (null: the day's first, named by the day alone). */
export type BackupFile = { file: string; name: string; day: string; time: string | null; at: string; bytes: number };

/**
 * Named by the Paris day it was taken (`comptoir-2026-11-27.sqlite`); a later copy the same day
 * (Alt+B, a restart) is written beside it with its time (`comptoir-2026-11-27-143015.sqlite`):
 * a copy never replaces the day's first, which may be the only sound one.
 */
export function backupName(day: string, time: string | null = null, kind: BackupKind = 'file'): string {
  const { prefix, ext } = NAMING[kind];
  return time ? `${prefix}-${day}-${time}.${ext}` : `${prefix}-${day}.${ext}`;
}

/** The backups in a folder, latest first; anything else in it is ignored (never deleted). */
export function listBackups(folder: string, kind: BackupKind = 'file'): BackupFile[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  const found: BackupFile[] = [];
  for (const name of names) {
    const [, day, time] = NAMING[kind].pattern.exec(name) ?? [];
    if (!day) continue;
    const stat = statSync(join(folder, name), { throwIfNoEntry: false });
    if (stat?.isFile())
      found.push({ file: join(folder, name), name, day, time: time ?? null, at: stat.mtime.toISOString(), bytes: stat.size });
  }
  return found.sort((a, b) => b.day.localeCompare(a.day) || (b.time ?? '').localeCompare(a.time ?? ''));
}

/** Within a day: its first copy (taken before the day's work) and its latest; those between go. */
export function copiesToKeep(backups: BackupFile[]): Set<string> {
  const keep = new Set<string>();
  const days = new Map<string, BackupFile[]>();
  for (const b of backups) days.set(b.day, [...(days.get(b.day) ?? []), b]);
  for (const copies of days.values()) {
    const ordered = [...copies].sort((a, b) => (a.time ?? '').localeCompare(b.time ?? ''));
    keep.add(ordered[0]!.name).add(ordered[ordered.length - 1]!.name);
  }
  return keep;
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

/** The backups a rotation removes: beyond 7 daily and 4 weekly, and a day's copies between its first and its latest. */
export function backupsToRemove(backups: BackupFile[], awaited: string | null = null): BackupFile[] {
  const days = daysToKeep(backups.map((b) => b.day));
  const copies = copiesToKeep(backups);
  return backups.filter((b) => (!days.has(b.day) || !copies.has(b.name)) && b.name !== awaited);
}

/** A copy never replaces another: the day's first is named by the day, a later one by its time (the next free second). */
export function freeBackupName(folder: string, day: string, now: Date, kind: BackupKind = 'file'): string {
  if (!existsSync(join(folder, backupName(day, null, kind)))) return backupName(day, null, kind);
  for (let second = 0; ; second++) {
    const name = backupName(day, parisClock(new Date(now.getTime() + second * 1000)), kind);
    if (!existsSync(join(folder, name)) || second >= 3600) return name;
  }
}

/** Paris hhmmss of an instant: a later copy's name within its day. */
function parisClock(at: Date): string {
  return new Intl.DateTimeFormat('fr-FR', {
    timeZone: 'Europe/Paris',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  })
    .format(at)
    .replace(/\D/g, '');
}
