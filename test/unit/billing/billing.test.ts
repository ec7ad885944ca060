import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageOn, bill, type BillableItem, type BillingContext } from '../../../src/shared/billing/billing.js';
import { parseEuros, shareOf } from '../../../src/shared/billing/money.js';
import { parseTariffFile, tariffOn } from '../../../src/shared/billing/tariffs.js';

const DAY = '2026-11-27';
const ctx = (over: Partial<BillingContext> = {}): BillingContext => ({
  day: DAY,
  withPrescription: true,
  patientBirthDate: '1980-05-05',
  amoThirdParty: true,
  complementary: null,
  tariffs: [],
  ...over,
});
const item = (over: Partial<BillableItem> = {}): BillableItem => ({
  label: 'OMÉPRAZOLE 20 mg',
  packs: 1,
  unitPriceCents: 575,
  rate: 65,
  tfrCents: null,
  ald: false,
  specific: false,
  largePack: false,
  ...over,
});
const mutuelle = { validFrom: '2026-01-01', validTo: '2026-12-31', ph7: 100, ph4: 100, ph2: 100, ph1: 100 };
const parts = (b: ReturnType<typeof bill>) =>
  b.lines.map((l) => [l.code ?? 'produit', l.priceCents, l.baseCents, l.rate, l.amoCents, l.amcCents, l.resteCents]);

describe('money, rounded per line to the cent, half away from zero', () => {
  it.each([
    [575, 65, 374],
    [102, 65, 66],
    [51, 70, 36],
    [1, 65, 1],
    [1, 30, 0],
    [5, 30, 2],
    [15, 70, 11],
    [-5, 30, -2],
    [201, 100, 201],
    [0, 65, 0],
  ])('%i cents at %i percent: %i', (cents, percent, expected) => expect(shareOf(cents, percent)).toBe(expected));

  it.each([
    ['12,50', 1250],
    ['0,5', 50],
    ['29.90 €', 2990],
    ['3', 300],
    ['1,234', null],
    ['-1', null],
    ['douze', null],
  ])('reads « %s » as %s cents', (text, cents) => expect(parseEuros(text)).toBe(cents));
});

describe('what the patient pays', () => {
  it('a 65 % medicine for an adult, without a mutuelle: HD at its rate, HDR at 70 %', () => {
    const b = bill([item()], ctx());
    expect(parts(b)).toEqual([
      ['produit', 575, 575, 65, 374, 0, 201],
      ['HD', 102, 102, 65, 66, 0, 36],
      ['HDR', 51, 51, 70, 36, 0, 15],
    ]);
    expect(b.totals).toEqual({ totalCents: 728, amoCents: 476, amcCents: 0, resteCents: 252, advanceCents: 252 });
  });

  it('the same with a mutuelle covering the ticket modérateur: nothing left to pay', () => {
    const b = bill([item()], ctx({ complementary: mutuelle }));
    expect(b.totals).toEqual({ totalCents: 728, amoCents: 476, amcCents: 252, resteCents: 0, advanceCents: 0 });
  });

  it('a mutuelle certificate out of its dates covers nothing; one covering half covers half', () => {
    expect(bill([item()], ctx({ complementary: { ...mutuelle, validTo: '2026-11-26' } })).totals.amcCents).toBe(0);
    const half = bill([item()], ctx({ complementary: { ...mutuelle, ph7: 50 } }));
    expect(half.lines[0]).toMatchObject({ amcCents: 101, resteCents: 100 });
  });

  it.each([
    ['70 on the day', '1956-11-27', true],
    ['69, the day before', '1956-11-28', false],
    ['2 years old', '2024-06-01', true],
    ['3 years old', '2023-11-27', false],
  ])('HDA for a patient %s: %s', (_, birthDate, hda) => {
    expect(bill([item()], ctx({ patientBirthDate: birthDate })).lines.some((l) => l.code === 'HDA')).toBe(hda);
  });

  it('HDA is 1,58 € at 70 %', () => {
    expect(bill([item()], ctx({ patientBirthDate: '1950-01-01' })).lines.find((l) => l.code === 'HDA')).toMatchObject({
      priceCents: 158,
      amoCents: 111,
      resteCents: 47,
    });
  });

  it('an ALD line at 100 %, and the prescription’s honoraires at 100 %', () => {
    const b = bill([item({ ald: true })], ctx());
    expect(parts(b)).toEqual([
      ['produit', 575, 575, 100, 575, 0, 0],
      ['HD', 102, 102, 100, 102, 0, 0],
      ['HDR', 51, 51, 100, 51, 0, 0],
    ]);
  });

  it('a 3-month pack earns HD3 instead of HD', () => {
    const b = bill([item({ largePack: true, packs: 1, unitPriceCents: 1150 })], ctx());
    expect(b.lines.map((l) => l.code)).toEqual([null, 'HD3', 'HDR']);
    expect(b.lines[1]).toMatchObject({ priceCents: 276, rate: 65, amoCents: 179 });
  });

  it('5 lines of reimbursable medicines: HDC at 100 %; a specific medicine: HDE at 70 %', () => {
    const five = bill(
      Array.from({ length: 5 }, (_, i) => item({ label: `P${i}`, specific: i === 0 })),
      ctx(),
    );
    expect(five.lines.find((l) => l.code === 'HDC')).toMatchObject({ priceCents: 102, rate: 100, amoCents: 102, resteCents: 0 });
    expect(five.lines.find((l) => l.code === 'HDE')).toMatchObject({ priceCents: 357, rate: 70, amoCents: 250, resteCents: 107 });
    expect(five.lines.filter((l) => l.code === 'HD')).toHaveLength(5);
  });

  it('a TFR group priced above the TFR: reimbursed on the TFR, the dépassement paid by the patient', () => {
    const [line] = bill([item({ unitPriceCents: 690, tfrCents: 575 })], ctx({ complementary: mutuelle })).lines;
    expect(line).toMatchObject({ priceCents: 690, baseCents: 575, depassementCents: 115, amoCents: 374, amcCents: 201, resteCents: 115 });
  });

  it('a refused generic: the base becomes the generic’s price, the line paid at the counter, and said why', () => {
    const [line] = bill([item({ unitPriceCents: 690, refusedGenericPriceCents: 575 })], ctx({ complementary: mutuelle })).lines;
    expect(line).toMatchObject({
      baseCents: 575,
      amoCents: 374,
      amcCents: 201,
      resteCents: 115,
      advanceCents: 690,
      note: expect.stringMatching(/Générique refusé.*pas de tiers payant/),
    });
  });

  it('a rate-0 product: no base, the patient pays its price, and earns no honoraire', () => {
    const b = bill([item({ rate: 0, unitPriceCents: 899 })], ctx({ complementary: mutuelle }));
    expect(parts(b)).toEqual([['produit', 899, 0, 0, 0, 0, 899]]);
  });

  it('a sale without prescription: HD only, nothing reimbursed', () => {
    const b = bill([item()], ctx({ withPrescription: false, complementary: mutuelle }));
    expect(parts(b)).toEqual([
      ['produit', 575, 0, 0, 0, 0, 575],
      ['HD', 102, 0, 0, 0, 0, 102],
    ]);
  });

  it('a tariff file changing HDR from a date: the dispensing takes the tariff of its day', () => {
    const parsed = parseTariffFile('code;montant_eur;taux;depuis\nHDR;0,60;70;2026-12-01\n');
    if (!parsed.ok) throw new Error('refused');
    expect(bill([item()], ctx({ day: '2026-11-30', tariffs: parsed.tariffs })).lines.find((l) => l.code === 'HDR')?.priceCents).toBe(51);
    expect(bill([item()], ctx({ day: '2026-12-01', tariffs: parsed.tariffs })).lines.find((l) => l.code === 'HDR')?.priceCents).toBe(60);
    expect(tariffOn(parsed.tariffs, 'HD', '2026-12-01')).toMatchObject({ amountCents: 102, rate: 'line' });
  });

  it('refuses a tariff file with a bad row, naming every bad line, taking nothing', () => {
    expect(
      parseTariffFile(
        'HDR;0,60;70;2026-12-01\nHDX;1;70;2026-12-01\nHD;abc;;2026-01-01\nHDR;1;170;2026-01-01\nHDA;1,58;ligne;2026-01-01\nHDC;1;100;2026-13-01',
      ),
    ).toEqual({
      ok: false,
      errors: [
        { line: 2, message: expect.stringContaining('code inconnu') },
        { line: 3, message: expect.stringContaining('montant invalide') },
        { line: 4, message: expect.stringContaining('taux invalide') },
        { line: 5, message: expect.stringContaining('taux invalide') },
        { line: 6, message: expect.stringContaining('date invalide') },
      ],
    });
  });

  it('counts whole years, a birthday from its morning', () => {
    expect([
      ageOn('1956-11-27', DAY),
      ageOn('1956-11-28', DAY),
      ageOn('2024-02-29', '2025-02-28'),
      ageOn('2024-02-29', '2025-03-01'),
    ]).toEqual([70, 69, 0, 1]);
  });
});

