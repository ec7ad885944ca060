import type { PostgresMigration } from './postgres-migration.js';

/**
 * The patient search's walk in the ranking's order (length, last name, first name) reads only the
 * index: it carries the searched words and the id, so a common word (« léa », « zoé ») is matched
 * on index tuples without a heap fetch per row, and only the page's rows are read whole. It
 * replaces the index of the same keys without them.
 */
export const postgresMigration010: PostgresMigration = {
  version: 10,
  name: 'patient search walk reads the index only',
  sql: `
    CREATE INDEX patients_walk ON patients (length(last_name_key), last_name_key, first_name_key) INCLUDE (words, id);
    DROP INDEX patients_by_name_length;
  `,
};
