import { describe, expect, it } from 'vitest';
import { cancelDispensing } from '../../../src/main/services/counter/dispensing-cancellation.js';
import { recordPaperPrescription, type PaperPrescriptionInput } from '../../../src/main/services/counter/paper-prescription.js';
import { SAMPLE_PRODUCTS } from '../../../src/shared/demo/sample-products.js';
import type { Store } from '../../../src/main/services/store/store.js';
import { ENGINES, testStores } from '../../helpers/store-engines.js';
import { PAPER_PRESCRIBER, withPaperPrescriber } from '../../helpers/paper-parties.js';

const input = (over: Partial<PaperPrescriptionInput> = {}): PaperPrescriptionInput => ({
  prescribedOn: '2026-11-26',
  prescriberRpps: PAPER_PRESCRIBER.rpps,
  securePrescription: true,
  counterPatient: { nir: '279035121518989', lastName: 'DURAND', firstName: 'Léa', birthDate: '1979-03-12' },
  patientSource: 'VITALE',
  lines: [
    { kind: 'CATALOGUE', cip13: SAMPLE_PRODUCTS.amoxicilline1g.cip13, packs: 2, durationDays: 6, batch: null, expiry: null },
    { kind: 'CATALOGUE', cip13: SAMPLE_PRODUCTS.paracetamol1g.cip13, packs: 1, durationDays: 5, batch: null, expiry: null },
    { kind: 'CATALOGUE', cip13: SAMPLE_PRODUCTS.skenan30.cip13, packs: 1, durationDays: 7, batch: null, expiry: null },
  ],
  collector: 'Paul DURAND, CNI 123456789',
  ...over,
});
const invoiceOf = async (store: Store, id: string) => (await store.dispensings.byId(id))?.invoiceNumber;
const stores = testStores();

