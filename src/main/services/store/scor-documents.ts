import type { StoreDb } from './store-database.js';

/** TO_SCAN: « à numériser »; PENDING: scanned, to send; SENT: the téléservice has it; REFUSED: à régulariser. */
export type ScorState = 'TO_SCAN' | 'PENDING' | 'SENT' | 'REFUSED';
export type ScorDocument = {
  documentId: string;
  dispensingId: string;
  circuit: 'ON' | 'PAPER';
  prescriptionId: string | null;
  prescribedOn: string;
  prescriberRpps: string | null;
  state: ScorState;
  pdf: Buffer | null;
  pages: number | null;
  dpi: number | null;
  attempts: number;
  lastErrorCode: string | null;
  lastErrorMessage: string | null;
  createdAt: string;
};

type Row = {
  document_id: string; dispensing_id: string; circuit: 'ON' | 'PAPER'; prescription_id: string | null; prescribed_on: string; prescriber_rpps: string | null;
  state: ScorState; pdf: Buffer | null; pages: number | null; dpi: number | null; attempts: number; last_error_code: string | null; last_error_message: string | null; created_at: string;
};
const toDocument = (r: Row): ScorDocument => ({
  documentId: r.document_id, dispensingId: r.dispensing_id, circuit: r.circuit, prescriptionId: r.prescription_id, prescribedOn: r.prescribed_on,
  prescriberRpps: r.prescriber_rpps, state: r.state, pdf: r.pdf, pages: r.pages, dpi: r.dpi, attempts: r.attempts, lastErrorCode: r.last_error_code,
  lastErrorMessage: r.last_error_message, createdAt: r.created_at,
});

/** The scanned ordonnances for SCOR: each dispensing's, from « à numériser » to sent. */
export class ScorDocumentsRepository {
  constructor(private readonly db: StoreDb) {}

  /** In the dispensing's transaction: the document it needs, waiting for its scan. */
  expect(d: { documentId: string; dispensingId: string; circuit: 'ON' | 'PAPER'; prescriptionId: string | null; prescribedOn: string; prescriberRpps: string | null }, now = new Date().toISOString()): void {
    this.db
      .prepare(`INSERT INTO scor_documents (document_id, dispensing_id, circuit, prescription_id, prescribed_on, prescriber_rpps, state, next_attempt_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'TO_SCAN', ?, ?, ?)`)
      .run(d.documentId, d.dispensingId, d.circuit, d.prescriptionId, d.prescribedOn, d.prescriberRpps, now, now, now);
  }

  /** The scan made: its PDF kept, ready to send. A document already sent is never replaced. */
  attach(dispensingId: string, pdf: Uint8Array, pages: number, dpi: number, now = new Date().toISOString()): boolean {
    const info = this.db
      .prepare(`UPDATE scor_documents SET pdf = ?, pages = ?, dpi = ?, state = 'PENDING', next_attempt_at = ?, last_error_code = NULL, last_error_message = NULL, updated_at = ? WHERE dispensing_id = ? AND state IN ('TO_SCAN', 'REFUSED')`)
      .run(Buffer.from(pdf), pages, dpi, now, now, dispensingId);
    return info.changes === 1;
  }

  byDispensingId(id: string): ScorDocument | null {
    const row = this.db.prepare<[string], Row>('SELECT * FROM scor_documents WHERE dispensing_id = ?').get(id);
    return row ? toDocument(row) : null;
  }

  due(now: string, all: boolean, limit = 50): ScorDocument[] {
    return this.db.prepare<[number, string, number], Row>(`SELECT * FROM scor_documents WHERE state = 'PENDING' AND (? OR next_attempt_at <= ?) ORDER BY created_at LIMIT ?`).all(all ? 1 : 0, now, limit).map(toDocument);
  }

  /** What the transmissions panel shows: to scan, waiting, refused (never the PDFs). */
  open(): Omit<ScorDocument, 'pdf'>[] {
    return this.db
      .prepare<[], Row>(`SELECT * FROM scor_documents WHERE state IN ('TO_SCAN', 'PENDING', 'REFUSED') ORDER BY created_at DESC LIMIT 100`)
      .all()
      .map(({ pdf: _pdf, ...r }) => toDocument({ ...r, pdf: null }));
  }

  markSent(documentId: string, now = new Date().toISOString()): void {
    this.db.prepare(`UPDATE scor_documents SET state = 'SENT', attempts = attempts + 1, last_error_code = NULL, last_error_message = NULL, updated_at = ? WHERE document_id = ?`).run(now, documentId);
  }

  markRetry(documentId: string, code: string, message: string, nextAttemptAt: string, now = new Date().toISOString()): void {
    this.db.prepare(`UPDATE scor_documents SET attempts = attempts + 1, last_error_code = ?, last_error_message = ?, next_attempt_at = ?, updated_at = ? WHERE document_id = ?`).run(code, message, nextAttemptAt, now, documentId);
  }

  markRefused(documentId: string, code: string, message: string, now = new Date().toISOString()): void {
    this.db.prepare(`UPDATE scor_documents SET state = 'REFUSED', attempts = attempts + 1, last_error_code = ?, last_error_message = ?, updated_at = ? WHERE document_id = ?`).run(code, message, now, documentId);
  }

  count(state: ScorState): number {
    return (this.db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM scor_documents WHERE state = ?').get(state) ?? { n: 0 }).n;
  }
}
