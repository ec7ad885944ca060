import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningAmServer } from '../../../src/am-server/am-server.js';
import { type AmTestClient, TOKENS, startDemoServer } from '../../helpers/am-fixture.js';

let server: RunningAmServer;
let client: AmTestClient;
beforeAll(async () => ({ server, client } = await startDemoServer()));
afterAll(() => server.close());
beforeEach(async () => void (await client.call('POST', '/_mock/reset')));

const A5 = { width: 419.53, height: 595.28 };

/** A grey "scan" of `pixels` width on an A5 page: its resolution is pixels ÷ (A5 width in inches). */
async function scannedPdf(pixels: number, pages = 1): Promise<Buffer> {
  const png = new PNG({ width: pixels, height: Math.round(pixels * 1.414) });
  png.data.fill(220);
  const doc = await PDFDocument.create();
  const image = await doc.embedPng(PNG.sync.write(png));
  for (let i = 0; i < pages; i++) doc.addPage([A5.width, A5.height]).drawImage(image, { x: 0, y: 0, width: A5.width, height: A5.height });
  return Buffer.from(await doc.save());
}

async function textOnlyPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([A5.width, A5.height]).drawText('Ordonnance', { font: await doc.embedFont(StandardFonts.Helvetica) });
  return Buffer.from(await doc.save());
}

const body = (pdf: Buffer, extra: Record<string, unknown> = {}) => ({
  documentId: randomUUID(),
  dispensingId: randomUUID(),
  circuit: 'PAPER',
  prescriptionId: null,
  prescribedOn: '2026-11-20',
  prescriberRpps: '10003456786',
  pdfBase64: pdf.toString('base64'),
  ...extra,
});
const send = (b: unknown, token = TOKENS.pharmacy) => client.call('POST', '/v1/scor/documents', { token, body: b });

describe('POST /v1/scor/documents', () => {
  it('accepts a 200 dpi scan (201), measured from the PDF itself; the same body again gets the first answer (200)', async () => {
    const b = body(await scannedPdf(1170, 2));
    const first = await send(b);
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ documentId: b.documentId, receivedAt: expect.any(String), status: 'ACCEPTED', pages: 2 });
    const again = await send(b);
    expect([again.status, again.body]).toEqual([200, first.body]);
    const listed = await client.call('GET', '/v1/scor/documents?from=2026-01-01', { token: TOKENS.pharmacy });
    expect(listed.body.documents).toEqual([
      expect.objectContaining({ documentId: b.documentId, circuit: 'PAPER', pages: 2, minDpi: 200, bytes: expect.any(Number) }),
    ]);
    expect(listed.body.documents[0].pdfBase64).toBeUndefined();
    // What reached the mock reads back at 200 dpi.
    const pdf = Buffer.from(await (await fetch(`${server.url}/_mock/scor/${b.documentId}.pdf`)).arrayBuffer());
    const dir = mkdtempSync(join(tmpdir(), 'scor-'));
    writeFileSync(join(dir, 'doc.pdf'), pdf);
    const out = execFileSync('pdfimages', ['-list', join(dir, 'doc.pdf')]).toString();
    expect(out).toMatch(/1170\s+1654/);
  });

  it.each([
    ['a low-resolution scan', async () => scannedPdf(500), 'DOCUMENT_RESOLUTION'],
    ['a page without an image', textOnlyPdf, 'DOCUMENT_INVALID'],
    ['not a PDF', async () => Buffer.from('GIF89a not a pdf'), 'DOCUMENT_INVALID'],
    ['a truncated PDF', async () => (await scannedPdf(1170)).subarray(0, 300), 'DOCUMENT_INVALID'],
  ])('refuses %s with 422 %s', async (_, make, code) => {
    const res = await send(body(await make()));
    expect([res.status, res.body.error.code]).toEqual([422, code]);
  });

  it('says which page is too coarse, and at how many dpi', async () => {
    const res = await send(body(await scannedPdf(500)));
    expect(res.body.error.details).toEqual({ page: 1, dpi: 85, minDpi: 150 });
  });

  it('answers 409 IDEMPOTENCY_CONFLICT to the same documentId with another body', async () => {
    const b = body(await scannedPdf(1170));
    expect((await send(b)).status).toBe(201);
    const res = await send({ ...b, prescribedOn: '2026-11-21' });
    expect([res.status, res.body.error.code]).toEqual([409, 'IDEMPOTENCY_CONFLICT']);
  });

  it('checks the fields: an ON document needs its valid prescription id, a paper one none', async () => {
    const pdf = await scannedPdf(1170);
    const on = await send(body(pdf, { circuit: 'ON', prescriptionId: null }));
    expect([on.status, on.body.error.code, on.body.error.details.fields[0].field]).toEqual([422, 'VALIDATION_ERROR', 'prescriptionId']);
    expect((await send(body(pdf, { circuit: 'ON', prescriptionId: '013XJ9K2M4P6R8T0V0' }))).status).toBe(201);
    const bad = await send(body(pdf, { documentId: 'not-a-uuid', prescriberRpps: '123' }));
    expect(bad.body.error.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['documentId', 'prescriberRpps']);
  });

  it('takes up to 6 MiB on this route alone: 413 PAYLOAD_TOO_LARGE beyond, and 256 KiB still elsewhere', async () => {
    const big = { ...body(await scannedPdf(1170)), pdfBase64: 'A'.repeat(6 * 1024 * 1024) };
    const res = await send(big);
    expect([res.status, res.body.error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    const mid = await send({ ...body(await scannedPdf(1170)), pdfBase64: Buffer.alloc(400 * 1024, 1).toString('base64') });
    expect([mid.status, mid.body.error.code]).toEqual([422, 'DOCUMENT_INVALID']);
    const elsewhere = await client.call('POST', '/v1/prescriptions', {
      token: TOKENS.prescriber,
      raw: JSON.stringify({ notes: 'x'.repeat(300 * 1024) }),
    });
    expect(elsewhere.status).toBe(413);
  });

  it('lists a pharmacy’s own documents only, newest first, from a day on; refuses prescribers', async () => {
    const pdf = await scannedPdf(1170);
    const first = body(pdf);
    const second = body(pdf);
    await send(first);
    await send(second);
    const mine = await client.call('GET', '/v1/scor/documents', { token: TOKENS.pharmacy });
    expect(mine.body.documents.map((d: { documentId: string }) => d.documentId)).toEqual([second.documentId, first.documentId]);
    expect((await client.call('GET', '/v1/scor/documents', { token: TOKENS.otherPharmacy })).body.documents).toEqual([]);
    expect((await client.call('GET', '/v1/scor/documents?from=2999-01-01', { token: TOKENS.pharmacy })).body.documents).toEqual([]);
    expect((await client.call('GET', '/v1/scor/documents?from=hier', { token: TOKENS.pharmacy })).status).toBe(422);
    expect((await send(body(pdf), TOKENS.prescriber)).status).toBe(403);
  });
});
