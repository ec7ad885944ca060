import { describe, expect, it } from 'vitest';
import { cancelDispensing } from '../../../src/main/services/counter/dispensing-cancellation.js';
import { recordPaperPrescription, type PaperPrescriptionInput } from '../../../src/main/services/counter/paper-prescription.js';
import { SAMPLE_PRODUCTS } from '../../../src/shared/demo/sample-products.js';
import { openTestStore, tempStoreFile } from '../../helpers/store-fixture.js';

const input = (over: Partial<PaperPrescriptionInput> = {}): PaperPrescriptionInput => ({
  prescribedOn: '2026-11-26', prescriberRpps: null, counterPatient: { nir: '279035121518989', lastName: 'DURAND', firstName: 'Léa', birthDate: '1979-03-12' }, patientSource: 'VITALE',
  lines: [
    { kind: 'CATALOGUE', cip13: SAMPLE_PRODUCTS.amoxicilline1g.cip13, packs: 2, durationDays: 6, batch: null, expiry: null },
    { kind: 'CATALOGUE', cip13: SAMPLE_PRODUCTS.paracetamol1g.cip13, packs: 1, durationDays: 5, batch: null, expiry: null },
    { kind: 'CATALOGUE', cip13: SAMPLE_PRODUCTS.skenan30.cip13, packs: 1, durationDays: 7, batch: null, expiry: null },
  ],
  collector: 'Paul DURAND, CNI 123456789',
  ...over,
});
const invoiceOf = (store: ReturnType<typeof openTestStore>, id: string) => (store.db.prepare('SELECT invoice_number AS n FROM dispensings WHERE id = ?').get(id) as { n: number }).n;

describe('invoice numbers and the ordonnancier', () => {
  it('number each facturation, and each listed line in the register, with the stupéfiant’s collector', () => {
    const store = openTestStore();
    const first = recordPaperPrescription(store, input(), '10001234565').dispensingId;
    const second = recordPaperPrescription(store, input({ collector: null }), '10001234565').dispensingId;
    expect([invoiceOf(store, first), invoiceOf(store, second)]).toEqual([1, 2]);
    expect(store.registers.ofDispensing(first).map((e) => [e.number, e.list, e.product.split(',')[0], e.packs, e.collector])).toEqual([
      [1, 'I', 'AMOXICILLINE 1 g', 2, null],
      [2, 'STUPEFIANT', 'SKENAN LP 30 mg', 1, 'Paul DURAND, CNI 123456789'],
    ]);
    expect(store.registers.ofDispensing(second).map((e) => e.number)).toEqual([3, 4]);
    expect(store.registers.list({ patient: 'durand', product: 'skenan' }).map((e) => e.number)).toEqual([2, 4]);
  });

  it('never leave a gap nor reuse a number: a transaction that fails gives its numbers back', () => {
    const file = tempStoreFile();
    const store = openTestStore(file);
    recordPaperPrescription(store, input(), 'x');
    expect(() =>
      store.transaction(() => {
        store.registers.next('invoice');
        store.registers.next('ordonnancier');
        throw new Error('disque plein');
      }),
    ).toThrow('disque plein');
    store.close();
    // As after a kill -9 between two dispensings: the file holds what was committed, nothing more.
    const reopened = openTestStore(file);
    const next = recordPaperPrescription(reopened, input(), 'x').dispensingId;
    expect(invoiceOf(reopened, next)).toBe(2);
    expect(reopened.registers.ofDispensing(next).map((e) => e.number)).toEqual([3, 4]);
    expect(() => reopened.registers.next('invoice')).toThrow(/inside the dispensing’s transaction/);
  });

  it('answer a cancellation with new entries referring to the first ones, never changing them', () => {
    const store = openTestStore();
    store.settings.set('regulation.transmissionPhase', 2);
    const id = recordPaperPrescription(store, input(), 'x').dispensingId;
    // A paper prescription has no execution to cancel at the téléservice: the register still answers an ON's.
    expect(() => cancelDispensing(store, { dispensingId: id, reason: 'erreur', actor: 'x' })).toThrow(expect.objectContaining({ code: 'NOTHING_TO_CANCEL' }));
    expect(() => store.db.prepare('UPDATE ordonnancier SET packs = 9 WHERE number = 1').run()).toThrow(/never changed/);
    expect(() => store.db.prepare('DELETE FROM ordonnancier').run()).toThrow(/never deleted/);
  });
});
