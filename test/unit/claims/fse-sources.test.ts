import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { DEMO_PATIENTS, DEMO_PRESCRIBERS } from '../../../src/am-server/demo/demo-actors.js';
import { DEMO_AMC_NUMBER, demoOrganisme } from '../../../src/am-server/demo/demo-beneficiaries.js';
import { ClaimsService } from '../../../src/main/services/claims/claims-service.js';
import { recordPaperDispensing } from '../../../src/main/services/counter/dispensing-recorder.js';
import { recordPaperPrescription, type PaperPrescriptionInput } from '../../../src/main/services/counter/paper-prescription.js';
import { SAMPLE_PRODUCTS } from '../../../src/shared/demo/sample-products.js';
import { parisToday } from '../../../src/shared/format/paris-date.js';
import { withPaperPrescriber } from '../../helpers/paper-parties.js';
import { OutboxSender } from '../../../src/main/services/counter/outbox-sender.js';
import { silentLogger } from '../../../src/main/services/logger.js';
import { PatientService } from '../../../src/main/services/patients/patient-service.js';
import { simulatedVitaleReader } from '../../../src/main/services/patients/vitale-reader.js';
import { scannedOrdonnancePdf } from '../../../src/main/services/pdf/scanned-ordonnance-pdf.js';
import { fseSchema } from '../../../src/shared/claims/claims-schemas.js';
import { TOKENS } from '../../helpers/am-fixture.js';
import { demoServerSuite } from '../../helpers/demo-server-suite.js';
import { recordFromServer } from '../../helpers/dispensing-fixture.js';
import { ENGINES, testStores } from '../../helpers/store-engines.js';

const stores = testStores();
const demo = demoServerSuite();
const DURAND = '013XJ9K2M4P6R8T0V0';

async function filed(engine: (typeof ENGINES)[number], phase: 1 | 2) {
  const store = await stores.open(engine);
  await store.settings.set('regulation.transmissionPhase', phase);
  const patient = await store.patients.upsert({ ...DEMO_PATIENTS.durand, source: 'VITALE', organisme: demoOrganisme('durand') });
  const sender = new OutboxSender(store, demo.client, silentLogger);
  return { store, patient, sender, claims: new ClaimsService(store, demo.client, sender, silentLogger, () => '10001234565') };
}

