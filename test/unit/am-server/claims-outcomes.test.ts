import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEMO_PATIENTS } from '../../../src/am-server/demo/demo-actors.js';
import { nirKey } from '../../../src/shared/ids/nir.js';
import { TOKENS, fullExecution, prescriptionBody } from '../../helpers/am-fixture.js';
import { CLAIMS_MONDAY, claimsSuite, MARSEILLE, fse, lot, sendPieces, totalsOf } from '../../helpers/claims-fixture.js';

const suite = claimsSuite();

const who = (key: keyof typeof DEMO_PATIENTS) => ({ nir: DEMO_PATIENTS[key].nir, birthDate: DEMO_PATIENTS[key].birthDate });
const rsps = async (payer = 'AMO') => (await suite.sv.all()).filter((m) => m.type === 'RSP' && m.payer === payer);
/** Sends FSEs with their pièces justificatives, liquidates, and gives each FSE's AMO answer. */
async function outcomes(fses: ReturnType<typeof fse>[], destination = lot([]).destination) {
  await sendPieces(suite.client, fses);
  await suite.sv.send(lot(fses, destination));
  await suite.sv.liquidate();
  const answers = await rsps();
  return fses.map((f) => answers.find((r) => r.fseNumber === f.fseNumber));
}

describe('RSP: the AMO rules, first match', () => {
  it('pays what was asked (PAYE), with its day, its virement and no late fee', async () => {
    const [paid] = await outcomes([fse()]);
    expect(paid).toMatchObject({
      outcome: 'PAYE',
      requestedCents: 721,
      paidCents: 721,
      lateFeeCents: 0,
      paymentDate: '2027-03-01',
      reject: null,
      availableAt: '2027-03-01T09:00:00+01:00',
    });
    expect(paid.virementId).toEqual(expect.any(String));
  });

  it('rejects each motif with its code and label', async () => {
    const badKey = DEMO_PATIENTS.durand.nir.slice(0, 13) + (nirKey(DEMO_PATIENTS.durand.nir.slice(0, 13)) === '00' ? '01' : '00');
    const unknownNir = '180017512345' + '6';
    const unknown = unknownNir + nirKey(unknownNir);
    const cases = [
      [fse({ beneficiary: { nir: badKey, birthDate: '1979-03-12' } }), 'M001-003', 'NIR ou clé invalide'],
      [fse({ beneficiary: { nir: unknown, birthDate: '1980-01-01' } }), 'M001-002', 'Bénéficiaire inconnu'],
      [fse({ beneficiary: who('garcia') }), 'M001-001', 'Droits AMO non ouverts à la date des soins'],
      [fse({ prescriber: { rpps: '10003456785' } }), 'M002-001', 'Prescripteur inconnu'],
      [fse({ prescriber: { rpps: '10000000033' } }), 'M002-001', 'Prescripteur inconnu'],
      [fse({ prescribedOn: '2027-03-02', dispensedOn: '2027-03-01' }), 'M002-002', 'Date de prescription incohérente'],
      [fse({ prescribedOn: '2026-02-28', dispensedOn: '2027-03-01' }), 'M002-002', 'Date de prescription incohérente'],
      [fse({ exoneration: 'ALD' }), 'M006-001', 'Exonération ALD inconnue'],
    ] as const;
    const wrongCode = fse();
    wrongCode.lines[0]!.code = 'PH4';
    const answers = await outcomes(cases.map(([f]) => f));
    cases.forEach(([, code, label], i) => {
      expect(answers[i], code).toMatchObject({
        outcome: 'REJETE',
        paidCents: 0,
        paymentDate: null,
        virementId: null,
        reject: { code, label },
      });
    });
    const [codeRate] = await outcomes([wrongCode]);
    expect(codeRate.reject.code).toBe('M003-001');
  });

  it('accepts a prescription exactly one year old, an ALD patient’s exoneration and a known directory prescriber', async () => {
    const answers = await outcomes([
      fse({ prescribedOn: '2026-03-01', dispensedOn: '2027-03-01' }),
      fse({ beneficiary: who('nguyen'), exoneration: 'ALD' }),
      fse({ prescriber: { rpps: '10001111110' } }),
    ]);
    expect(answers.map((a) => a.outcome)).toEqual(['PAYE', 'PAYE', 'PAYE']);
  });

  it('rejects an FSE without pièce justificative (M005-001), unless it names an Ordonnance Numérique this pharmacy executed', async () => {
    const noPiece = fse();
    const body = lot([noPiece]);
    await suite.sv.send(body);
    await suite.sv.liquidate();
    expect((await rsps())[0].reject).toEqual({ code: 'M005-001', label: 'Pièce justificative absente' });
    // The demo's prescription executed by this pharmacy: its execution is the proof (phase 2).
    const executed = await executedPrescriptionId();
    const on = fse({ prescriptionId: executed });
    const otherOn = fse({ prescriptionId: executed });
    await suite.sv.send(lot([on]));
    await suite.sv.send(lot([otherOn]), TOKENS.otherPharmacy);
    await suite.sv.liquidate();
    expect((await rsps()).find((r) => r.fseNumber === on.fseNumber).outcome).toBe('PAYE');
    const other = (await suite.sv.all(TOKENS.otherPharmacy)).find((m) => m.type === 'RSP');
    expect(other.reject.code).toBe('M005-001');
  });

  it('pays the recomputed AMO when lower (PAYE_PARTIEL), the requested when higher (PAYE)', async () => {
    const over = fse({
      lines: [
        { code: 'PH7', cip13: '3400930000001', quantity: 1, unitPriceCents: 1000, baseCents: 1000, rate: 65, amoCents: 660, amcCents: 0 },
      ],
    });
    const under = fse({
      lines: [
        { code: 'PH7', cip13: '3400930000001', quantity: 1, unitPriceCents: 1000, baseCents: 1000, rate: 65, amoCents: 640, amcCents: 0 },
      ],
    });
    const [partial, full] = await outcomes([over, under]);
    expect(partial).toMatchObject({ outcome: 'PAYE_PARTIEL', requestedCents: 660, paidCents: 650 });
    expect(full).toMatchObject({ outcome: 'PAYE', requestedCents: 640, paidCents: 640 });
  });

  it('refunds the patient without tiers payant (PAYE_ASSURE): no virement, no late fee', async () => {
    await suite.sv.rules({ rspDelayDays: 12 });
    const [refund] = await outcomes([fse({ tiersPayant: 'NONE' })]);
    expect(refund).toMatchObject({ outcome: 'PAYE_ASSURE', paidCents: 721, virementId: null, lateFeeCents: 0, paymentDate: '2027-03-01' });
    expect((await suite.sv.all()).some((m) => m.type === 'VIREMENT')).toBe(false);
  });
});

