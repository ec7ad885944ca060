import type Database from 'better-sqlite3';

/** A numbered schema step; each runs in its own transaction, in order, once. */
export type Migration = { version: number; name: string; up: (db: Database.Database) => void };
