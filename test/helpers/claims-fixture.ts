import { randomUUID } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { PNG } from 'pngjs';
import { DEMO_PATIENTS, DEMO_PRESCRIBERS } from '../../src/am-server/demo/demo-actors.js';
import { DEMO_AMC_NUMBER } from '../../src/am-server/demo/demo-beneficiaries.js';
import type { Destination, Fse, Lot } from '../../src/shared/claims/claims-schemas.js';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { RunningAmServer } from '../../src/am-server/am-server.js';
import { TOKENS, startDemoServer, type AmTestClient } from './am-fixture.js';

/** Builders for the claims contract's bodies (claims.md), consistent unless a test breaks them. */
export const PARIS: Destination = { regime: '01', caisse: '751', centre: '0000' };
export const MARSEILLE: Destination = { regime: '01', caisse: '131', centre: '0000' };

let nextNumber = 100_000_000;
export const freshFseNumber = (): string => String(nextNumber++);

type Overrides = Partial<Omit<Fse, 'lines' | 'totals'>> & { lines?: Fse['lines'] };

/** One box of a 65 % medicine (10,00 €) and its honoraire (1,02 € at 70 %), Léa Durand by default. */
export function fse(o: Overrides = {}): Fse {
  const tiersPayant = o.tiersPayant ?? 'AMO';
  const withAmc = tiersPayant === 'AMO_AMC';
  const lines = o.lines ?? [
    {
      code: 'PH7',
      cip13: '3400930000001',
      quantity: 1,
      unitPriceCents: 1000,
      baseCents: 1000,
      rate: 65,
      amoCents: 650,
      amcCents: withAmc ? 350 : 0,
    },
    { code: 'HD', cip13: null, quantity: 1, unitPriceCents: 102, baseCents: 102, rate: 70, amoCents: 71, amcCents: withAmc ? 31 : 0 },
  ];
  const { lines: _l, ...rest } = o;
  return {
    fseNumber: freshFseNumber(),
    recycled: false,
    dispensingId: randomUUID(),
    dispensedOn: '2027-03-01',
    securisation: 'VITALE',
    tiersPayant,
    beneficiary: { nir: DEMO_PATIENTS.durand.nir, birthDate: DEMO_PATIENTS.durand.birthDate },
    exoneration: null,
    prescriber: { rpps: DEMO_PRESCRIBERS.martin.rpps },
    prescribedOn: '2027-02-25',
    prescriptionId: null,
    amc: withAmc ? { number: DEMO_AMC_NUMBER } : null,
    ...rest,
    lines,
    totals: totalsOf(lines),
  };
}

export function totalsOf(lines: Fse['lines']): Fse['totals'] {
  const totalCents = lines.reduce((s, l) => s + l.quantity * l.unitPriceCents, 0);
  const amoCents = lines.reduce((s, l) => s + l.amoCents, 0);
  const amcCents = lines.reduce((s, l) => s + l.amcCents, 0);
  return { totalCents, amoCents, amcCents, patientCents: totalCents - amoCents - amcCents };
}

let nextLot = 1;
export function lot(fses: Fse[], destination: Destination = PARIS): Lot {
  return {
    lotId: randomUUID(),
    lotNumber: nextLot++,
    destination,
    fses,
    totals: {
      count: fses.length,
      totalCents: fses.reduce((s, f) => s + f.totals.totalCents, 0),
      amoCents: fses.reduce((s, f) => s + f.totals.amoCents, 0),
      amcCents: fses.reduce((s, f) => s + f.totals.amcCents, 0),
    },
  };
}

/** A 200 dpi A5 scan, the pièce justificative an FSE needs (M005-001 otherwise). */
export async function scanPdfBase64(): Promise<string> {
  const png = new PNG({ width: 1170, height: 1654 });
  png.data.fill(220);
  const doc = await PDFDocument.create();
  const image = await doc.embedPng(PNG.sync.write(png));
  doc.addPage([419.53, 595.28]).drawImage(image, { x: 0, y: 0, width: 419.53, height: 595.28 });
  return Buffer.from(await doc.save()).toString('base64');
}

/** Sends the pièce justificative of each FSE (`fseNumber` on `POST /v1/scor/documents`). */
export async function sendPieces(client: AmTestClient, fses: Fse[], token = TOKENS.pharmacy): Promise<void> {
  const pdfBase64 = await scanPdfBase64();
  for (const f of fses) {
    const answer = await client.call('POST', '/v1/scor/documents', {
      token,
      body: {
        documentId: randomUUID(),
        dispensingId: f.dispensingId,
        circuit: 'PAPER',
        prescriptionId: null,
        prescribedOn: f.prescribedOn,
        prescriberRpps: f.prescriber.rpps,
        fseNumber: f.fseNumber,
        pdfBase64,
      },
    });
    if (answer.status !== 201) throw new Error(`scan refusé : ${JSON.stringify(answer.body)}`);
  }
}

export class ClaimsClient {
  constructor(readonly client: AmTestClient) {}

  send(body: unknown, token = TOKENS.pharmacy) {
    return this.client.call('POST', '/sv/v1/lots', { token, body });
  }

  async mailbox(after = 0, limit?: number, token = TOKENS.pharmacy) {
    const q = `after=${after}${limit === undefined ? '' : `&limit=${limit}`}`;
    return this.client.call('GET', `/sv/v1/mailbox?${q}`, { token });
  }

  /** Every message from the start (following the cursor). */
  async all(token = TOKENS.pharmacy): Promise<any[]> {
    const out: any[] = [];
    let after = 0;
    for (;;) {
      const page = await this.mailbox(after, 1000, token);
      out.push(...page.body.messages);
      if (page.body.messages.length === 0) return out;
      after = page.body.cursor;
    }
  }

  clock(now: string | null) {
    return this.client.call('POST', '/_mock/clock', { body: { now } });
  }

  rules(body: unknown) {
    return this.client.call('POST', '/_mock/sv/rules', { body });
  }

  liquidate() {
    return this.client.call('POST', '/_mock/sv/liquidate', { body: {} });
  }

  release() {
    return this.client.call('POST', '/_mock/sv/release', { body: {} });
  }
}

/** A Monday, 09:00 in Paris: the day the claims tests send their lots. */
export const CLAIMS_MONDAY = '2027-03-01T09:00:00+01:00';

/**
 * The demo mock for a test file, reset before each test with its clock on CLAIMS_MONDAY: `client`
 * speaks raw HTTP (and /_mock), `sv` the claims routes. Read them inside tests only.
 */
export function claimsSuite(): { server: RunningAmServer; client: AmTestClient; sv: ClaimsClient } {
  const suite = {} as { server: RunningAmServer; client: AmTestClient; sv: ClaimsClient };
  beforeAll(async () => {
    const { server, client } = await startDemoServer();
    Object.assign(suite, { server, client, sv: new ClaimsClient(client) });
  });
  afterAll(() => suite.server?.close());
  beforeEach(async () => {
    await suite.client.call('POST', '/_mock/reset');
    await suite.sv.clock(CLAIMS_MONDAY);
  });
  return suite;
}
