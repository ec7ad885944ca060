import type { Generated } from 'kysely';
import { CLAIMS_COLUMNS, type ClaimsTables } from './claims-tables.js';

export type { FseState } from './claims-tables.js';

/**
 * The store's tables as both engines hold them (SQLite migrations 1–10, PostgreSQL migrations 1–2):
 * the same names, and columns that read back as the same JavaScript values, so a repository is
 * written once for both. `test/unit/store/engine-schemas.test.ts` checks each engine against this.
 * PostgreSQL adds one column of its own, `patients.words` (generated, for its text search), which
 * only its engine file reads.
 */
export type StoreTables = {
  patients: {
    id: Generated<number>;
    nir: string | null;
    last_name: string;
    first_name: string;
    last_name_key: string;
    first_name_key: string;
    birth_date: string;
    sex: 'F' | 'M';
    source: 'VITALE' | 'APCV' | 'MANUAL';
    beneficiary_of: number | null;
    relationship: string | null;
    address: string | null;
    created_at: string;
    updated_at: string;
    regime: string | null;
    caisse: string | null;
    centre: string | null;
  };
  tiers_payant_certificates: {
    patient_id: number;
    amc: string;
    conv: string;
    csr: string;
    adh: string;
    valid_from: string;
    valid_to: string;
    read_at: string;
    ph7: Generated<number>;
    ph4: Generated<number>;
    ph2: Generated<number>;
    ph1: Generated<number>;
  };
  products: {
    cip13: string;
    label: string;
    form: string | null;
    /** Units per pack (tablets, sachets, doses…); null: the base does not count them. */
    pack_size: number | null;
    generic_group: string | null;
    list: 'I' | 'II' | 'STUPEFIANT' | null;
    contraceptive: Generated<number>;
    biosimilar: Generated<number>;
    /** Null: not reimbursable. */
    reimbursement_rate: number | null;
    /** Null: no price in the base (priced at the counter), never 0. */
    price_cents: number | null;
    sample: Generated<number>;
    tfr_cents: number | null;
    specific: Generated<number>;
    cip7: string | null;
    cis: string | null;
    pack_fee_cents: number | null;
    generic_groups_json: Generated<string>;
    regulatory: 'STUPEFIANT' | 'ASSIMILE_STUPEFIANT' | 'LISTE_I' | 'LISTE_II' | null;
    marketed: Generated<number>;
    withdrawn: Generated<number>;
    source: Generated<'BDPM' | 'FILE' | 'SAMPLE'>;
    abrogated_on: string | null;
    /** The pharmacy's file's cells over a BDPM product, applied again after each BDPM import. */
    overlay_json: string | null;
  };
  catalogue_imports: {
    id: Generated<number>;
    at: string;
    source: 'BDPM' | 'FILE';
    published_on: string | null;
    files_json: string;
    summary_json: string;
    actor: string;
  };
  dispensings: {
    id: string;
    circuit: 'ON' | 'PAPER';
    prescription_id: string | null;
    renewal_number: number;
    phase: 1 | 2;
    pharmacist_rpps: string;
    patient_nir: string | null;
    patient_source: string | null;
    patient_override_reason: string | null;
    prescription_json: string | null;
    execution_json: string | null;
    complementary_info: string | null;
    workstation: string;
    created_at: string;
    cancelled_at: string | null;
    cancel_reason: string | null;
    prescribed_on: string | null;
    prescriber_rpps: string | null;
    invoice_number: number | null;
    credit_note_number: number | null;
    /** The bill of its validating transaction (null: recorded before bills were kept). */
    bill_json: string | null;
    /** How many active dispensings of this renewal its counter knew of (a second, unaware one is refused). */
    renewal_part: Generated<number>;
  };
  sale_lines: {
    id: Generated<number>;
    dispensing_id: string;
    line_id: string | null;
    cip13: string;
    label: string;
    packs: number;
    batch: string | null;
    expiry: string | null;
    unit_price_cents: number | null;
    reimbursement_rate: number | null;
    refused_generic_cents: number | null;
  };
  outbox: {
    execution_id: string;
    dispensing_id: string;
    prescription_id: string;
    body_json: string;
    lease_token: string | null;
    state: 'PENDING' | 'SENT' | 'REFUSED';
    attempts: Generated<number>;
    next_attempt_at: string;
    last_error_code: string | null;
    last_error_message: string | null;
    receipt_json: string | null;
    created_at: string;
    updated_at: string;
    kind: Generated<'EXECUTION' | 'PAPER'>;
    paper_json: string | null;
    /** The recording order (SQLite: the rowid, by trigger; PostgreSQL: an identity). */
    seq: Generated<number>;
  };
  cancellations: {
    execution_id: string;
    dispensing_id: string;
    reason: string;
    state: 'PENDING' | 'SENT' | 'LOCAL' | 'REFUSED';
    attempts: Generated<number>;
    next_attempt_at: string;
    last_error_code: string | null;
    last_error_message: string | null;
    created_at: string;
    updated_at: string;
  };
  scor_documents: {
    document_id: string;
    dispensing_id: string;
    circuit: 'ON' | 'PAPER';
    prescription_id: string | null;
    prescribed_on: string;
    prescriber_rpps: string | null;
    state: 'TO_SCAN' | 'PENDING' | 'SENT' | 'REFUSED';
    pdf: Buffer | null;
    pages: number | null;
    dpi: number | null;
    attempts: Generated<number>;
    next_attempt_at: string;
    last_error_code: string | null;
    last_error_message: string | null;
    created_at: string;
    updated_at: string;
    fse_number: string | null;
  };
  prescribers: {
    rpps: string;
    name: string;
    name_key: string;
    specialty: string | null;
    am_number: string | null;
    source: 'ON' | 'MANUAL';
    address: string | null;
    created_at: string;
    updated_at: string;
  };
  tariffs: {
    code: 'HD' | 'HD3' | 'HDR' | 'HDA' | 'HDE' | 'HDC';
    since: string;
    amount_cents: number;
    rate: number | null;
    imported_at: string;
  };
  sequences: { name: string; value: number };
  ordonnancier: {
    number: number;
    dispensing_id: string;
    kind: 'ENTRY' | 'CANCELLATION' | 'CORRECTION';
    refers_to: number | null;
    recorded_at: string;
    prescribed_on: string | null;
    prescriber: string | null;
    patient: string | null;
    patient_nir: string | null;
    cip13: string;
    product: string;
    list: 'I' | 'II' | 'STUPEFIANT';
    packs: number;
    collector: string | null;
    patient_address: string | null;
    prescriber_address: string | null;
  };
  audit_log: {
    seq: number;
    at: string;
    workstation: string;
    actor: string;
    action: string;
    subject: string | null;
    details_json: string;
    prev_hash: string;
    hash: string;
  };
  settings: { key: string; value_json: string; updated_at: string };
  prescription_locks: { prescription_id: string; workstation: string; opened_at: string; heartbeat_at: string; counter_id: string | null };
  counters: { id: string; name: string; host: string; created_at: string; seen_at: string };
} & ClaimsTables;

