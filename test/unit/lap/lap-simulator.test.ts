import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAmServer } from '../../../src/am-server/am-server.js';
import { decodeImage } from '../../../src/main/services/codes/image-decoder.js';
import { SAMPLE_PRODUCTS } from '../../../src/shared/demo/sample-products.js';
import { type AmTestClient, TOKENS, fullExecution, prescriptionBody, startDemoServer } from '../../helpers/am-fixture.js';
import { runComptoir } from '../../helpers/processes.js';

let server: RunningAmServer;
let client: AmTestClient;
let env: Record<string, string>;
const dir = mkdtempSync(join(tmpdir(), 'lap-'));

beforeAll(async () => {
  ({ server, client } = await startDemoServer());
  env = { COMPTOIR_AM_URL: server.url, COMPTOIR_AM_TOKEN: TOKENS.prescriber };
});
afterAll(() => server.close());

function rx(): string {
  const body = prescriptionBody();
  body.lines.push({
    kind: 'MEDICINE',
    product: { cip13: SAMPLE_PRODUCTS.levothyrox75.cip13, label: SAMPLE_PRODUCTS.levothyrox75.label },
    posology: '1 comprimé le matin à jeun',
    durationDays: 30,
    quantity: 1,
    repeats: 0,
    substitutable: false,
    nonSubstitutableReason: 'MTE' as never,
    flags: [],
  });
  const file = join(dir, `rx-${Math.random()}.json`);
  writeFileSync(file, JSON.stringify(body));
  return file;
}

describe('comptoir lap', () => {
  it('creates a prescription and prints the paper ordonnance whose QR reads back to the same id', async () => {
    const pdf = join(dir, 'ordonnance.pdf');
    const res = await runComptoir(['lap', 'create', '--file', rx(), '--pdf', pdf], env);
    expect(res.code).toBe(0);
    const created = JSON.parse(res.stdout);
    expect(created.status).toBe('ACTIVE');
    // Its drug database knows the Lévothyrox pack: the LAP says how many units it holds; not the unknown one.
    expect(created.lines.map((l: { product: { unitsPerPack?: number } }) => l.product.unitsPerPack)).toEqual([
      undefined,
      SAMPLE_PRODUCTS.levothyrox75.packSize,
    ]);
    execFileSync('pdftoppm', ['-r', '150', '-png', '-singlefile', pdf, join(dir, 'page')]);
    const decoded = await decodeImage(new Uint8Array(readFileSync(join(dir, 'page.png'))));
    expect(decoded).toEqual({ codes: [expect.objectContaining({ kind: 'eprescription', id: created.id })] });
    const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
    const grouped = created.id.match(/.{1,4}/g).join('-');
    for (const expected of [
      'Dr Anne Martin',
      'RPPS 10003456786',
      'DURAND Léa',
      'NIR 2 79 03 51 215 189 89',
      '1 comprimé le matin',
      'Durée 30 jours',
      'à renouveler 2 fois',
      'Non substituable (MTE : marge thérapeutique étroite)',
      'Signature du prescripteur',
      grouped,
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('shows the prescriber what was and was not dispensed', async () => {
    const created = JSON.parse((await runComptoir(['lap', 'create', '--file', rx()], env)).stdout);
    const lease = (await client.lease(created.id)).body.leaseToken;
    const body = fullExecution(created);
    body.lines[1] = {
      lineId: 'L2',
      status: 'NOT_DISPENSED',
      dispensed: [],
      deviation: { type: 'SHORTAGE', reason: 'rupture fabricant', prescriberAgreement: null },
    };
    expect((await client.execute(created.id, lease, body)).status).toBe(201);
    const res = await runComptoir(['lap', 'executions', created.id], env);
    expect(res.code).toBe(0);
    const summary = JSON.parse(res.stdout);
    expect(summary.lines[0].renewals[0]).toMatchObject({ renewalNumber: 0, packsPrescribed: 1, packsDispensed: 1 });
    expect(summary.lines[1].renewals[0]).toMatchObject({
      packsDispensed: 0,
      notDispensed: [{ type: 'SHORTAGE', reason: 'rupture fabricant' }],
    });
    expect(summary.lines[0].renewals[2]).toMatchObject({ renewalNumber: 2, packsDispensed: 0 });
  });

  it('says so and exits 2 without COMPTOIR_AM_URL', async () => {
    const res = await runComptoir(['lap', 'create', '--file', rx()], { COMPTOIR_AM_URL: '', COMPTOIR_AM_TOKEN: '' });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/COMPTOIR_AM_URL n’est pas défini/);
  });

  it('reports the server’s refusal in French and exits 1', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(prescriptionBody({ lines: [] })));
    const res = await runComptoir(['lap', 'create', '--file', file], env);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/VALIDATION_ERROR — La requête contient des champs invalides/);
  });

  it('writes a demo set of ordonnances', async () => {
    const res = await runComptoir(['lap', 'demo', '--out', join(dir, 'demo')], env);
    expect(res.code).toBe(0);
    const lines = res.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.kind)).toEqual(['STANDARD', 'STANDARD', 'BIZONE', 'SECURISEE']);
    expect(readFileSync(lines[0].pdf).subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('comptoir decode', () => {
  it('prints one JSON line per code and an error line when none is found', async () => {
    const pdf = join(dir, 'd.pdf');
    const created = JSON.parse((await runComptoir(['lap', 'create', '--file', rx(), '--pdf', pdf], env)).stdout);
    execFileSync('pdftoppm', ['-r', '100', '-jpeg', '-singlefile', pdf, join(dir, 'scan')]);
    writeFileSync(join(dir, 'blank.txt'), 'nothing');
    const res = await runComptoir(['decode', join(dir, 'scan.jpg'), join(dir, 'blank.txt'), join(dir, 'missing.png')]);
    expect(res.code).toBe(0);
    const lines = res.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ kind: 'eprescription', id: created.id, aim: ']Q1' });
    expect(lines[1]).toMatchObject({ error: 'IMAGE_FORMAT' });
    expect(lines[2]).toMatchObject({ error: 'FILE_UNREADABLE' });
  });
});
