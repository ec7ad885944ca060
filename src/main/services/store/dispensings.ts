import type { ExecutionBody, Prescription } from '../../../shared/teleservice/schemas.js';
import type { StoreDb } from './store-database.js';

export type SaleLine = {
  lineId: string | null; cip13: string; label: string; packs: number; batch: string | null; expiry: string | null; unitPriceCents: number | null; reimbursementRate: number | null;
  /** Tiers payant contre génériques: the generic's price per pack the line is reimbursed on. */
  refusedGenericCents?: number | null;
};

export type DispensingRecord = {
  id: string;
  circuit: 'ON' | 'PAPER';
  prescriptionId: string | null;
  renewalNumber: number;
  phase: 1 | 2;
  pharmacistRpps: string;
  patientNir: string | null;
  patientSource: string | null;
  patientOverrideReason: string | null;
  prescription: Prescription | null;
  execution: ExecutionBody | null;
  complementaryInfo: string | null;
  workstation: string;
  createdAt: string;
  saleLines: SaleLine[];
  /** The prescription's date and prescriber (« Date de l'ordonnance », « Prescripteur »). */
  prescribedOn?: string | null;
  prescriberRpps?: string | null;
  /** The facturation's number (one sequence for the pharmacy). */
  invoiceNumber?: number | null;
  /** Set once cancelled (a mistake, a return), with why. */
  cancelledAt?: string | null;
  cancelReason?: string | null;
};

/** One dispensing as « Historique » lists it. */
export type HistoryEntry = {
  id: string;
  circuit: 'ON' | 'PAPER';
  prescriptionId: string | null;
  renewalNumber: number;
  patientNir: string | null;
  patientName: string | null;
  createdAt: string;
  products: string;
  cancelledAt: string | null;
  cancelReason: string | null;
};

type Row = {
  id: string; circuit: 'ON' | 'PAPER'; prescription_id: string | null; renewal_number: number; phase: 1 | 2; pharmacist_rpps: string; patient_nir: string | null;
  patient_source: string | null; patient_override_reason: string | null; prescription_json: string | null; execution_json: string | null;
  complementary_info: string | null; workstation: string; created_at: string; cancelled_at: string | null; cancel_reason: string | null;
  prescribed_on: string | null; prescriber_rpps: string | null; invoice_number: number | null;
};

/** The local record of each counter session and the sale lines it produced. */
export class DispensingsRepository {
  constructor(private readonly db: StoreDb) {}

