import type { Migration } from './migration.js';

/**
 * Addresses, as the ordonnancier needs them: the patient's and the prescriber's files hold one, and
 * each register entry keeps the ones of its day (an entry is never changed, a move never rewrites it).
 */
export const migration012: Migration = {
  version: 12,
  name: 'addresses of patients and prescribers, kept on each ordonnancier entry',
  up: (db) =>
    db.exec(`
      ALTER TABLE patients ADD COLUMN address TEXT;
      ALTER TABLE prescribers ADD COLUMN address TEXT;
      ALTER TABLE ordonnancier ADD COLUMN patient_address TEXT;
      ALTER TABLE ordonnancier ADD COLUMN prescriber_address TEXT;
    `),
};
