import { createHash } from 'node:crypto';
import { z } from 'zod';
import { isValidPrescriptionId } from '../shared/ids/prescription-id.js';
import { canonicalJson } from '../shared/teleservice/canonical-json.js';
import { isoDate } from '../shared/teleservice/schemas.js';
import type { Actor } from './actors.js';
import { writeTransaction, type AmDatabase } from './am-database.js';
import type { Reply } from './am-service.js';
import { parisInstant, type MockClock } from './clock.js';
import { errors } from './errors.js';
import { ApiError } from './http-kit.js';
import { measureScorPdf } from './scor-pdf.js';
import { parseOr422, validationError } from './validation.js';

/** The SCOR route alone takes bodies this large (a scanned A4 at 200 dpi and more). */
export const SCOR_MAX_BODY_BYTES = 6 * 1024 * 1024;

const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
export const scorDocumentSchema = z
  .object({
    documentId: z.string().regex(uuidV4, 'UUID v4 attendu'),
    dispensingId: z.string().min(1).max(64),
    circuit: z.enum(['PAPER', 'ON']),
    prescriptionId: z.string().nullable(),
    prescribedOn: isoDate,
    prescriberRpps: z
      .string()
      .regex(/^[0-9]{11}$/, '11 chiffres')
      .nullable(),
    /** claims.md: the FSE this pièce justificative supports (absent from older clients: null). */
    fseNumber: z
      .string()
      .regex(/^[0-9]{9}$/, '9 chiffres')
      .nullable()
      .default(null),
    pdfBase64: z.string().min(1),
  })
  .strict();
type ScorBody = z.infer<typeof scorDocumentSchema>;

type Row = {
  document_id: string;
  finess: string;
  request_sha256: string;
  dispensing_id: string;
  circuit: 'PAPER' | 'ON';
  prescription_id: string | null;
  prescribed_on: string;
  prescriber_rpps: string | null;
  received_at: string;
  pages: number;
  bytes: number;
  min_dpi: number;
  fse_number: string | null;
};

/** #14 and #15: the scanned paper ordonnances a pharmacy sends, measured from the PDF itself. */
export class ScorDocuments {
  constructor(
    private readonly db: AmDatabase,
    private readonly clock: MockClock,
  ) {}

  async submit(actor: Actor, input: unknown): Promise<Reply> {
    if (actor.kind !== 'pharmacy') throw errors.forbidden();
    const body = parseOr422(scorDocumentSchema, input, bodyProblems);
    const sha256 = createHash('sha256').update(canonicalJson(body)).digest('hex');
    const previous = this.row(body.documentId);
    if (previous) {
      if (previous.finess !== actor.finess || previous.request_sha256 !== sha256) throw errors.idempotencyConflict();
      return { status: 200, body: accepted(previous) };
    }
    const pdf = Buffer.from(body.pdfBase64, 'base64');
    const facts = await measureScorPdf(pdf);
    if (!facts.ok) throw new ApiError(422, facts.code, facts.message, facts.details);
    return writeTransaction(this.db, () => {
      // Another request with this id may have landed while the PDF was measured: the first one stays.
      const raced = this.row(body.documentId);
      if (raced)
        return raced.request_sha256 === sha256 && raced.finess === actor.finess
          ? { status: 200, body: accepted(raced) }
          : (() => {
              throw errors.idempotencyConflict();
            })();
      const receivedAt = parisInstant(this.clock.now());
      this.db
        .prepare(
          `INSERT INTO scor_documents (document_id, finess, request_sha256, dispensing_id, circuit, prescription_id, prescribed_on, prescriber_rpps, received_at, pages, bytes, min_dpi, pdf, fse_number)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          body.documentId,
          actor.finess,
          sha256,
          body.dispensingId,
          body.circuit,
          body.prescriptionId,
          body.prescribedOn,
          body.prescriberRpps,
          receivedAt,
          facts.pages,
          pdf.length,
          facts.minDpi,
          pdf,
          body.fseNumber,
        );
      return { status: 201, body: accepted(this.row(body.documentId)!) };
    });
  }

  /** #15: the pharmacy's own documents received from that day on, newest first, without the PDF. */
  list(actor: Actor, from: string | null): Reply {
    if (actor.kind !== 'pharmacy') throw errors.forbidden();
    if (from !== null && !isoDate.safeParse(from).success)
      throw validationError([{ field: 'from', message: 'date attendue au format AAAA-MM-JJ' }]);
    const rows = this.db
      .prepare<[string, string], Row>(
        `SELECT document_id, finess, request_sha256, dispensing_id, circuit, prescription_id, prescribed_on, prescriber_rpps, received_at, pages, bytes, min_dpi, fse_number FROM scor_documents WHERE finess = ? AND substr(received_at, 1, 10) >= ? ORDER BY received_at DESC, rowid DESC`,
      )
      .all(actor.finess, from ?? '0000-00-00');
    return { status: 200, body: { documents: rows.map(listed) } };
  }

  /** The PDF as received (mock-only, for tests that read it back). */
  pdf(documentId: string): Buffer | null {
    return this.db.prepare<[string], { pdf: Buffer }>('SELECT pdf FROM scor_documents WHERE document_id = ?').get(documentId)?.pdf ?? null;
  }

  private row(documentId: string): Row | undefined {
    return this.db.prepare<[string], Row>('SELECT * FROM scor_documents WHERE document_id = ?').get(documentId);
  }
}

function bodyProblems(body: ScorBody) {
  const problems = [];
  if (body.circuit === 'ON' && (body.prescriptionId === null || !isValidPrescriptionId(body.prescriptionId)))
    problems.push({ field: 'prescriptionId', message: 'numéro d’ordonnance numérique obligatoire et valide pour le circuit ON' });
  if (body.circuit === 'PAPER' && body.prescriptionId !== null)
    problems.push({ field: 'prescriptionId', message: 'null pour une ordonnance papier' });
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body.pdfBase64) || body.pdfBase64.length % 4 !== 0)
    problems.push({ field: 'pdfBase64', message: 'base64 invalide' });
  return problems;
}

const accepted = (r: Row) => ({ documentId: r.document_id, receivedAt: r.received_at, status: 'ACCEPTED' as const, pages: r.pages });
const listed = (r: Row) => ({
  documentId: r.document_id,
  dispensingId: r.dispensing_id,
  circuit: r.circuit,
  prescriptionId: r.prescription_id,
  prescribedOn: r.prescribed_on,
  prescriberRpps: r.prescriber_rpps,
  fseNumber: r.fse_number,
  receivedAt: r.received_at,
  pages: r.pages,
  bytes: r.bytes,
  minDpi: r.min_dpi,
});
