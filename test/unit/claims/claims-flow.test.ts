import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatEuros } from '../../../src/shared/format/fr.js';
import { DEMO_PATIENTS } from '../../../src/am-server/demo/demo-actors.js';
import { demoOrganisme } from '../../../src/am-server/demo/demo-beneficiaries.js';
import { ClaimsService } from '../../../src/main/services/claims/claims-service.js';
import { OutboxSender } from '../../../src/main/services/counter/outbox-sender.js';
import { silentLogger } from '../../../src/main/services/logger.js';
import { PatientService } from '../../../src/main/services/patients/patient-service.js';
import { simulatedVitaleReader } from '../../../src/main/services/patients/vitale-reader.js';
import type { Store } from '../../../src/main/services/store/store.js';
import { fseSchema } from '../../../src/shared/claims/claims-schemas.js';
import { demoServerSuite } from '../../helpers/demo-server-suite.js';
import { recordFromServer } from '../../helpers/dispensing-fixture.js';
import { ENGINES, testStores } from '../../helpers/store-engines.js';

const stores = testStores();
const demo = demoServerSuite();

const DURAND = '013XJ9K2M4P6R8T0V0';
const GARCIA = '01KB6CQ643DZVMXXQA';
const MOREAU = '015V37E3S3E28JT97C';
const BERNARD = '01DEM0000000000AF6';

/** A pharmacy in phase 2 (the execution is the FSE's proof), its demo patients filed with their organisme. */
async function pharmacy(engine: (typeof ENGINES)[number]): Promise<{ store: Store; sender: OutboxSender; claims: ClaimsService }> {
  const store = await stores.open(engine);
  await store.settings.set('regulation.transmissionPhase', 2);
  for (const key of ['durand', 'garcia', 'moreau'] as const)
    await store.patients.upsert({ ...DEMO_PATIENTS[key], source: 'MANUAL', organisme: demoOrganisme(key) });
  const sender = new OutboxSender(store, demo.client, silentLogger);
  const claims = new ClaimsService(store, demo.client, sender, silentLogger, () => '10001234565');
  return { store, sender, claims };
}

