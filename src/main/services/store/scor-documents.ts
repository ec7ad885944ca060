import type { Selectable } from 'kysely';
import type { Executor, StoreEngine } from './store-engine.js';
import { STORE_COLUMNS, type StoreTables } from './store-tables.js';
import { QueueRows } from './transmission-queue.js';

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
  /** The FSE it supports, fixed at its first sending: every resend carries the very same body. */
  fseNumber: string | null;
};

const toDocument = (r: Selectable<StoreTables['scor_documents']>): ScorDocument => ({
  documentId: r.document_id,
  dispensingId: r.dispensing_id,
  circuit: r.circuit,
  prescriptionId: r.prescription_id,
  prescribedOn: r.prescribed_on,
  prescriberRpps: r.prescriber_rpps,
  state: r.state,
  pdf: r.pdf,
  pages: r.pages,
  dpi: r.dpi,
  attempts: r.attempts,
  lastErrorCode: r.last_error_code,
  lastErrorMessage: r.last_error_message,
  createdAt: r.created_at,
  fseNumber: r.fse_number,
});

/** Every column but the PDF: what the panel lists. */
const LISTED_COLUMNS = STORE_COLUMNS.scor_documents.filter((c): c is Exclude<typeof c, 'pdf'> => c !== 'pdf');

/** The scanned ordonnances for SCOR: each dispensing's, from « à numériser » to sent. */
export class ScorDocumentsRepository {
  readonly queue: QueueRows;

  constructor(
    private readonly ex: Executor,
    private readonly engine: StoreEngine,
  ) {
    this.queue = new QueueRows(ex, { table: 'scor_documents', key: 'document_id' });
  }

  /** Inside a transaction: this document held for this counter until it ends (other counters skip it); null when held or no longer waiting. */
  async claim(documentId: string): Promise<ScorDocument | null> {
    const row = await this.engine
      .skipLocked(this.ex.selectFrom('scor_documents').selectAll().where('document_id', '=', documentId).where('state', '=', 'PENDING'))
      .executeTakeFirst();
    return row ? toDocument(row) : null;
  }

  async byDocumentId(id: string): Promise<ScorDocument | null> {
    const row = await this.ex.selectFrom('scor_documents').selectAll().where('document_id', '=', id).executeTakeFirst();
    return row ? toDocument(row) : null;
  }

  /** In the dispensing's transaction: the document it needs, waiting for its scan. */
  async expect(
    d: {
      documentId: string;
      dispensingId: string;
      circuit: 'ON' | 'PAPER';
      prescriptionId: string | null;
      prescribedOn: string;
      prescriberRpps: string | null;
    },
    now = new Date().toISOString(),
  ): Promise<void> {
    await this.ex
      .insertInto('scor_documents')
      .values({
        document_id: d.documentId,
        dispensing_id: d.dispensingId,
        circuit: d.circuit,
        prescription_id: d.prescriptionId,
        prescribed_on: d.prescribedOn,
        prescriber_rpps: d.prescriberRpps,
        state: 'TO_SCAN',
        pdf: null,
        pages: null,
        dpi: null,
        next_attempt_at: now,
        last_error_code: null,
        last_error_message: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }

  /** The scan made: its PDF kept, ready to send. A document already sent is never replaced. */
  async attach(dispensingId: string, pdf: Uint8Array, pages: number, dpi: number, now = new Date().toISOString()): Promise<boolean> {
    const result = await this.ex
      .updateTable('scor_documents')
      .set({
        pdf: Buffer.from(pdf),
        pages,
        dpi,
        state: 'PENDING',
        next_attempt_at: now,
        last_error_code: null,
        last_error_message: null,
        updated_at: now,
      })
      .where('dispensing_id', '=', dispensingId)
      .where('state', 'in', ['TO_SCAN', 'REFUSED'])
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Before its first sending: the FSE number its body will carry, then never changed (idempotent resends). */
  async fixFseNumber(documentId: string, fseNumber: string | null): Promise<void> {
    if (fseNumber === null) return;
    await this.ex
      .updateTable('scor_documents')
      .set({ fse_number: fseNumber })
      .where('document_id', '=', documentId)
      .where('fse_number', 'is', null)
      .where('attempts', '=', 0)
      .execute();
  }

  async byDispensingId(id: string): Promise<ScorDocument | null> {
    const row = await this.ex.selectFrom('scor_documents').selectAll().where('dispensing_id', '=', id).executeTakeFirst();
    return row ? toDocument(row) : null;
  }

  async due(now: string, all: boolean, limit = 50): Promise<ScorDocument[]> {
    let select = this.ex.selectFrom('scor_documents').selectAll().where('state', '=', 'PENDING');
    if (!all) select = select.where('next_attempt_at', '<=', now);
    return (await select.orderBy('created_at').limit(limit).execute()).map(toDocument);
  }

  /** What the transmissions panel shows: to scan, waiting, refused (never the PDFs). */
  async open(): Promise<Omit<ScorDocument, 'pdf'>[]> {
    const rows = await this.ex
      .selectFrom('scor_documents')
      .select(LISTED_COLUMNS)
      .where('state', 'in', ['TO_SCAN', 'PENDING', 'REFUSED'])
      .orderBy('created_at', 'desc')
      .limit(100)
      .execute();
    return rows.map((r) => toDocument({ ...r, pdf: null }));
  }

  /* The outcomes apply only to a document still waiting (`QueueRows`). */
  markSent(documentId: string, now = new Date().toISOString()): Promise<boolean> {
    return this.queue.markSent(documentId, now);
  }

  markRetry(documentId: string, code: string, message: string, nextAttemptAt: string, now = new Date().toISOString()): Promise<boolean> {
    return this.queue.markRetry(documentId, code, message, nextAttemptAt, now);
  }

  markRefused(documentId: string, code: string, message: string, now = new Date().toISOString()): Promise<boolean> {
    return this.queue.markRefused(documentId, code, message, now);
  }

  async count(state: ScorState): Promise<number> {
    return Number(
      (
        await this.ex
          .selectFrom('scor_documents')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('state', '=', state)
          .executeTakeFirst()
      )?.n ?? 0,
    );
  }
}
