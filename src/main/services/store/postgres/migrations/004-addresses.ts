import type { PostgresMigration } from './postgres-migration.js';

/** The counter file's migration 12: the patient's and the prescriber's addresses, kept on each ordonnancier entry. */
export const postgresMigration004: PostgresMigration = {
  version: 4,
  name: 'addresses of patients and prescribers, kept on each ordonnancier entry',
  sql: `
    ALTER TABLE patients ADD COLUMN address text;
    ALTER TABLE prescribers ADD COLUMN address text;
    ALTER TABLE ordonnancier ADD COLUMN patient_address text;
    ALTER TABLE ordonnancier ADD COLUMN prescriber_address text;
  `,
};
