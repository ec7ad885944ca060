import { describe, expect, it } from 'vitest';
import type { LineEntry } from '../../src/renderer/stores/counter-proposal.js';
import { placeScannedPack, proposedPacks } from '../../src/renderer/stores/pack-scan.js';
import { SAMPLE_PRODUCTS } from '../../src/shared/demo/sample-products.js';
import { prescription } from '../helpers/rules-fixture.js';

const amox = SAMPLE_PRODUCTS.amoxicilline1g;
const line = (packs: string, over: Partial<LineEntry> = {}): LineEntry => ({
  cip13: amox.cip13,
  label: amox.label,
  packs,
  batch: '',
  expiry: '',
  notDispensed: false,
  extra: [],
  ...over,
});
const scan = (batch: string, cip13: string = amox.cip13, label: string = amox.label) => ({ cip13, label, batch, expiry: '2028-01-31' });
const boxes = (e: LineEntry) => [e, ...e.extra].map((i) => [i.cip13 === amox.cip13 ? 'amox' : i.cip13, i.packs, i.batch]);

describe('one scan, one box', () => {
  it('a line of 2 boxes read twice: two boxes, each with its own lot', () => {
    const once = placeScannedPack(line('2'), scan('A'), 1);
    expect(boxes(once)).toEqual([
      ['amox', '1', 'A'],
      ['amox', '1', ''],
    ]);
    const twice = placeScannedPack(once, scan('B'), 1);
    expect(boxes(twice)).toEqual([
      ['amox', '1', 'A'],
      ['amox', '1', 'B'],
    ]);
    // A third box read: one more (the rules then say it is too much), never a lot overwritten.
    expect(boxes(placeScannedPack(twice, scan('C'), 1))).toEqual([
      ['amox', '1', 'A'],
      ['amox', '1', 'B'],
      ['amox', '1', 'C'],
    ]);
  });

  it('the same lot twice counts two boxes of it', () => {
    const one = placeScannedPack(line('1'), scan('A'), 1);
    expect(boxes(placeScannedPack(one, scan('A'), 1))).toEqual([['amox', '2', 'A']]);
  });

  it('a pack of the line’s group read first on an untouched line becomes its product, with the boxes it needs', () => {
    const x90 = SAMPLE_PRODUCTS.metformine1000x90;
    const metformin = line('2', { cip13: SAMPLE_PRODUCTS.metformine1000.cip13, label: SAMPLE_PRODUCTS.metformine1000.label });
    expect(boxes(placeScannedPack(metformin, scan('L1', x90.cip13, x90.label), 2))).toEqual([
      [x90.cip13, '1', 'L1'],
      [x90.cip13, '1', ''],
    ]);
  });

  it('keeps the line’s own choices (refused generic)', () => {
    expect(placeScannedPack(line('1', { refusedGeneric: true }), scan('A'), 1)).toMatchObject({ refusedGeneric: true, batch: 'A' });
  });
});

describe('the boxes a chosen pack needs', () => {
  it('a 90-unit pack for 2 × 30 a month renewable twice (3 months): 2 boxes; for the month alone: 1', () => {
    const long = prescription([{ product: 'metformine1000', durationDays: 30, quantity: 2, repeats: 2 }]);
    expect(proposedPacks(long, 0, 'L1', 90)).toBe(2);
    expect(proposedPacks(long, 0, 'L1', 30)).toBe(2);
    const month = prescription([{ product: 'metformine1000', durationDays: 30, quantity: 2 }]);
    expect(proposedPacks(month, 0, 'L1', 90)).toBe(1);
  });
});
