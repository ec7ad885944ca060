import type { AmDatabase } from './am-database.js';
import type { Actor } from './actors.js';
import type { ExecutionFacts, StoredPrescription } from './prescription-state.js';

/** Row-level access to the mock's SQLite file; no rules here, only reads and writes. */
export type PrescriptionRow = {
  stored: StoredPrescription;
  prescriberRpps: string;
  patientNir: string;
  statusOverride: string | null;
  cancelledAt: string | null;
};

export type LeaseRow = { finess: string; token: string; since: string; expiresAtMs: number };

export type ExecutionRow = {
  seq: number;
  executionId: string;
  prescriptionId: string;
  finess: string | null;
  requestJson: string;
  stored: Record<string, unknown>;
  receivedAt: string;
  sha256: string;
  signature: string;
  cancelledAt: string | null;
  cancelReason: string | null;
};

type RawExecution = {
  seq: number;
  execution_id: string;
  prescription_id: string;
  finess: string | null;
  request_json: string;
  stored_json: string;
  received_at: string;
  sha256: string;
  signature: string;
  cancelled_at: string | null;
  cancel_reason: string | null;
};

function toExecution(r: RawExecution): ExecutionRow {
  return {
    seq: r.seq,
    executionId: r.execution_id,
    prescriptionId: r.prescription_id,
    finess: r.finess,
    requestJson: r.request_json,
    stored: JSON.parse(r.stored_json) as Record<string, unknown>,
    receivedAt: r.received_at,
    sha256: r.sha256,
    signature: r.signature,
    cancelledAt: r.cancelled_at,
    cancelReason: r.cancel_reason,
  };
}

export class AmStore {
  constructor(readonly db: AmDatabase) {}

  putActor(actor: Actor): void {
    this.db
      .prepare('INSERT OR REPLACE INTO actors (token, kind, json) VALUES (?, ?, ?)')
      .run(actor.token, actor.kind, JSON.stringify(actor));
  }

  actorByToken(token: string): Actor | null {
    const row = this.db.prepare<[string], { json: string }>('SELECT json FROM actors WHERE token = ?').get(token);
    return row ? (JSON.parse(row.json) as Actor) : null;
  }

  actors(): Actor[] {
    return this.db
      .prepare<[], { json: string }>('SELECT json FROM actors')
      .all()
      .map((r) => JSON.parse(r.json) as Actor);
  }

  insertPrescription(p: StoredPrescription, statusOverride: string | null): void {
    this.db
      .prepare(
        `INSERT INTO prescriptions (id, prescriber_rpps, patient_nir, json, status_override, cancelled_at, created_seq)
         VALUES (?, ?, ?, ?, ?, NULL, (SELECT COALESCE(MAX(created_seq), 0) + 1 FROM prescriptions))`,
      )
      .run(p.id, p.prescriber.rpps, p.patient.nir, JSON.stringify(p), statusOverride);
  }

  prescription(id: string): PrescriptionRow | null {
    const row = this.db
      .prepare<
        [string],
        { json: string; prescriber_rpps: string; patient_nir: string; status_override: string | null; cancelled_at: string | null }
      >('SELECT json, prescriber_rpps, patient_nir, status_override, cancelled_at FROM prescriptions WHERE id = ?')
      .get(id);
    if (!row) return null;
    return {
      stored: JSON.parse(row.json) as StoredPrescription,
      prescriberRpps: row.prescriber_rpps,
      patientNir: row.patient_nir,
      statusOverride: row.status_override,
      cancelledAt: row.cancelled_at,
    };
  }

  prescriptionIdsOfPatient(nir: string): string[] {
    return this.db
      .prepare<[string], { id: string }>(
        "SELECT id FROM prescriptions WHERE patient_nir = ? ORDER BY json_extract(json, '$.issuedAt') DESC, created_seq DESC",
      )
      .all(nir)
      .map((r) => r.id);
  }

  cancelPrescription(id: string, at: string): void {
    this.db.prepare('UPDATE prescriptions SET cancelled_at = ? WHERE id = ? AND cancelled_at IS NULL').run(at, id);
  }