describe('RSP: doublons and recycling (M004-001)', () => {
  it('rejects a number accepted before (pending included); one whose earlier answers were all REJETE is examined again', async () => {
    const first = fse();
    await sendPieces(suite.client, [first]);
    await suite.sv.send(lot([first]));
    const again = { ...first, dispensingId: randomUUID() };
    await suite.sv.send(lot([again])); // still pending: a doublon
    await suite.sv.liquidate();
    const answers = await rsps();
    expect(answers.map((a) => a.outcome)).toEqual(['PAYE', 'REJETE']);
    expect(answers[1].reject.code).toBe('M004-001');

    const rejected = fse({ beneficiary: who('garcia') });
    await sendPieces(suite.client, [rejected]);
    await suite.sv.send(lot([rejected]));
    await suite.sv.liquidate();
    const notRecycled = { ...rejected, beneficiary: who('durand') };
    const recycled = { ...notRecycled, recycled: true };
    await suite.sv.send(lot([notRecycled]));
    await suite.sv.liquidate();
    await suite.sv.send(lot([recycled]));
    await suite.sv.liquidate();
    const history = (await rsps()).filter((r) => r.fseNumber === rejected.fseNumber);
    // Sent again after its REJETE (recycled or not: the precise rules look at the earlier outcome), examined: paid;
    // then once more: the earlier one is paid, a doublon.
    expect(history.map((r) => r.reject?.code ?? r.outcome)).toEqual(['M001-001', 'PAYE', 'M004-001']);
  });

  it('lets a recycled FSE through once every earlier one was REJETE, and rejects its AMC part too when it is a doublon', async () => {
    const rejected = fse({ beneficiary: who('garcia') });
    await sendPieces(suite.client, [rejected]);
    await suite.sv.send(lot([rejected]));
    await suite.sv.liquidate();
    const recycled = { ...rejected, recycled: true, beneficiary: who('durand') };
    await suite.sv.send(lot([recycled]));
    await suite.sv.liquidate();
    const history = (await rsps()).filter((r) => r.fseNumber === rejected.fseNumber);
    expect(history.map((r) => r.outcome)).toEqual(['REJETE', 'PAYE']);

    const withAmc = fse({ tiersPayant: 'AMO_AMC' });
    await sendPieces(suite.client, [withAmc]);
    await suite.sv.send(lot([withAmc]));
    await suite.sv.send(lot([{ ...withAmc }]));
    await suite.sv.liquidate();
    const amc = (await rsps('AMC')).filter((r) => r.fseNumber === withAmc.fseNumber);
    expect(amc.map((r) => r.reject?.code ?? r.outcome)).toEqual(['PAYE', 'M004-001']);
  });
});

