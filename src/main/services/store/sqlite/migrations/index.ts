import { migration001 } from './001-initial.js';
import { migration002 } from './002-paper-outbox.js';
import { migration003 } from './003-search-and-outbox-order.js';
import { migration004 } from './004-cancellations.js';
import { migration005 } from './005-scor-documents.js';
import { migration006 } from './006-prescribers.js';
import { migration007 } from './007-billing.js';
import { migration008 } from './008-registers.js';
import { migration009 } from './009-outbox-order.js';
import { migration010 } from './010-prescription-locks.js';
import { migration011 } from './011-credit-notes.js';
import { migration012 } from './012-addresses.js';
import { migration013 } from './013-register-corrections.js';
import { migration014 } from './014-counters.js';
import { migration015 } from './015-one-dispensing-per-renewal.js';
import { migration016 } from './016-national-catalogue.js';
import { migration017 } from './017-stored-bills.js';
import { migration018 } from './018-claims.js';
import type { Migration } from './migration.js';

/** Every migration, in order. Add a file and a line here; never edit a released one. */
export const MIGRATIONS: Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
  migration011,
  migration012,
  migration013,
  migration014,
  migration015,
  migration016,
  migration017,
  migration018,
];
export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
