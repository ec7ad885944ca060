import { postgresMigration001 } from './001-schema.js';
import { postgresMigration002 } from './002-prescription-locks.js';
import { postgresMigration003 } from './003-credit-notes.js';
import { postgresMigration004 } from './004-addresses.js';
import { postgresMigration005 } from './005-register-corrections.js';
import { postgresMigration006 } from './006-counters.js';
import { postgresMigration007 } from './007-one-dispensing-per-renewal.js';
import { postgresMigration008 } from './008-append-only-and-search.js';
import { postgresMigration009 } from './009-national-catalogue.js';
import { postgresMigration010 } from './010-patient-walk-index.js';
import { postgresMigration011 } from './011-stored-bills.js';
import { postgresMigration012 } from './012-claims.js';
import type { PostgresMigration } from './postgres-migration.js';

export const POSTGRES_MIGRATIONS: PostgresMigration[] = [
  postgresMigration001,
  postgresMigration002,
  postgresMigration003,
  postgresMigration004,
  postgresMigration005,
  postgresMigration006,
  postgresMigration007,
  postgresMigration008,
  postgresMigration009,
  postgresMigration010,
  postgresMigration011,
  postgresMigration012,
];
export const POSTGRES_LATEST_VERSION = POSTGRES_MIGRATIONS[POSTGRES_MIGRATIONS.length - 1]?.version ?? 0;