describe.each(ENGINES)('invoice numbers and the ordonnancier (%s)', (engine) => {
  it('number each facturation, and each listed line in the register, with the stupéfiant’s collector', async () => {
    const store = await withPaperPrescriber(await stores.open(engine));
    const first = (await recordPaperPrescription(store, input(), '10001234565')).dispensingId;
    const second = (await recordPaperPrescription(store, input({ collector: null }), '10001234565')).dispensingId;
    expect([await invoiceOf(store, first), await invoiceOf(store, second)]).toEqual([1, 2]);
    expect(
      (await store.registers.ofDispensing(first)).map((e) => [e.number, e.list, e.product.split(',')[0], e.packs, e.collector]),
    ).toEqual([
      [1, 'I', 'AMOXICILLINE 1 g', 2, null],
      [2, 'STUPEFIANT', 'SKENAN LP 30 mg', 1, 'Paul DURAND, CNI 123456789'],
    ]);
    expect((await store.registers.ofDispensing(second)).map((e) => e.number)).toEqual([3, 4]);
    expect((await store.registers.list({ patient: 'durand', product: 'skenan' })).map((e) => e.number)).toEqual([2, 4]);
  });

  it('never leave a gap nor reuse a number: a transaction that fails gives its numbers back', async () => {
    const store = await withPaperPrescriber(await stores.open(engine));
    await recordPaperPrescription(store, input(), 'x');
    await expect(
      store.transaction(async (tx) => {
        await tx.registers.next('invoice');
        await tx.registers.next('ordonnancier');
        throw new Error('disque plein');
      }),
    ).rejects.toThrow('disque plein');
    // As after a kill -9 between two dispensings: the database holds what was committed, nothing more.
    const reopened = await stores.again(store);
    await store.close();
    const next = (await recordPaperPrescription(reopened, input(), 'x')).dispensingId;
    expect(await invoiceOf(reopened, next)).toBe(2);
    expect((await reopened.registers.ofDispensing(next)).map((e) => e.number)).toEqual([3, 4]);
    await expect(reopened.registers.next('invoice')).rejects.toThrow(/inside the dispensing’s transaction/);
  });

  // A SQLite file is one counter's (one connection per process: better-sqlite3 waits for a lock synchronously).
  it.skipIf(engine === 'sqlite')(
    'give four counters writing at once one sequence each, without a gap or a double',
    async () => {
      const first = await withPaperPrescriber(await stores.open(engine));
      const counters = [first, ...(await Promise.all([1, 2, 3].map((n) => stores.again(first, `poste-${n + 1}`))))];
      const ids = await Promise.all(
        counters.flatMap((c) => [0, 1, 2].map(async () => (await recordPaperPrescription(c, input(), 'x')).dispensingId)),
      );
      const invoices = await Promise.all(ids.map((id) => invoiceOf(first, id)));
      expect([...invoices].sort((a, b) => a! - b!)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
      const numbers = (await first.registers.list({}, 1000)).map((e) => e.number);
      expect(numbers).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    },
    30_000,
  );

  it('answer a cancellation with an avoir (the next invoice number) and counter-entries of negative quantities referring to the first ones, never changing them', async () => {
    const store = await withPaperPrescriber(await stores.open(engine));
    const id = (await recordPaperPrescription(store, input(), 'x')).dispensingId;
    // A paper prescription has no execution at the téléservice: it is cancelled all the same.
    expect(await cancelDispensing(store, { dispensingId: id, reason: 'erreur de saisie', actor: '10001234565' })).toEqual({
      creditNoteNumber: 2,
      invoiceNumber: 1,
      executionId: null,
    });
    expect(await store.dispensings.byId(id)).toMatchObject({
      invoiceNumber: 1,
      creditNoteNumber: 2,
      cancelReason: 'erreur de saisie',
      cancelledAt: expect.any(String),
    });
    expect(
      (await store.registers.ofDispensing(id)).map((e) => [e.number, e.kind, e.refersTo, e.list, e.packs, e.patient, e.prescriber]),
    ).toEqual([
      [1, 'ENTRY', null, 'I', 2, 'DURAND Léa', PAPER_PRESCRIBER.name],
      [2, 'ENTRY', null, 'STUPEFIANT', 1, 'DURAND Léa', PAPER_PRESCRIBER.name],
      [3, 'CANCELLATION', 1, 'I', -2, 'DURAND Léa', PAPER_PRESCRIBER.name],
      [4, 'CANCELLATION', 2, 'STUPEFIANT', -1, 'DURAND Léa', PAPER_PRESCRIBER.name],
    ]);
    const audited = await store.engine.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect([audited.actor, audited.action, JSON.parse(audited.details_json)]).toEqual([
      '10001234565',
      'dispensing.cancelled',
      { dispensingId: id, executionId: null, reason: 'erreur de saisie', invoiceNumber: 1, creditNoteNumber: 2 },
    ]);
    // Once only; and the avoir's number is never issued again.
    await expect(cancelDispensing(store, { dispensingId: id, reason: 'encore', actor: 'x' })).rejects.toMatchObject({
      code: 'ALREADY_CANCELLED',
    });
    expect(await invoiceOf(store, (await recordPaperPrescription(store, input(), 'x')).dispensingId)).toBe(3);
    await expect(store.engine.db.updateTable('ordonnancier').set({ packs: 9 }).where('number', '=', 1).execute()).rejects.toThrow(
      /never changed/,
    );
    await expect(store.engine.db.deleteFrom('ordonnancier').execute()).rejects.toThrow(/never deleted/);
  });

  it('keep the patient’s and the prescriber’s addresses of the entry’s day: a move changes the next entries, never the written ones', async () => {
    const store = await withPaperPrescriber(await stores.open(engine));
    const durand = await store.patients.upsert({
      nir: '279035121518989',
      lastName: 'DURAND',
      firstName: 'Léa',
      birthDate: '1979-03-12',
      sex: 'F',
      source: 'MANUAL',
      address: '12 rue des Lilas, 69003 Lyon',
    });
    await store.prescribers.setAddress(PAPER_PRESCRIBER.rpps, '4 cours Gambetta, 69007 Lyon');
    const called = { id: durand.id, nir: durand.nir, lastName: 'DURAND', firstName: 'Léa', birthDate: '1979-03-12' };
    const first = (await recordPaperPrescription(store, input({ counterPatient: called }), 'x')).dispensingId;
    // A Carte Vitale read again holds no address: the file keeps its own.
    await store.patients.upsert({
      nir: '279035121518989',
      lastName: 'DURAND',
      firstName: 'Léa',
      birthDate: '1979-03-12',
      sex: 'F',
      source: 'VITALE',
    });
    expect((await store.patients.byId(durand.id))?.address).toBe('12 rue des Lilas, 69003 Lyon');
    expect(await store.patients.setAddress(durand.id, '7 quai Perrache, 69002 Lyon')).toBe(true);
    const second = (await recordPaperPrescription(store, input({ counterPatient: called }), 'x')).dispensingId;
    await cancelDispensing(store, { dispensingId: first, reason: 'erreur', actor: 'x' });
    const addresses = async (id: string) =>
      (await store.registers.ofDispensing(id)).map((e) => [e.kind, e.patientAddress, e.prescriberAddress]);
    expect(await addresses(first)).toEqual([
      ['ENTRY', '12 rue des Lilas, 69003 Lyon', '4 cours Gambetta, 69007 Lyon'],
      ['ENTRY', '12 rue des Lilas, 69003 Lyon', '4 cours Gambetta, 69007 Lyon'],
      // A counter-entry repeats the entry it cancels, addresses included.
      ['CANCELLATION', '12 rue des Lilas, 69003 Lyon', '4 cours Gambetta, 69007 Lyon'],
      ['CANCELLATION', '12 rue des Lilas, 69003 Lyon', '4 cours Gambetta, 69007 Lyon'],
    ]);
    expect((await addresses(second)).map(([, patient]) => patient)).toEqual(['7 quai Perrache, 69002 Lyon', '7 quai Perrache, 69002 Lyon']);
    // An id that is not the NIR's patient is not taken for them.
    const other = await store.patients.upsert({
      nir: null,
      lastName: 'MARTIN',
      firstName: 'Paul',
      birthDate: '1950-01-01',
      sex: 'M',
      source: 'MANUAL',
      address: 'ailleurs',
    });
    const third = (await recordPaperPrescription(store, input({ counterPatient: { ...called, id: other.id } }), 'x')).dispensingId;
    expect((await addresses(third)).map(([, patient]) => patient)).toEqual(['7 quai Perrache, 69002 Lyon', '7 quai Perrache, 69002 Lyon']);
  });
});