describe.each(ENGINES)('Claims, from the dispensing to the virement (%s)', (engine) => {
  it('makes the FSE in the validating transaction, numbered with the invoice number', async () => {
    const { store } = await pharmacy(engine);
    const { dispensingId } = await recordFromServer(store, demo.client, DURAND);
    const record = await store.dispensings.byId(dispensingId);
    const fse = await store.fses.byDispensing(dispensingId);
    expect(fse).toMatchObject({ fseNumber: String(record!.invoiceNumber).padStart(9, '0'), state: 'A_TRANSMETTRE', problem: null });
    expect(fse!.destination).toBe('01-751-0000');
    const body = fseSchema.parse(fse!.body);
    expect(body).toMatchObject({ securisation: 'VITALE', tiersPayant: 'AMO', prescriptionId: DURAND, recycled: false });
    expect(body.totals.amoCents).toBe(record!.bill!.totals.amoCents);
    expect(body.lines.every((l) => l.rate > 0)).toBe(true);
  });

  it('sends lots, applies the ARL and the RSPs once, and says what was paid and rejected', async () => {
    const { store, sender, claims } = await pharmacy(engine);
    const paid = await recordFromServer(store, demo.client, DURAND);
    const rejected = await recordFromServer(store, demo.client, GARCIA);
    await recordFromServer(store, demo.client, MOREAU);
    expect((await sender.sendDue(true)).sent).toBe(3); // the executions: the phase-2 proof
    const report = await claims.transmit();
    expect(report).toMatchObject({ lots: 1, sent: 1 });
    const lot = (await store.claimLots.recent())[0]!;
    expect(lot).toMatchObject({ state: 'SENT', arl: 'POSITIF', fseCount: 3 });
    expect((await store.fses.byDispensing(paid.dispensingId))!.state).toBe('ARL_POSITIF');

    await demo.admin.call('POST', '/_mock/sv/liquidate', { body: {} });
    expect((await claims.readMailbox()).applied).toBeGreaterThanOrEqual(4);
    expect((await claims.readMailbox()).applied).toBe(0);
    const ok = (await store.fses.byDispensing(paid.dispensingId))!;
    expect(ok).toMatchObject({ amoOutcome: 'PAYE', amoPaidCents: ok.amoCents });
    const ko = (await store.fses.byDispensing(rejected.dispensingId))!;
    expect(ko.reject).toEqual({ payer: 'AMO', code: 'M001-001', label: 'Droits AMO non ouverts à la date des soins' });

    const view = await claims.overview();
    expect(view.rejects).toEqual([
      expect.objectContaining({ fseNumber: ko.fseNumber, code: 'M001-001', amountCents: ko.amoCents, canRecycle: true }),
    ]);
    expect(view.figures.rejects).toEqual({ count: 1, amountCents: ko.amoCents, rate: 1 / 3 });
    const paidCents = (await store.fses.all()).reduce((s, f) => s + f.amoPaidCents + f.lateFeeCents, 0);
    expect(paidCents).toBe(ok.amoPaidCents + (await store.fses.all()).find((f) => f.fseNumber !== ok.fseNumber && !f.reject)!.amoPaidCents);
    expect(view.figures.paidThisMonthCents).toBe(paidCents);
    expect(view.figures.pendingAmo.total).toBe(0);
    expect(view.virements).toHaveLength(1);
    expect(view.virements[0]).toMatchObject({ payer: 'AMO', organisme: '01-751-0000', totalCents: paidCents, matches: true });
    expect(view.figures.virementGaps).toBe(0);
  });

  it('prints a lot’s « Bordereau »: its FSE numbers, patients masked, amounts and totals (read back by pdftotext)', async () => {
    const { store, sender, claims } = await pharmacy(engine);
    const a = await recordFromServer(store, demo.client, DURAND);
    const b = await recordFromServer(store, demo.client, MOREAU);
    await sender.sendDue(true);
    await claims.transmit();
    const lot = (await store.claimLots.recent())[0]!;
    const { fileName, base64 } = await claims.bordereauPdf(lot.lotId, { name: 'Pharmacie du Marché', finess: '750012345' });
    expect(fileName).toBe(`bordereau-lot-${lot.lotNumber}.pdf`);
    const file = join(mkdtempSync(join(tmpdir(), 'bordereau-')), fileName);
    writeFileSync(file, Buffer.from(base64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString().replace(/\s+/g, ' ');
    expect(text).toContain(`Bordereau du lot n° ${lot.lotNumber} — organisme 01-751-0000`);
    for (const d of [a, b]) {
      const fse = (await store.fses.byDispensing(d.dispensingId))!;
      expect(text).toContain(`FSE ${fse.fseNumber}`);
      expect(text).toContain(`AMO ${formatEuros(fse.amoCents)}`.replace(/\u00a0/g, ' '));
    }
    for (const nir of [DEMO_PATIENTS.durand.nir, DEMO_PATIENTS.moreau.nir]) {
      expect(text).not.toContain(nir);
      expect(text).toContain(`${nir.slice(0, 1)} ${nir.slice(1, 3)} ${nir.slice(3, 5)}`);
    }
    expect(text).not.toMatch(/DURAND|MOREAU/);
    expect(text).toContain(`Totaux du lot : 2 FSE, ${formatEuros(lot.totalCents)}`.replace(/\u00a0/g, ' '));
  });

  it('recycles a rejected FSE once corrected: the same number, recycled, paid', async () => {
    const { store, sender, claims } = await pharmacy(engine);
    const rejected = await recordFromServer(store, demo.client, GARCIA);
    await sender.sendDue(true);
    await claims.transmit();
    await demo.admin.call('POST', '/_mock/sv/liquidate', { body: {} });
    await claims.readMailbox();
    const ko = (await store.fses.byDispensing(rejected.dispensingId))!;
    expect(ko.amoOutcome).toBe('REJETE');
    // The caisse renewed her rights (the mock's file), the pharmacist recycles.
    await demo.admin.call('POST', '/_mock/sv/beneficiaries', {
      body: [{ ...DEMO_PATIENTS.garcia, sex: undefined, ...demoOrganisme('garcia'), rightsFrom: '2020-01-01', rightsUntil: '2099-12-31' }],
    });
    expect((await claims.recycle(ko.fseNumber)).message).toMatch(/recyclée/);
    await claims.transmit();
    await demo.admin.call('POST', '/_mock/sv/liquidate', { body: {} });
    await claims.readMailbox();
    const again = (await store.fses.byDispensing(rejected.dispensingId))!;
    expect(again).toMatchObject({ fseNumber: ko.fseNumber, recycled: true, amoOutcome: 'PAYE', reject: null });
    expect((await claims.overview()).rejects).toEqual([]);
  });

  it('an ARL négatif naming one FSE (ARL_DESTINATION): the others leave in the next lot, that one waits until its organisme is corrected', async () => {
    const { store, sender, claims } = await pharmacy(engine);
    // Jean-Luc BERNARD filed at the Paris caisse: his caisse is Marseille's.
    const bernard = await store.patients.upsert({ ...DEMO_PATIENTS.bernard, source: 'MANUAL', organisme: demoOrganisme('durand') });
    const wrong = await recordFromServer(store, demo.client, BERNARD);
    const right = await recordFromServer(store, demo.client, DURAND);
    await sender.sendDue(true);
    await claims.transmit();
    expect((await store.claimLots.recent())[0]).toMatchObject({
      arl: 'NEGATIF',
      arlReasons: [expect.objectContaining({ code: 'ARL_DESTINATION' })],
    });
    expect((await store.fses.byDispensing(wrong.dispensingId))!.problem).toMatch(/^La caisse rattache ce patient à un autre organisme/);
    await claims.transmit();
    expect((await store.fses.byDispensing(right.dispensingId))!.state).toBe('ARL_POSITIF');
    expect((await store.fses.byDispensing(wrong.dispensingId))!.state).toBe('A_TRANSMETTRE');
    const patients = new PatientService(store, demo.client, simulatedVitaleReader(DEMO_PATIENTS.durand), () => '10001234565');
    await patients.setOrganisme(bernard.id, demoOrganisme('bernard'));
    expect(await store.fses.byDispensing(wrong.dispensingId)).toMatchObject({ problem: null, destination: '01-131-0000' });
    await claims.transmit();
    expect((await store.fses.byDispensing(wrong.dispensingId))!.state).toBe('ARL_POSITIF');
  });

  it('puts the FSEs of an ARL négatif back to send, same numbers, and sends them in a new lot', async () => {
    const { store, sender, claims } = await pharmacy(engine);
    const d = await recordFromServer(store, demo.client, DURAND);
    await sender.sendDue(true);
    await demo.admin.call('POST', '/_mock/sv/rules', { body: { nextLotArl: 'NEGATIF' } });
    await claims.transmit();
    const fse = (await store.fses.byDispensing(d.dispensingId))!;
    expect(fse).toMatchObject({ state: 'A_TRANSMETTRE', lotId: null });
    const report = await claims.transmit();
    expect(report.lots).toBe(1);
    const lots = await store.claimLots.recent();
    expect(lots.map((l) => l.arl).sort()).toEqual(['NEGATIF', 'POSITIF']);
    expect((await store.fses.byDispensing(d.dispensingId))!).toMatchObject({ fseNumber: fse.fseNumber, state: 'ARL_POSITIF' });
  });
});