/** Every table and its columns, as a value the schema test compares with each engine's catalogue. */
export const STORE_COLUMNS: { [T in keyof StoreTables]: (keyof StoreTables[T])[] } = {
  patients: [
    'id',
    'nir',
    'last_name',
    'first_name',
    'last_name_key',
    'first_name_key',
    'birth_date',
    'sex',
    'source',
    'beneficiary_of',
    'relationship',
    'address',
    'created_at',
    'updated_at',
    'regime',
    'caisse',
    'centre',
  ],
  tiers_payant_certificates: ['patient_id', 'amc', 'conv', 'csr', 'adh', 'valid_from', 'valid_to', 'read_at', 'ph7', 'ph4', 'ph2', 'ph1'],
  products: [
    'cip13',
    'label',
    'form',
    'pack_size',
    'generic_group',
    'list',
    'contraceptive',
    'biosimilar',
    'reimbursement_rate',
    'price_cents',
    'sample',
    'tfr_cents',
    'specific',
    'cip7',
    'cis',
    'pack_fee_cents',
    'generic_groups_json',
    'regulatory',
    'marketed',
    'withdrawn',
    'source',
    'abrogated_on',
    'overlay_json',
  ],
  catalogue_imports: ['id', 'at', 'source', 'published_on', 'files_json', 'summary_json', 'actor'],
  dispensings: [
    'id',
    'circuit',
    'prescription_id',
    'renewal_number',
    'phase',
    'pharmacist_rpps',
    'patient_nir',
    'patient_source',
    'patient_override_reason',
    'prescription_json',
    'execution_json',
    'complementary_info',
    'workstation',
    'created_at',
    'cancelled_at',
    'cancel_reason',
    'prescribed_on',
    'prescriber_rpps',
    'invoice_number',
    'credit_note_number',
    'renewal_part',
    'bill_json',
  ],
  sale_lines: [
    'id',
    'dispensing_id',
    'line_id',
    'cip13',
    'label',
    'packs',
    'batch',
    'expiry',
    'unit_price_cents',
    'reimbursement_rate',
    'refused_generic_cents',
  ],
  outbox: [
    'execution_id',
    'dispensing_id',
    'prescription_id',
    'body_json',
    'lease_token',
    'state',
    'attempts',
    'next_attempt_at',
    'last_error_code',
    'last_error_message',
    'receipt_json',
    'created_at',
    'updated_at',
    'kind',
    'paper_json',
    'seq',
  ],
  cancellations: [
    'execution_id',
    'dispensing_id',
    'reason',
    'state',
    'attempts',
    'next_attempt_at',
    'last_error_code',
    'last_error_message',
    'created_at',
    'updated_at',
  ],
  scor_documents: [
    'document_id',
    'dispensing_id',
    'circuit',
    'prescription_id',
    'prescribed_on',
    'prescriber_rpps',
    'state',
    'pdf',
    'pages',
    'dpi',
    'attempts',
    'next_attempt_at',
    'last_error_code',
    'last_error_message',
    'created_at',
    'updated_at',
    'fse_number',
  ],
  prescribers: ['rpps', 'name', 'name_key', 'specialty', 'am_number', 'source', 'address', 'created_at', 'updated_at'],
  tariffs: ['code', 'since', 'amount_cents', 'rate', 'imported_at'],
  sequences: ['name', 'value'],
  ordonnancier: [
    'number',
    'dispensing_id',
    'kind',
    'refers_to',
    'recorded_at',
    'prescribed_on',
    'prescriber',
    'patient',
    'patient_nir',
    'cip13',
    'product',
    'list',
    'packs',
    'collector',
    'patient_address',
    'prescriber_address',
  ],
  audit_log: ['seq', 'at', 'workstation', 'actor', 'action', 'subject', 'details_json', 'prev_hash', 'hash'],
  settings: ['key', 'value_json', 'updated_at'],
  prescription_locks: ['prescription_id', 'workstation', 'opened_at', 'heartbeat_at', 'counter_id'],
  counters: ['id', 'name', 'host', 'created_at', 'seen_at'],
  ...CLAIMS_COLUMNS,
};
