import { describe, expect, it } from 'vitest';
import { DEMO_PATIENTS } from '../../../src/am-server/demo/demo-actors.js';
import { TOKENS } from '../../helpers/am-fixture.js';
import { claimsSuite, MARSEILLE, fse, lot } from '../../helpers/claims-fixture.js';

const suite = claimsSuite();

const arlOf = async (lotId: string) => (await suite.sv.all()).find((m) => m.type === 'ARL' && m.lotId === lotId);

describe('S1 POST /sv/v1/lots', () => {
  it('answers 202 with the lot and its reception; the same lotId and body again: 200, the first answer', async () => {
    const body = lot([fse()]);
    const first = await suite.sv.send(body);
    expect(first.status).toBe(202);
    expect(first.body).toEqual({ lotId: body.lotId, lotNumber: body.lotNumber, receivedAt: '2027-03-01T09:00:00+01:00' });
    await suite.sv.clock('2027-03-01T10:00:00+01:00');
    const again = await suite.sv.send(JSON.parse(JSON.stringify(body)));
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect((await suite.sv.all()).filter((m) => m.type === 'ARL')).toHaveLength(1);
  });

  it('refuses the same lotId with another body (409 IDEMPOTENCY_CONFLICT), even from another pharmacy', async () => {
    const body = lot([fse()]);
    await suite.sv.send(body);
    const changed = await suite.sv.send({ ...body, lotNumber: body.lotNumber + 1 });
    expect(changed.status).toBe(409);
    expect(changed.body.error.code).toBe('IDEMPOTENCY_CONFLICT');
    expect((await suite.sv.send(body, TOKENS.otherPharmacy)).status).toBe(409);
  });

  it('checks shapes only: 400 VALIDATION_ERROR naming each field', async () => {
    const bad = lot([fse()]) as any;
    bad.fses[0].fseNumber = '12345';
    bad.fses[0].beneficiary.nir = '27903512151898';
    bad.fses[0].prescriber.rpps = '1000345678';
    bad.fses[0].lines[0].cip13 = '340093000000';
    bad.fses[0].lines[0].rate = 65.5;
    bad.fses[0].dispensedOn = '2027-02-30';
    bad.lotId = 'not-a-uuid';
    const answer = await suite.sv.send(bad);
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('VALIDATION_ERROR');
    const fields = answer.body.error.details.fields.map((f: { field: string }) => f.field);
    for (const f of [
      'lotId',
      'fses[0].fseNumber',
      'fses[0].beneficiary.nir',
      'fses[0].prescriber.rpps',
      'fses[0].lines[0].cip13',
      'fses[0].lines[0].rate',
      'fses[0].dispensedOn',
    ])
      expect(fields).toContain(f);
  });

  it('leaves keys and business to the caisse: a NIR with a wrong key passes S1', async () => {
    const answer = await suite.sv.send(lot([fse({ beneficiary: { nir: '279035121518900', birthDate: '1979-03-12' } })]));
    expect(answer.status).toBe(202);
  });

  it('refuses over 2 MiB (413), malformed JSON (400), other actors (403) and no token (401)', async () => {
    const huge = { ...lot([fse()]), padding: 'x'.repeat(2 * 1024 * 1024) };
    expect((await suite.sv.send(huge)).status).toBe(413);
    const malformed = await suite.client.call('POST', '/sv/v1/lots', { token: TOKENS.pharmacy, raw: '{"lotId":' });
    expect(malformed.body.error.code).toBe('MALFORMED_JSON');
    expect((await suite.sv.send(lot([fse()]), TOKENS.prescriber)).status).toBe(403);
    expect((await suite.client.call('POST', '/sv/v1/lots', { body: lot([fse()]) })).status).toBe(401);
    expect((await suite.client.call('GET', '/sv/v1/mailbox')).status).toBe(401);
  });
});

