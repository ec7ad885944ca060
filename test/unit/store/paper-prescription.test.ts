import { describe, expect, it } from 'vitest';
import {
  FREE_LINE_CODE,
  assessPaper,
  recordPaperPrescription,
  type PaperPrescriptionInput,
} from '../../../src/main/services/counter/paper-prescription.js';
import { BillingPreview } from '../../../src/main/services/billing/billing-preview.js';
import { TariffsService } from '../../../src/main/services/billing/tariffs-service.js';
import { monthlyIndicator } from '../../../src/main/services/store/indicator.js';
import { SAMPLE_PRODUCTS } from '../../../src/shared/demo/sample-products.js';
import { addDays } from '../../../src/shared/rules/calendar.js';
import { ENGINES, testStores } from '../../helpers/store-engines.js';
import { withPaperPrescriber } from '../../helpers/paper-parties.js';

const TODAY = '2026-11-27';
const input = (over: Partial<PaperPrescriptionInput> = {}): PaperPrescriptionInput => ({
  prescribedOn: addDays(TODAY, -2),
  prescriberRpps: '10003456786',
  counterPatient: { nir: '279035121518989', lastName: 'DURAND', firstName: 'Léa', birthDate: '1979-03-12' },
  patientSource: 'VITALE',
  lines: [
    { kind: 'CATALOGUE', cip13: SAMPLE_PRODUCTS.amoxicilline1g.cip13, packs: 2, durationDays: 6, batch: 'L1', expiry: '2028-01-31' },
    { kind: 'FREE', label: 'BAS DE CONTENTION', priceCents: 2990, packs: 1 },
  ],
  ...over,
});

const stores = testStores();