describe('RSP: the AMC (tiers payant AMO_AMC)', () => {
  it('pays the requested AMC, or rejects an unknown AMC (A001-002) or an expired contract (A001-001), whatever the AMO says', async () => {
    const good = fse({ tiersPayant: 'AMO_AMC' });
    const unknownAmc = fse({ tiersPayant: 'AMO_AMC', amc: { number: '87654321' } });
    const noMutuelle = fse({ tiersPayant: 'AMO_AMC', beneficiary: who('lefevre') });
    await suite.sv.clock('2028-01-10T09:00:00+01:00');
    const expired = fse({ tiersPayant: 'AMO_AMC', dispensedOn: '2028-01-09', prescribedOn: '2028-01-02' });
    await outcomes([good, unknownAmc, noMutuelle, expired]);
    const amc = await rsps('AMC');
    const of = (f: { fseNumber: string }) => amc.find((r) => r.fseNumber === f.fseNumber);
    expect(of(good)).toMatchObject({ outcome: 'PAYE', requestedCents: 381, paidCents: 381, lateFeeCents: 0 });
    expect(of(unknownAmc).reject).toEqual({ code: 'A001-002', label: 'AMC inconnue' });
    expect(of(noMutuelle).reject.code).toBe('A001-002');
    expect(of(expired).reject).toEqual({ code: 'A001-001', label: 'Contrat AMC non valide à la date des soins' });
    // The AMO rejects it for its own reason (the rights ended too): the AMC answers by its rules.
    expect((await rsps('AMO')).find((r) => r.fseNumber === expired.fseNumber).reject.code).toBe('M001-001');
  });
});

describe('S2: the mailbox', () => {
  it('makes RSPs available rspDelayDays business days after the lot, at 00:00 Paris; follows the cursor without skipping', async () => {
    await suite.sv.clock('2026-05-13T15:00:00+02:00'); // mercredi, veille de l’Ascension (jeudi 14 mai 2026)
    const f = fse({ dispensedOn: '2026-05-13', prescribedOn: '2026-05-10' });
    await sendPieces(suite.client, [f]);
    await suite.sv.send(lot([f]));
    const first = await suite.sv.mailbox(0);
    expect(first.body.messages.map((m: { type: string }) => m.type)).toEqual(['ARL']);
    await suite.sv.clock('2026-05-15T23:59:00+02:00'); // vendredi : 1 jour ouvré
    const nothing = await suite.sv.mailbox(first.body.cursor);
    expect(nothing.body).toEqual({ messages: [], cursor: first.body.cursor });
    await suite.sv.clock('2026-05-18T00:00:00+02:00'); // lundi 00:00 : le 2e jour ouvré
    const page = await suite.sv.mailbox(first.body.cursor);
    expect(page.body.messages.map((m: { type: string }) => m.type)).toEqual(['RSP', 'VIREMENT']);
    expect(page.body.messages[0]).toMatchObject({ availableAt: '2026-05-18T00:00:00+02:00', paymentDate: '2026-05-18' });
    expect(page.body.cursor).toBe(page.body.messages[1].seq);
    // Read again from an older cursor: the same messages, the same seq.
    const again = await suite.sv.mailbox(0);
    expect(again.body.messages.slice(1)).toEqual(page.body.messages);
    // The clock moved back before their day: not available (yet) again, and the cursor skips none.
    await suite.sv.clock('2026-05-15T12:00:00+02:00');
    expect((await suite.sv.mailbox(first.body.cursor)).body).toEqual({ messages: [], cursor: first.body.cursor });
  });

  it('pages with limit (default 500, at most 1000), in seq order, this pharmacy only', async () => {
    const fses = Array.from({ length: 30 }, () => fse());
    await sendPieces(suite.client, fses);
    await suite.sv.send(lot(fses));
    await suite.sv.liquidate();
    const seen: number[] = [];
    let after = 0;
    for (;;) {
      const page = await suite.sv.mailbox(after, 7);
      expect(page.body.messages.length).toBeLessThanOrEqual(7);
      if (page.body.messages.length === 0) break;
      seen.push(...page.body.messages.map((m: { seq: number }) => m.seq));
      after = page.body.cursor;
    }
    expect(seen).toHaveLength(1 + 30 + 1);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect((await suite.sv.mailbox(0, 5000)).body.messages).toHaveLength(32);
    expect((await suite.sv.mailbox(0, undefined, TOKENS.otherPharmacy)).body.messages).toEqual([]);
  });
});