describe('ARL', () => {
  it('is POSITIF with no reasons, at once, for a consistent lot', async () => {
    const body = lot([fse(), fse()]);
    await suite.sv.send(body);
    const arl = await arlOf(body.lotId);
    expect(arl).toMatchObject({ type: 'ARL', lotId: body.lotId, lotNumber: body.lotNumber, status: 'POSITIF', reasons: [] });
    expect(arl.availableAt).toBe('2027-03-01T09:00:00+01:00');
    expect(arl.seq).toBeGreaterThan(0);
  });

  it('is NEGATIF for totals: lot vs FSEs, FSE vs lines, a line over its base', async () => {
    const lotTotals = lot([fse()]);
    lotTotals.totals.amoCents += 1;
    const fseTotals = fse();
    fseTotals.totals.patientCents -= 1;
    const overBase = fse({
      lines: [
        { code: 'PH7', cip13: '3400930000001', quantity: 1, unitPriceCents: 1000, baseCents: 1000, rate: 65, amoCents: 700, amcCents: 350 },
      ],
    });
    const count = lot([fse()]);
    count.totals.count = 2;
    for (const [body, fseNumber] of [
      [lotTotals],
      [lot([fseTotals]), fseTotals.fseNumber],
      [lot([overBase]), overBase.fseNumber],
      [count],
    ] as const) {
      await suite.sv.send(body);
      const arl = await arlOf(body.lotId);
      expect(arl.status).toBe('NEGATIF');
      expect(arl.reasons.map((r: { code: string }) => r.code)).toContain('ARL_TOTALS');
      if (fseNumber) expect(arl.reasons[0].fseNumber).toBe(fseNumber);
    }
  });

  it('is NEGATIF for a beneficiary of another destination, more than 50 FSEs, a future date, a number twice', async () => {
    const elsewhere = lot([fse()], MARSEILLE);
    const big = lot(Array.from({ length: 51 }, () => fse()));
    const future = lot([fse({ dispensedOn: '2027-03-02' })]);
    const twice = fse();
    const duplicate = lot([twice, { ...fse(), fseNumber: twice.fseNumber }]);
    const expected = [
      [elsewhere, 'ARL_DESTINATION'],
      [big, 'ARL_SIZE'],
      [future, 'ARL_DATE'],
      [duplicate, 'ARL_DUPLICATE'],
    ] as const;
    for (const [body, code] of expected) {
      expect((await suite.sv.send(body)).status).toBe(202);
      const arl = await arlOf(body.lotId);
      expect(arl.status, code).toBe('NEGATIF');
      expect(arl.reasons.map((r: { code: string }) => r.code)).toEqual([code]);
    }
    // An unknown NIR is the RSP's business (M001-002), not the ARL's; 50 FSEs is allowed.
    const unknown = lot([fse({ beneficiary: { nir: '180017512345678', birthDate: '1980-01-01' } })], MARSEILLE);
    await suite.sv.send(unknown);
    expect((await arlOf(unknown.lotId)).status).toBe('POSITIF');
    const fifty = lot(Array.from({ length: 50 }, () => fse()));
    await suite.sv.send(fifty);
    expect((await arlOf(fifty.lotId)).status).toBe('POSITIF');
  });

  it('is forced NEGATIF once (ARL_FORCED); a refused or replayed lot does not use it up', async () => {
    const first = lot([fse()]);
    await suite.sv.send(first);
    expect((await suite.sv.rules({ nextLotArl: 'NEGATIF' })).status).toBe(200);
    const bad = { ...lot([fse()]), lotNumber: 0 };
    expect((await suite.sv.send(bad)).status).toBe(400);
    expect((await suite.sv.send(first)).status).toBe(200);
    const forced = lot([fse()]);
    await suite.sv.send(forced);
    expect(await arlOf(forced.lotId)).toMatchObject({ status: 'NEGATIF', reasons: [{ code: 'ARL_FORCED' }] });
    const next = lot([fse()]);
    await suite.sv.send(next);
    expect((await arlOf(next.lotId)).status).toBe('POSITIF');
  });

  it('leaves a NEGATIF lot unprocessed: no RSP, and S4 does not know its FSEs', async () => {
    const f = fse();
    const body = lot([f], MARSEILLE);
    await suite.sv.send(body);
    await suite.sv.liquidate();
    expect((await suite.sv.all()).filter((m) => m.type !== 'ARL')).toEqual([]);
    expect((await suite.client.call('GET', `/sv/v1/fses/${f.fseNumber}`, { token: TOKENS.pharmacy })).status).toBe(404);
  });
});

describe('S3 GET /sv/v1/lots', () => {
  it('lists the pharmacy’s own lots from a day, newest first, with their FSE count and ARL', async () => {
    const a = lot([fse(), fse()]);
    await suite.sv.send(a);
    await suite.sv.clock('2027-03-02T09:00:00+01:00');
    const b = lot([fse()], MARSEILLE);
    await suite.sv.send(b);
    await suite.sv.send(
      lot([fse({ beneficiary: { nir: DEMO_PATIENTS.bernard.nir, birthDate: DEMO_PATIENTS.bernard.birthDate } })], MARSEILLE),
      TOKENS.otherPharmacy,
    );
    const all = await suite.client.call('GET', '/sv/v1/lots?from=2027-03-01', { token: TOKENS.pharmacy });
    expect(all.body.lots).toEqual([
      { lotId: b.lotId, lotNumber: b.lotNumber, receivedAt: '2027-03-02T09:00:00+01:00', fseCount: 1, arl: 'NEGATIF' },
      { lotId: a.lotId, lotNumber: a.lotNumber, receivedAt: '2027-03-01T09:00:00+01:00', fseCount: 2, arl: 'POSITIF' },
    ]);
    const later = await suite.client.call('GET', '/sv/v1/lots?from=2027-03-02', { token: TOKENS.pharmacy });
    expect(later.body.lots.map((l: { lotId: string }) => l.lotId)).toEqual([b.lotId]);
  });
});
