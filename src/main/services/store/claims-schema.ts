/**
 * The claims' tables (claims.md), one text for both engines (their types are the same words here):
 * each FSE from its dispensing's transaction, the lots that carry them (a transmission queue like the
 * outbox: the seven queue columns), and each mailbox message applied, once, by its `seq`.
 */
export const CLAIMS_TABLES_SQL = `
  CREATE TABLE fses (
    fse_number text PRIMARY KEY,
    dispensing_id text NOT NULL UNIQUE REFERENCES dispensings(id),
    destination text,
    problem text,
    body_json text NOT NULL,
    state text NOT NULL CHECK (state IN ('A_TRANSMETTRE', 'EN_LOT', 'TRANSMISE', 'ARL_POSITIF', 'ANNULEE')),
    tiers_payant text NOT NULL,
    patient_paid integer NOT NULL,
    dispensed_on text NOT NULL,
    total_cents integer NOT NULL,
    amo_cents integer NOT NULL,
    amc_cents integer NOT NULL,
    amo_outcome text,
    amc_outcome text,
    amo_paid_cents integer NOT NULL DEFAULT 0,
    amc_paid_cents integer NOT NULL DEFAULT 0,
    late_fee_cents integer NOT NULL DEFAULT 0,
    reject_payer text,
    reject_code text,
    reject_label text,
    lot_id text,
    recycled integer NOT NULL DEFAULT 0,
    answered_at text,
    created_at text NOT NULL,
    updated_at text NOT NULL
  );
  CREATE INDEX fses_by_state ON fses (state, destination, fse_number);
  CREATE INDEX fses_by_lot ON fses (lot_id);
  CREATE TABLE claim_lots (
    lot_id text PRIMARY KEY,
    lot_number integer NOT NULL,
    destination text NOT NULL,
    fse_count integer NOT NULL,
    total_cents integer NOT NULL,
    amo_cents integer NOT NULL,
    amc_cents integer NOT NULL,
    body_json text NOT NULL,
    state text NOT NULL CHECK (state IN ('PENDING', 'SENT', 'REFUSED')),
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at text NOT NULL,
    last_error_code text,
    last_error_message text,
    received_at text,
    arl text,
    arl_reasons_json text,
    created_at text NOT NULL,
    updated_at text NOT NULL
  );
  CREATE INDEX claim_lots_due ON claim_lots (state, lot_number);
  CREATE TABLE claim_messages (
    seq integer PRIMARY KEY,
    type text NOT NULL,
    lot_id text,
    fse_number text,
    virement_id text,
    amount_cents integer,
    day text,
    matched integer,
    json text NOT NULL,
    applied_at text NOT NULL
  );
  CREATE INDEX claim_messages_by_type ON claim_messages (type, day);
  CREATE INDEX claim_messages_by_virement ON claim_messages (virement_id);
  CREATE INDEX claim_messages_by_fse ON claim_messages (fse_number);
  INSERT INTO sequences (name, value) VALUES ('claim_lot', 0), ('claims_mailbox', 0);
`;

/** The patient's organisme (régime, caisse, centre): where their FSEs go; the FSE a scan was sent for. */
export const CLAIMS_COLUMNS_SQL = `
  ALTER TABLE patients ADD COLUMN regime text;
  ALTER TABLE patients ADD COLUMN caisse text;
  ALTER TABLE patients ADD COLUMN centre text;
  ALTER TABLE scor_documents ADD COLUMN fse_number text;
`;