describe('Late fees (décret 2016-1069) and TRAITEMENT_CAISSE', () => {
  it('adds 1 € on the 8th or 9th business day, 10 % of the AMO part from the 10th', async () => {
    const expectations = [
      [7, 0],
      [8, 100],
      [9, 100],
      [10, 72],
    ] as const;
    for (const [days, fee] of expectations) {
      await suite.client.call('POST', '/_mock/reset');
      await suite.sv.clock(CLAIMS_MONDAY);
      await suite.sv.rules({ rspDelayDays: days });
      const f = fse();
      await sendPieces(suite.client, [f]);
      await suite.sv.send(lot([f]));
      await suite.sv.clock('2027-04-01T09:00:00+02:00');
      const [answer] = await rsps();
      expect(answer.lateFeeCents, `${days} jours ouvrés`).toBe(fee);
      const virement = (await suite.sv.all()).find((m) => m.type === 'VIREMENT');
      expect(virement.items).toEqual([{ fseNumber: f.fseNumber, amountCents: 721 + fee }]);
      expect(virement.totalCents).toBe(721 + fee);
    }
  });

  it('holds an FSE in TRAITEMENT_CAISSE, then release gives its final answer at once, late if late', async () => {
    const held = fse({ beneficiary: who('durand'), tiersPayant: 'AMO_AMC' });
    await suite.sv.rules({ outcomeByNir: { [DEMO_PATIENTS.durand.nir]: 'TRAITEMENT_CAISSE' } });
    await sendPieces(suite.client, [held]);
    await suite.sv.send(lot([held]));
    await suite.sv.liquidate();
    const first = await rsps();
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ outcome: 'TRAITEMENT_CAISSE', paidCents: 0, paymentDate: null, reject: null, virementId: null });
    expect((await rsps('AMC'))[0].outcome).toBe('PAYE');
    await suite.sv.clock('2027-03-15T10:00:00+01:00'); // 10 jours ouvrés après le lundi 1er mars
    expect((await suite.sv.release()).body).toEqual({ released: 1 });
    const final = (await rsps()).at(-1);
    expect(final).toMatchObject({ outcome: 'PAYE', paidCents: 721, lateFeeCents: 72, paymentDate: '2027-03-15' });
    const detail = await suite.client.call('GET', `/sv/v1/fses/${held.fseNumber}`, { token: TOKENS.pharmacy });
    expect(detail.body.outcomes.map((o: { payer: string; outcome: string }) => `${o.payer} ${o.outcome}`)).toEqual([
      'AMO TRAITEMENT_CAISSE',
      'AMC PAYE',
      'AMO PAYE',
    ]);
  });
});

