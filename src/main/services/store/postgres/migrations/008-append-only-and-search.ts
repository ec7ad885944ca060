import type { PostgresMigration } from './postgres-migration.js';

/**
 * The pharmacy's server only (SQLite has no TRUNCATE): the append-only registers refuse a TRUNCATE
 * too, whoever sends it — their UPDATE and DELETE triggers never see one. And the patient search's
 * trigram index updated at each insert (no pending list that every search would scan until the next
 * vacuum: the search stays under its 5 ms whatever the day's new patients).
 */
export const postgresMigration008: PostgresMigration = {
  version: 8,
  name: 'append-only registers refuse truncate; trigram index without pending list',
  sql: `
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION refuse_change('audit log is append-only');
    CREATE TRIGGER ordonnancier_no_truncate BEFORE TRUNCATE ON ordonnancier FOR EACH STATEMENT EXECUTE FUNCTION refuse_change('ordonnancier entries are never deleted');
    ALTER INDEX patients_words SET (fastupdate = off);
    SELECT gin_clean_pending_list('patients_words');
  `,
};