  insert(d: DispensingRecord): void {
    this.db
      .prepare(
        `INSERT INTO dispensings (id, circuit, prescription_id, renewal_number, phase, pharmacist_rpps, patient_nir, patient_source, patient_override_reason,
          prescription_json, execution_json, complementary_info, workstation, created_at, prescribed_on, prescriber_rpps) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(d.id, d.circuit, d.prescriptionId, d.renewalNumber, d.phase, d.pharmacistRpps, d.patientNir, d.patientSource, d.patientOverrideReason,
        d.prescription ? JSON.stringify(d.prescription) : null, d.execution ? JSON.stringify(d.execution) : null, d.complementaryInfo, d.workstation, d.createdAt,
        d.prescribedOn ?? d.prescription?.issuedAt ?? null, d.prescriberRpps ?? d.prescription?.prescriber.rpps ?? null);
    const sale = this.db.prepare('INSERT INTO sale_lines (dispensing_id, line_id, cip13, label, packs, batch, expiry, unit_price_cents, reimbursement_rate, refused_generic_cents) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    for (const s of d.saleLines) sale.run(d.id, s.lineId, s.cip13, s.label, s.packs, s.batch, s.expiry, s.unitPriceCents, s.reimbursementRate, s.refusedGenericCents ?? null);
  }

  byId(id: string): DispensingRecord | null {
    const row = this.db.prepare<[string], Row>('SELECT * FROM dispensings WHERE id = ?').get(id);
    if (!row) return null;
    type SaleRow = { line_id: string | null; cip13: string; label: string; packs: number; batch: string | null; expiry: string | null; unit_price_cents: number | null; reimbursement_rate: number | null; refused_generic_cents: number | null };
    const saleLines = this.db.prepare<[string], SaleRow>('SELECT * FROM sale_lines WHERE dispensing_id = ? ORDER BY id').all(id).map((s) => ({
      lineId: s.line_id, cip13: s.cip13, label: s.label, packs: s.packs, batch: s.batch, expiry: s.expiry, unitPriceCents: s.unit_price_cents, reimbursementRate: s.reimbursement_rate,
      refusedGenericCents: s.refused_generic_cents,
    }));
    return {
      id: row.id, circuit: row.circuit, prescriptionId: row.prescription_id, renewalNumber: row.renewal_number, phase: row.phase, pharmacistRpps: row.pharmacist_rpps,
      patientNir: row.patient_nir, patientSource: row.patient_source, patientOverrideReason: row.patient_override_reason,
      prescription: row.prescription_json ? (JSON.parse(row.prescription_json) as Prescription) : null,
      execution: row.execution_json ? (JSON.parse(row.execution_json) as ExecutionBody) : null,
      complementaryInfo: row.complementary_info, workstation: row.workstation, createdAt: row.created_at, saleLines,
      cancelledAt: row.cancelled_at, cancelReason: row.cancel_reason, prescribedOn: row.prescribed_on, prescriberRpps: row.prescriber_rpps, invoiceNumber: row.invoice_number,
    };
  }

  /**
   * « Historique »: the latest dispensings first; a query narrows them to a prescription number
   * (as printed or not) or a patient's name or NIR.
   */
  history(query: string, limit = 50): HistoryEntry[] {
    type HistoryRow = Row & { products: string | null; last_name: string | null; first_name: string | null };
    const q = query.trim();
    const compact = q.toUpperCase().replace(/[\s-]+/g, '');
    const like = `%${q.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[%_]/g, '')}%`;
    const rows = this.db
      .prepare<[string, string, string, string, string, number], HistoryRow>(
        `SELECT d.*, (SELECT group_concat(s.label || ' × ' || s.packs, ' ; ') FROM sale_lines s WHERE s.dispensing_id = d.id) AS products,
                p.last_name, p.first_name
         FROM dispensings d LEFT JOIN patients p ON p.nir = d.patient_nir
         WHERE ? = '' OR d.prescription_id LIKE ? || '%' OR d.patient_nir LIKE ? || '%'
            OR (p.last_name_key || ' ' || p.first_name_key) LIKE ? OR (p.first_name_key || ' ' || p.last_name_key) LIKE ?
         ORDER BY d.created_at DESC LIMIT ?`,
      )
      .all(q, compact, compact, like, like, limit);
    return rows.map((r) => ({
      id: r.id, circuit: r.circuit, prescriptionId: r.prescription_id, renewalNumber: r.renewal_number, patientNir: r.patient_nir,
      patientName: r.last_name ? `${r.last_name} ${r.first_name ?? ''}`.trim() : null, createdAt: r.created_at, products: r.products ?? '',
      cancelledAt: r.cancelled_at, cancelReason: r.cancel_reason,
    }));
  }

  markCancelled(id: string, reason: string, at = new Date().toISOString()): void {
    this.db.prepare('UPDATE dispensings SET cancelled_at = ?, cancel_reason = ? WHERE id = ? AND cancelled_at IS NULL').run(at, reason, id);
  }

  /**
   * For degraded mode: the prescription as last fetched on this workstation, with every dispensing
   * recorded here since added to its lines (the snapshot predates them). Null when never seen here.
   */
  localSnapshot(prescriptionId: string): Prescription | null {
    const rows = this.db
      .prepare<[string], { prescription_json: string | null; execution_json: string | null }>(`SELECT prescription_json, execution_json FROM dispensings WHERE prescription_id = ? AND circuit = 'ON' AND cancelled_at IS NULL ORDER BY created_at`)
      .all(prescriptionId);
    const last = [...rows].reverse().find((r) => r.prescription_json);
    if (!last?.prescription_json) return null;
    const snapshot = JSON.parse(last.prescription_json) as Prescription;
    for (const row of rows) {
      const execution = row.execution_json ? (JSON.parse(row.execution_json) as ExecutionBody) : null;
      if (!execution) continue;
      for (const line of snapshot.lines) {
        if (line.dispensings.some((d) => d.executionId === execution.executionId)) continue;
        const executed = execution.lines.find((l) => l.lineId === line.lineId);
        if (!executed) continue;
        const units = executed.dispensed.every((d) => d.units !== undefined) ? executed.dispensed.reduce((n, d) => n + (d.units ?? 0), 0) : undefined;
        line.dispensings.push({
          executionId: execution.executionId, renewalNumber: execution.renewalNumber, packs: executed.dispensed.reduce((n, d) => n + d.packs, 0),
          ...(units === undefined ? {} : { units }), status: executed.status, dispensedAt: execution.dispensedAt,
        });
      }
    }
    return snapshot;
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM dispensings').get() as { n: number }).n;
  }
}