describe('properties', () => {
  const itemArb = fc.record({
    label: fc.constant('P'),
    packs: fc.integer({ min: 1, max: 9 }),
    unitPriceCents: fc.integer({ min: 0, max: 200_000 }),
    rate: fc.constantFrom(100, 65, 30, 15, 0),
    tfrCents: fc.option(fc.integer({ min: 0, max: 200_000 })),
    ald: fc.boolean(),
    specific: fc.boolean(),
    largePack: fc.boolean(),
    refusedGenericPriceCents: fc.option(fc.integer({ min: 0, max: 200_000 })),
  });
  const ctxArb = fc.record({
    withPrescription: fc.boolean(),
    amoThirdParty: fc.boolean(),
    complementary: fc.option(
      fc.record({
        validFrom: fc.constant('2026-01-01'),
        validTo: fc.constantFrom('2026-06-30', '2026-12-31'),
        ph7: fc.integer({ min: 0, max: 100 }),
        ph4: fc.integer({ min: 0, max: 100 }),
        ph2: fc.integer({ min: 0, max: 100 }),
        ph1: fc.integer({ min: 0, max: 100 }),
      }),
    ),
    patientBirthDate: fc.option(fc.constantFrom('1930-01-01', '1980-05-05', '2025-01-01')),
  });

  it('for every dispensing: Total = Part AMO + Part AMC + Reste à charge, each line likewise, no negative part', () => {
    fc.assert(
      fc.property(fc.array(itemArb, { minLength: 0, maxLength: 8 }), ctxArb, (items, c) => {
        const b = bill(items, ctx(c));
        for (const l of b.lines) {
          expect(l.amoCents + l.amcCents + l.resteCents).toBe(l.priceCents);
          expect(l.ticketModerateurCents + l.amoCents).toBe(l.baseCents);
          for (const v of [l.amoCents, l.amcCents, l.resteCents, l.baseCents, l.ticketModerateurCents, l.depassementCents, l.advanceCents])
            expect(v).toBeGreaterThanOrEqual(0);
          expect(l.advanceCents).toBeLessThanOrEqual(l.priceCents);
        }
        expect(b.totals.amoCents + b.totals.amcCents + b.totals.resteCents).toBe(b.totals.totalCents);
      }),
      { numRuns: 2000 },
    );
  });
});