describe.each(ENGINES)('Where an FSE’s facts come from (%s)', (engine) => {
  it('phase 1: the scan of « Numérisation de l’ordonnance » carries the FSE’s number, so the caisse finds its pièce justificative', async () => {
    const { store, sender, claims } = await filed(engine, 1);
    const { dispensingId } = await recordFromServer(store, demo.client, DURAND);
    const fse = (await store.fses.byDispensing(dispensingId))!;
    const image = new PNG({ width: 1240, height: 1754 });
    image.data.fill(240);
    const { pdf, dpi } = await scannedOrdonnancePdf(PNG.sync.write(image), 'image/png');
    await store.scor.attach(dispensingId, pdf, 1, dpi);
    await sender.sendDue(true);
    const documents = (await demo.admin.call('GET', '/v1/scor/documents', { token: TOKENS.pharmacy })).body.documents;
    expect(documents).toEqual([expect.objectContaining({ dispensingId, fseNumber: fse.fseNumber })]);
    await claims.transmit();
    await demo.admin.call('POST', '/_mock/sv/liquidate', { body: {} });
    await claims.readMailbox();
    expect((await store.fses.byDispensing(dispensingId))!.amoOutcome).toBe('PAYE');
  });

  it('a paper prescription (no Ordonnance Numérique to prove it) without its scan: the caisse rejects M005-001; with it, pays', async () => {
    const { store, sender, claims } = await filed(engine, 1);
    await withPaperPrescriber(store);
    const today = parisToday();
    const paper = (): PaperPrescriptionInput => ({
      prescribedOn: today,
      prescriberRpps: DEMO_PRESCRIBERS.martin.rpps,
      counterPatient: { nir: DEMO_PATIENTS.durand.nir, lastName: 'DURAND', firstName: 'Léa', birthDate: DEMO_PATIENTS.durand.birthDate },
      patientSource: 'VITALE',
      lines: [{ kind: 'CATALOGUE', cip13: SAMPLE_PRODUCTS.amoxicilline1g.cip13, packs: 2, durationDays: 6, batch: null, expiry: null }],
    });
    const without = await recordPaperPrescription(store, paper(), '10001234565');
    const scanned = await recordPaperPrescription(store, paper(), '10001234565');
    expect((await store.fses.byDispensing(without.dispensingId))!.body.prescriptionId).toBeNull();
    const image = new PNG({ width: 1240, height: 1754 });
    image.data.fill(240);
    const { pdf, dpi } = await scannedOrdonnancePdf(PNG.sync.write(image), 'image/png');
    await store.scor.attach(scanned.dispensingId, pdf, 1, dpi);
    await sender.sendDue(true);
    await claims.transmit();
    await demo.admin.call('POST', '/_mock/sv/liquidate', { body: {} });
    await claims.readMailbox();
    expect((await store.fses.byDispensing(without.dispensingId))!.reject).toEqual({
      payer: 'AMO',
      code: 'M005-001',
      label: 'Pièce justificative absente',
    });
    expect((await store.fses.byDispensing(scanned.dispensingId))!.amoOutcome).toBe('PAYE');
  });

  it('the mutuelle’s certificate makes it AMO_AMC with its AMC number, and the mutuelle pays its part', async () => {
    const { store, patient, sender, claims } = await filed(engine, 2);
    await store.patients.setTiersPayant(patient.id, {
      amc: DEMO_AMC_NUMBER,
      conv: 'C1',
      csr: 'X',
      adh: 'A1',
      validFrom: '2020-01-01',
      validTo: '2099-12-31',
    });
    const { dispensingId } = await recordFromServer(store, demo.client, DURAND);
    const fse = (await store.fses.byDispensing(dispensingId))!;
    expect(fseSchema.parse(fse.body)).toMatchObject({ tiersPayant: 'AMO_AMC', amc: { number: DEMO_AMC_NUMBER } });
    expect(fse.amcCents).toBeGreaterThan(0);
    await sender.sendDue(true);
    await claims.transmit();
    await demo.admin.call('POST', '/_mock/sv/liquidate', { body: {} });
    await claims.readMailbox();
    expect(await store.fses.byDispensing(dispensingId)).toMatchObject({
      amoOutcome: 'PAYE',
      amcOutcome: 'PAYE',
      amcPaidCents: fse.amcCents,
    });
    const virements = (await claims.overview()).virements;
    expect(virements.map((v) => `${v.payer} ${v.organisme}`).sort()).toEqual([`AMC ${DEMO_AMC_NUMBER}`, 'AMO 01-751-0000']);
  });

  it('an AMC-only reject is not recycled (the AMO paid: it would be a doublon), and says so', async () => {
    const { store, patient, sender, claims } = await filed(engine, 2);
    await store.patients.setTiersPayant(patient.id, {
      amc: '87654321',
      conv: 'C1',
      csr: 'X',
      adh: 'A1',
      validFrom: '2020-01-01',
      validTo: '2099-12-31',
    });
    const { dispensingId } = await recordFromServer(store, demo.client, DURAND);
    await sender.sendDue(true);
    await claims.transmit();
    await demo.admin.call('POST', '/_mock/sv/liquidate', { body: {} });
    await claims.readMailbox();
    const fse = (await store.fses.byDispensing(dispensingId))!;
    expect(fse).toMatchObject({ amoOutcome: 'PAYE', amcOutcome: 'REJETE', reject: { payer: 'AMC', code: 'A001-002' } });
    await expect(claims.recycle(fse.fseNumber)).rejects.toMatchObject({ code: 'FSE_AMC_ONLY' });
  });

  it('a patient without organisme: the FSE waits, saying what to complete; a degraded dispensing’s FSE waits for its prescription', async () => {
    const store = await stores.open(engine);
    await store.settings.set('regulation.transmissionPhase', 2);
    await store.patients.upsert({ ...DEMO_PATIENTS.durand, source: 'MANUAL' });
    const { dispensingId } = await recordFromServer(store, demo.client, DURAND);
    expect((await store.fses.byDispensing(dispensingId))!.problem).toMatch(/^Organisme du patient inconnu : complétez sa fiche \(F2\)/);
    expect(await store.fses.readyByDestination()).toEqual([]);
    // Completed at F2 (Alt+G): the FSE that waited for it is ready for the next lot.
    const patients = new PatientService(store, demo.client, simulatedVitaleReader(DEMO_PATIENTS.durand), () => '10001234565');
    const patient = (await store.patients.byNir(DEMO_PATIENTS.durand.nir))!;
    expect((await patients.setOrganisme(patient.id, demoOrganisme('durand'))).organisme).toEqual(demoOrganisme('durand'));
    expect(await store.fses.byDispensing(dispensingId)).toMatchObject({ problem: null, destination: '01-751-0000' });
    expect(await store.fses.readyByDestination()).toEqual([{ destination: '01-751-0000', count: 1 }]);

    const degraded = await recordPaperDispensing(store, '01M9S346Q3D25VT4FZ', {
      renewalNumber: 0,
      items: [{ cip13: '3400930000000', packs: 1, batch: null, expiry: null, label: 'x' }],
      counterNir: DEMO_PATIENTS.nguyen.nir,
      patientSource: 'VITALE',
      complementaryInfo: null,
      pharmacistRpps: '10001234565',
      dispensedAt: new Date().toISOString(),
    });
    expect(await store.fses.byDispensing(degraded.dispensingId)).toBeNull();
  });
});