  lease(prescriptionId: string): LeaseRow | null {
    const row = this.db
      .prepare<[string], { finess: string; token: string; since: string; expires_at_ms: number }>(
        'SELECT finess, token, since, expires_at_ms FROM leases WHERE prescription_id = ?',
      )
      .get(prescriptionId);
    return row ? { finess: row.finess, token: row.token, since: row.since, expiresAtMs: row.expires_at_ms } : null;
  }

  putLease(prescriptionId: string, lease: LeaseRow): void {
    this.db
      .prepare('INSERT OR REPLACE INTO leases (prescription_id, finess, token, since, expires_at_ms) VALUES (?, ?, ?, ?, ?)')
      .run(prescriptionId, lease.finess, lease.token, lease.since, lease.expiresAtMs);
  }

  deleteLease(prescriptionId: string): void {
    this.db.prepare('DELETE FROM leases WHERE prescription_id = ?').run(prescriptionId);
  }

  executions(prescriptionId: string): ExecutionRow[] {
    return this.db
      .prepare<[string], RawExecution>('SELECT * FROM executions WHERE prescription_id = ? ORDER BY seq')
      .all(prescriptionId)
      .map(toExecution);
  }

  execution(executionId: string): ExecutionRow | null {
    const row = this.db.prepare<[string], RawExecution>('SELECT * FROM executions WHERE execution_id = ?').get(executionId);
    return row ? toExecution(row) : null;
  }

  insertExecution(e: Omit<ExecutionRow, 'seq' | 'cancelledAt' | 'cancelReason'>): void {
    this.db
      .prepare(
        `INSERT INTO executions (execution_id, prescription_id, finess, request_json, stored_json, received_at, sha256, signature)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(e.executionId, e.prescriptionId, e.finess, e.requestJson, JSON.stringify(e.stored), e.receivedAt, e.sha256, e.signature);
  }

  cancelExecution(executionId: string, at: string, reason: string): void {
    this.db
      .prepare('UPDATE executions SET cancelled_at = ?, cancel_reason = ? WHERE execution_id = ? AND cancelled_at IS NULL')
      .run(at, reason, executionId);
  }

  putApcvSession(nonce: string, nir: string, expiresAtMs: number): void {
    this.db.prepare('INSERT INTO apcv_sessions (nonce, nir, expires_at_ms) VALUES (?, ?, ?)').run(nonce, nir, expiresAtMs);
  }

  apcvSession(nonce: string): { nir: string; expiresAtMs: number; usedAt: string | null } | null {
    const row = this.db
      .prepare<[string], { nir: string; expires_at_ms: number; used_at: string | null }>(
        'SELECT nir, expires_at_ms, used_at FROM apcv_sessions WHERE nonce = ?',
      )
      .get(nonce);
    return row ? { nir: row.nir, expiresAtMs: row.expires_at_ms, usedAt: row.used_at } : null;
  }

  markApcvUsed(nonce: string, at: string): void {
    this.db.prepare('UPDATE apcv_sessions SET used_at = ? WHERE nonce = ?').run(at, nonce);
  }
}

/** The facts the state derivation needs, read back from an execution's stored request. */
export function executionFacts(row: ExecutionRow): ExecutionFacts {
  const request = JSON.parse(row.requestJson) as {
    renewalNumber: number;
    dispensedAt?: string;
    lines: {
      lineId: string;
      status: ExecutionFacts['lines'][number]['status'];
      dispensed?: { cip13: string; packs: number; units?: number }[];
      packs?: number;
      deviation?: { type?: string };
    }[];
  };
  return {
    executionId: row.executionId,
    renewalNumber: request.renewalNumber,
    cancelled: row.cancelledAt !== null,
    dispensedAt: request.dispensedAt ?? null,
    lines: request.lines.map((l) => ({
      lineId: l.lineId,
      status: l.status,
      packs: l.packs ?? (l.dispensed ?? []).reduce((sum, d) => sum + d.packs, 0),
      items: l.dispensed ?? null,
      largePack: l.deviation?.type === 'LARGE_PACK',
    })),
  };
}
