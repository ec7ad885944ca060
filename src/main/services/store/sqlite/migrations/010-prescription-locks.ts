import type { Migration } from './migration.js';

/**
 * « Ordonnance ouverte au poste X »: which counter has a prescription open, kept alive by its
 * heartbeat (a counter that dies leaves a lock that goes stale by itself, never one that blocks).
 */
export const migration010: Migration = {
  version: 10,
  name: 'prescriptions open at a counter',
  up: (db) =>
    db.exec(`
      CREATE TABLE prescription_locks (
        prescription_id TEXT PRIMARY KEY,
        workstation TEXT NOT NULL,
        opened_at TEXT NOT NULL,
        heartbeat_at TEXT NOT NULL
      );
      CREATE INDEX prescription_locks_by_workstation ON prescription_locks (workstation);
    `),
};
