import type { Generated } from 'kysely';

/** Where an FSE is on its way (claims.md); the caisse's answers are its AMO and AMC outcomes. */
export type FseState = 'A_TRANSMETTRE' | 'EN_LOT' | 'TRANSMISE' | 'ARL_POSITIF' | 'ANNULEE';

/**
 * The claims' tables (claims.md) as both engines hold them: each FSE, the lots that carry them, and
 * the mailbox's messages applied. Part of `StoreTables` (store-tables.ts); their SQL is claims-schema.ts.
 */
export type ClaimsTables = {
  fses: {
    fse_number: string;
    dispensing_id: string;
    destination: string | null;
    problem: string | null;
    body_json: string;
    state: FseState;
    tiers_payant: string;
    patient_paid: number;
    dispensed_on: string;
    total_cents: number;
    amo_cents: number;
    amc_cents: number;
    amo_outcome: string | null;
    amc_outcome: string | null;
    amo_paid_cents: Generated<number>;
    amc_paid_cents: Generated<number>;
    late_fee_cents: Generated<number>;
    reject_payer: string | null;
    reject_code: string | null;
    reject_label: string | null;
    lot_id: string | null;
    recycled: Generated<number>;
    answered_at: string | null;
    created_at: string;
    updated_at: string;
  };
  claim_lots: {
    lot_id: string;
    lot_number: number;
    destination: string;
    fse_count: number;
    total_cents: number;
    amo_cents: number;
    amc_cents: number;
    body_json: string;
    state: 'PENDING' | 'SENT' | 'REFUSED';
    attempts: Generated<number>;
    next_attempt_at: string;
    last_error_code: string | null;
    last_error_message: string | null;
    received_at: string | null;
    arl: 'POSITIF' | 'NEGATIF' | null;
    arl_reasons_json: string | null;
    created_at: string;
    updated_at: string;
  };
  claim_messages: {
    seq: number;
    type: string;
    lot_id: string | null;
    fse_number: string | null;
    virement_id: string | null;
    amount_cents: number | null;
    day: string | null;
    matched: number | null;
    json: string;
    applied_at: string;
  };
};

/** Their columns, as the schema test compares them with each engine's catalogue. */
export const CLAIMS_COLUMNS: { [T in keyof ClaimsTables]: (keyof ClaimsTables[T])[] } = {
  fses: [
    'fse_number',
    'dispensing_id',
    'destination',
    'problem',
    'body_json',
    'state',
    'tiers_payant',
    'patient_paid',
    'dispensed_on',
    'total_cents',
    'amo_cents',
    'amc_cents',
    'amo_outcome',
    'amc_outcome',
    'amo_paid_cents',
    'amc_paid_cents',
    'late_fee_cents',
    'reject_payer',
    'reject_code',
    'reject_label',
    'lot_id',
    'recycled',
    'answered_at',
    'created_at',
    'updated_at',
  ],
  claim_lots: [
    'lot_id',
    'lot_number',
    'destination',
    'fse_count',
    'total_cents',
    'amo_cents',
    'amc_cents',
    'body_json',
    'state',
    'attempts',
    'next_attempt_at',
    'last_error_code',
    'last_error_message',
    'received_at',
    'arl',
    'arl_reasons_json',
    'created_at',
    'updated_at',
  ],
  claim_messages: ['seq', 'type', 'lot_id', 'fse_number', 'virement_id', 'amount_cents', 'day', 'matched', 'json', 'applied_at'],
};