describe('VIREMENT', () => {
  it('one per payer and organisme for a day’s RSPs: paid parts plus late fees, summing to its total', async () => {
    const fses = [fse({ tiersPayant: 'AMO_AMC' }), fse({ tiersPayant: 'AMO_AMC' }), fse(), fse({ beneficiary: who('garcia') })];
    await outcomes(fses);
    const bernard = fse({ beneficiary: who('bernard') });
    await outcomes([bernard], MARSEILLE);
    const virements = (await suite.sv.all()).filter((m) => m.type === 'VIREMENT');
    const byKey = Object.fromEntries(virements.map((v) => [`${v.payer} ${v.organisme}`, v]));
    expect(Object.keys(byKey).sort()).toEqual(['AMC 12345678', 'AMO 01-131-0000', 'AMO 01-751-0000']);
    expect(byKey['AMO 01-751-0000'].items.map((i: { fseNumber: string }) => i.fseNumber)).toEqual(fses.slice(0, 3).map((f) => f.fseNumber));
    for (const v of virements) {
      expect(v.totalCents).toBe(v.items.reduce((s: number, i: { amountCents: number }) => s + i.amountCents, 0));
      expect(v.date).toBe('2027-03-01');
    }
    const amoRsps = await rsps();
    for (const r of amoRsps.filter((x) => x.virementId)) {
      const v = virements.find((x) => x.virementId === r.virementId);
      expect(v.items).toContainEqual({ fseNumber: r.fseNumber, amountCents: r.paidCents + r.lateFeeCents });
    }
  });
});

describe('S4 GET /sv/v1/fses/{fseNumber}', () => {
  it('answers as the caisse sees it, 404 NOT_FOUND for a number it never accepted', async () => {
    const f = fse();
    await sendPieces(suite.client, [f]);
    const body = lot([f]);
    await suite.sv.send(body);
    const pending = await suite.client.call('GET', `/sv/v1/fses/${f.fseNumber}`, { token: TOKENS.pharmacy });
    expect(pending.body).toEqual({ fseNumber: f.fseNumber, lotId: body.lotId, outcomes: [] });
    await suite.sv.liquidate();
    const paid = await suite.client.call('GET', `/sv/v1/fses/${f.fseNumber}`, { token: TOKENS.pharmacy });
    expect(paid.body.outcomes[0]).toMatchObject({ type: 'RSP', outcome: 'PAYE', fseNumber: f.fseNumber });
    expect((await suite.client.call('GET', '/sv/v1/fses/999999999', { token: TOKENS.pharmacy })).body.error.code).toBe('NOT_FOUND');
    expect((await suite.client.call('GET', `/sv/v1/fses/${f.fseNumber}`, { token: TOKENS.otherPharmacy })).status).toBe(404);
  });
});

describe('The seed and the other routes that serve the claims', () => {
  it('ApCV redeem gives the organisme from the caisse’s file', async () => {
    const session = await suite.client.call('POST', '/v1/apcv/sessions', { token: TOKENS.patient });
    const nonce = session.body.qrPayload.split(':')[1];
    const redeemed = await suite.client.call('POST', `/v1/apcv/sessions/${nonce}/redeem`, { token: TOKENS.pharmacy });
    expect(redeemed.body).toMatchObject({ nir: DEMO_PATIENTS.durand.nir, regime: '01', caisse: '751', centre: '0000' });
  });

  it('lists a SCOR document’s fseNumber, and refuses one that is not 9 digits', async () => {
    const f = fse();
    await sendPieces(suite.client, [f]);
    const listed = await suite.client.call('GET', '/v1/scor/documents', { token: TOKENS.pharmacy });
    expect(listed.body.documents[0].fseNumber).toBe(f.fseNumber);
    await expect(sendPieces(suite.client, [{ ...f, fseNumber: '12' }])).rejects.toThrow(/fseNumber/);
  });

  it('keeps totals as the FSE builder makes them (sanity of the fixture)', () => {
    const f = fse({ tiersPayant: 'AMO_AMC' });
    expect(totalsOf(f.lines)).toEqual(f.totals);
  });
});

/** A demo prescription executed by the pharmacy through the real routes (lease, execution). */
async function executedPrescriptionId(): Promise<string> {
  const created = await suite.client.call('POST', '/v1/prescriptions', { token: TOKENS.prescriber, body: prescriptionBody() });
  if (created.status !== 201) throw new Error(JSON.stringify(created.body));
  const id = created.body.id as string;
  const lease = await suite.client.lease(id);
  const executed = await suite.client.execute(id, lease.body.leaseToken, fullExecution(created.body));
  if (executed.status !== 201) throw new Error(JSON.stringify(executed.body));
  return id;
}