describe.each(ENGINES)('a paper prescription (%s)', (engine) => {
  it('is judged by the same rules, in units and days, from its date', async () => {
    const store = await stores.open(engine);
    expect(await assessPaper(input(), store.catalogue, TODAY)).toMatchObject({
      blocking: false,
      lines: [expect.objectContaining({ lineId: 'P1', unitsDispensed: 12, daysDispensed: 6 })],
    });
    const old = await assessPaper(input({ prescribedOn: addDays(TODAY, -100) }), store.catalogue, TODAY);
    expect(old.issues).toContainEqual(expect.objectContaining({ code: 'EXPIRED', severity: 'blocking' }));
    const long = await assessPaper(
      input({
        lines: [{ kind: 'CATALOGUE', cip13: SAMPLE_PRODUCTS.metformine1000.cip13, packs: 3, durationDays: 90, batch: null, expiry: null }],
      }),
      store.catalogue,
      TODAY,
    );
    expect(long.issues).toContainEqual(expect.objectContaining({ code: 'DURATION_EXCEEDED' }));
  });

  it('asks an ordonnance sécurisée for a stupéfiant, then runs the stupéfiants’ rules on it', async () => {
    const store = await stores.open(engine);
    const skenan = (durationDays: number, securePrescription?: boolean) =>
      input({
        securePrescription,
        lines: [{ kind: 'CATALOGUE', cip13: SAMPLE_PRODUCTS.skenan30.cip13, packs: 1, durationDays, batch: null, expiry: null }],
      });
    expect((await assessPaper(skenan(7), store.catalogue, TODAY)).issues).toContainEqual(
      expect.objectContaining({
        code: 'SECURE_PRESCRIPTION_REQUIRED',
        severity: 'blocking',
        message: expect.stringMatching(/ordonnance sécurisée/),
      }),
    );
    expect(await assessPaper(skenan(7, true), store.catalogue, TODAY)).toMatchObject({ blocking: false });
    expect((await assessPaper(skenan(30, true), store.catalogue, TODAY)).issues).toContainEqual(
      expect.objectContaining({ code: 'STUPS_DURATION_EXCEEDED', severity: 'blocking' }),
    );
    // Not a stupéfiant: nothing asked.
    expect((await assessPaper(input(), store.catalogue, TODAY)).issues.map((i) => i.code)).not.toContain('SECURE_PRESCRIPTION_REQUIRED');
  });

  it('asks it for an assimilé stupéfiant too, whose register entry keeps who collected it', async () => {
    const store = await withPaperPrescriber(await stores.open(engine));
    const zolpidem = (securePrescription?: boolean) =>
      input({
        securePrescription,
        collector: 'MARTIN Paul, CNI 123456',
        lines: [{ kind: 'CATALOGUE', cip13: SAMPLE_PRODUCTS.zolpidem10.cip13, packs: 1, durationDays: 14, batch: null, expiry: null }],
      });
    expect((await assessPaper(zolpidem(), store.catalogue, TODAY)).issues).toContainEqual(
      expect.objectContaining({ code: 'SECURE_PRESCRIPTION_REQUIRED', message: expect.stringMatching(/^Stupéfiant ou assimilé/) }),
    );
    expect(await assessPaper(zolpidem(true), store.catalogue, TODAY)).toMatchObject({
      blocking: false,
      lines: [expect.objectContaining({ narcotic: true })],
    });
    await recordPaperPrescription(store, zolpidem(true), '10001234565');
    expect(await store.registers.list({})).toEqual([
      expect.objectContaining({ list: 'I', cip13: SAMPLE_PRODUCTS.zolpidem10.cip13, collector: 'MARTIN Paul, CNI 123456' }),
    ]);
  });

  it('prices by hand a product the catalogue gives no price for: refused until typed, then sold and billed at that price', async () => {
    const store = await withPaperPrescriber(await stores.open(engine));
    const kardegic = { ...(await store.catalogue.product(SAMPLE_PRODUCTS.kardegic75.cip13))!, priceCents: null };
    await store.catalogue.upsertMany([kardegic]);
    const line = (unitPriceCents?: number) =>
      input({
        lines: [{ kind: 'CATALOGUE', cip13: kardegic.cip13, packs: 2, durationDays: 30, batch: null, expiry: null, unitPriceCents }],
      });
    const unpriced = await assessPaper(line(), store.catalogue, TODAY);
    expect(unpriced).toMatchObject({ blocking: true });
    expect(unpriced.issues).toContainEqual(
      expect.objectContaining({ code: 'PRICE_REQUIRED', lineId: 'P1', message: expect.stringContaining('KARDÉGIC 75 mg') }),
    );
    expect(await assessPaper(line(455), store.catalogue, TODAY)).toMatchObject({ blocking: false });
    const bill = await new BillingPreview(store).paper(line(455));
    expect(bill.lines[0]).toMatchObject({ kind: 'product', priceCents: 910 });
    const { dispensingId } = await recordPaperPrescription(store, line(455), '10001234565');
    expect((await store.dispensings.byId(dispensingId))?.saleLines).toEqual([
      expect.objectContaining({ cip13: kardegic.cip13, unitPriceCents: 455 }),
    ]);
    // A price typed for a product the catalogue prices is not used: the catalogue's is.
    const priced = input({
      lines: [
        {
          kind: 'CATALOGUE',
          cip13: SAMPLE_PRODUCTS.amoxicilline1g.cip13,
          packs: 1,
          durationDays: 6,
          batch: null,
          expiry: null,
          unitPriceCents: 1,
        },
      ],
    });
    expect((await new BillingPreview(store).paper(priced)).lines[0]).toMatchObject({
      priceCents: SAMPLE_PRODUCTS.amoxicilline1g.priceCents,
    });
  });

  it('asks the price of a free line typed unreadable, never counting it 0 €', async () => {
    const store = await withPaperPrescriber(await stores.open(engine));
    const free = (priceCents: number | null) => input({ lines: [{ kind: 'FREE', label: 'BAS DE CONTENTION', priceCents, packs: 1 }] });
    expect((await assessPaper(free(null), store.catalogue, TODAY)).issues).toEqual([
      expect.objectContaining({ code: 'PRICE_REQUIRED', lineId: 'P1', message: expect.stringContaining('BAS DE CONTENTION') }),
    ]);
    expect((await new BillingPreview(store).paper(free(null))).lines[0]).toMatchObject({
      priceCents: 0,
      note: expect.stringMatching(/^Prix à saisir/),
    });
    expect(await assessPaper(free(2990), store.catalogue, TODAY)).toMatchObject({ blocking: false, issues: [] });
  });

  it('is billed, once recorded, on the day it was dispensed in Paris: a mutuelle valid from 1 January covers a dispensing at 00:30 that day', async () => {
    const store = await withPaperPrescriber(await stores.open(engine));
    const patient = await store.patients.upsert({
      nir: '279035121518989',
      lastName: 'DURAND',
      firstName: 'Léa',
      birthDate: '1979-03-12',
      sex: 'F',
      source: 'VITALE',
    });
    await store.patients.setTiersPayant(patient.id, {
      amc: '12345678',
      conv: 'C1',
      csr: 'X',
      adh: 'A1',
      validFrom: '2027-01-01',
      validTo: '2027-12-31',
    });
    const newYear = input({
      prescribedOn: '2026-12-30',
      counterPatient: { id: patient.id, nir: patient.nir, lastName: 'DURAND', firstName: 'Léa', birthDate: '1979-03-12' },
      lines: [{ kind: 'CATALOGUE', cip13: SAMPLE_PRODUCTS.amoxicilline1g.cip13, packs: 1, durationDays: 6, batch: null, expiry: null }],
    });
    // 23:30 UTC on 31 December is 00:30 on 1 January in Paris.
    const { dispensingId } = await recordPaperPrescription(store, newYear, '10001234565', new Date('2026-12-31T23:30:00Z'));
    const bill = await new BillingPreview(store).ofRecord((await store.dispensings.byId(dispensingId))!);
    expect(bill.totals.amcCents).toBeGreaterThan(0);
  });

  it('keeps its bill as billed: a reprint after new tariffs and a new price shows the amounts of the day', async () => {
    const store = await withPaperPrescriber(await stores.open(engine));
    const { dispensingId } = await recordPaperPrescription(store, input(), '10001234565');
    const billed = await new BillingPreview(store).ofRecord((await store.dispensings.byId(dispensingId))!);
    // The pharmacy's tariffs and the product's price change afterwards.
    await store.tariffs.put([{ code: 'HDR', amountCents: 99, rate: 70, since: '2020-01-01' }]);
    await store.catalogue.upsertMany([{ ...(await store.catalogue.product(SAMPLE_PRODUCTS.amoxicilline1g.cip13))!, priceCents: 999 }]);
    const reprinted = await new BillingPreview(store).ofRecord((await store.dispensings.byId(dispensingId))!);
    expect(reprinted).toEqual(billed);
    expect(reprinted.totals.totalCents).toBe(billed.totals.totalCents);
    // What a bill of today would say differs: the stored one is not recomputed.
    expect((await new BillingPreview(store).paper(input())).totals.totalCents).not.toBe(billed.totals.totalCents);
  });

  it('refuses a tariff file that reaches back over days already invoiced, and an honoraire beyond bounds', async () => {
    const store = await withPaperPrescriber(await stores.open(engine));
    await recordPaperPrescription(store, input(), '10001234565', new Date(`${TODAY}T10:00:00Z`));
    const tariffs = new TariffsService(store, () => 'test');
    await expect(tariffs.importFile(`HDR;0,60;70;${addDays(TODAY, -10)}\n`)).rejects.toMatchObject({
      code: 'TARIFFS_BACKDATED',
      message: expect.stringMatching(/facturées jusqu’au/),
    });
    await expect(tariffs.importFile('HDR;150,00;70;2030-01-01\n')).rejects.toMatchObject({
      code: 'TARIFFS_REFUSED',
      message: expect.stringMatching(/hors bornes/),
    });
    expect(await tariffs.importFile(`HDR;0,60;70;${TODAY}\n`)).toEqual({ imported: 1 });
  });

  it.each([
    ['no patient', { counterPatient: null }, 'PATIENT_REQUIRED'],
    ['a patient without a name', { counterPatient: { nir: '279035121518989' } }, 'PATIENT_REQUIRED'],
    ['no prescriber', { prescriberRpps: null }, 'PRESCRIBER_REQUIRED'],
    ['a prescriber missing from the file', { prescriberRpps: '10000000025' }, 'PRESCRIBER_REQUIRED'],
  ] as const)('is never recorded with %s: nothing written, a French sentence, a stable code', async (_, over, code) => {
    const store = await withPaperPrescriber(await stores.open(engine));
    await expect(recordPaperPrescription(store, input(over), '10001234565')).rejects.toMatchObject({
      code,
      message: expect.stringMatching(/avant de valider/),
    });
    expect(await store.dispensings.count()).toBe(0);
    expect(await store.registers.list({})).toEqual([]);
  });

  it('is recorded as a PAPER dispensing with its date, prescriber, free line, audit entry and numérisation expected; it counts in the indicator', async () => {
    const store = await withPaperPrescriber(await stores.open(engine));
    const { dispensingId } = await recordPaperPrescription(store, input(), '10001234565', new Date(`${TODAY}T10:00:00Z`));
    expect(await store.dispensings.byId(dispensingId)).toMatchObject({
      circuit: 'PAPER',
      prescriptionId: null,
      prescribedOn: addDays(TODAY, -2),
      prescriberRpps: '10003456786',
      patientNir: '279035121518989',
      saleLines: [
        expect.objectContaining({ cip13: SAMPLE_PRODUCTS.amoxicilline1g.cip13, packs: 2, batch: 'L1' }),
        expect.objectContaining({ cip13: FREE_LINE_CODE, label: 'BAS DE CONTENTION', unitPriceCents: 2990 }),
      ],
    });
    expect(await store.scor.byDispensingId(dispensingId)).toMatchObject({
      state: 'TO_SCAN',
      circuit: 'PAPER',
      prescriptionId: null,
      prescribedOn: addDays(TODAY, -2),
    });
    expect(await store.audit.verify()).toEqual({ ok: true, entries: 1, anchored: false });
    expect(await monthlyIndicator(store.engine.db, '2026-11', '2026-11')).toEqual([
      expect.objectContaining({ prescriptions: 1, viaOrdonnanceNumerique: 0 }),
    ]);
  });
});
