import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessDispensing, toExecutionLines } from '../../../src/shared/rules/assess-dispensing.js';
import { addDays } from '../../../src/shared/rules/calendar.js';
import type { DispensingProposal } from '../../../src/shared/rules/dispensing-types.js';
import { DEVIATION_TYPES, executionLineSchema } from '../../../src/shared/teleservice/schemas.js';
import { SAMPLE_PRODUCTS, type SampleProductKey } from '../../../src/shared/demo/sample-products.js';
import { sampleFacts } from '../../../src/shared/demo/sample-facts.js';
import { factsFromList } from '../../../src/shared/rules/product-facts.js';
import { reasonsMatching } from '../../../src/shared/rules/usual-reasons.js';
import { ISSUED, asPrescribed, cip, prescription, products } from '../../helpers/rules-fixture.js';

const assess = (p: ReturnType<typeof prescription>, proposal: DispensingProposal, today = addDays(ISSUED, 1)) =>
  assessDispensing({ prescription: p, today, products }, proposal);
const codes = (a: ReturnType<typeof assess>) => a.issues.map((i) => i.code);

describe('first dispensing validity (3 months)', () => {
  const p = prescription([{ product: 'amoxicilline1g', durationDays: 6, quantity: 2 }]);
  it.each([
    [89, false],
    [90, false],
    [91, true],
  ])('day %i after the prescription: expired = %s', (day, expired) => {
    expect(p.validUntil).toBe(addDays(ISSUED, 90));
    expect(codes(assess(p, asPrescribed(p), addDays(ISSUED, day))).includes('EXPIRED')).toBe(expired);
  });

  it('does not apply to a renewal', () => {
    const renewable = prescription([
      { product: 'levothyrox75', repeats: 5, dispensings: [{ executionId: 'e', renewalNumber: 0, packs: 1, status: 'DISPENSED' }] },
    ]);
    expect(codes(assess(renewable, asPrescribed(renewable, 1), addDays(ISSUED, 120)))).not.toContain('EXPIRED');
  });
});

describe('stupéfiants: full only within 3 days, the day of prescription not counted', () => {
  const p = prescription([{ product: 'skenan30', durationDays: 14, quantity: 2 }], { kind: 'SECURISEE' });
  it('day 3: the whole prescription', () => {
    const a = assess(p, asPrescribed(p), addDays(ISSUED, 3));
    expect(a.blocking).toBe(false);
    expect(a.lines[0]?.deviationType).toBe('NONE');
  });
  it('day 4: the full quantity is refused, only the remaining duration', () => {
    const a = assess(p, asPrescribed(p), addDays(ISSUED, 4));
    expect(a.issues).toContainEqual(
      expect.objectContaining({ code: 'STUPS_WINDOW_EXCEEDED', severity: 'blocking', message: expect.stringContaining('10 jours') }),
    );
  });
  it('day 4 with a reduced quantity: STUPS_REDUCED_DURATION, reason filled in', () => {
    const a = assess(
      p,
      { ...asPrescribed(p), lines: [{ lineId: 'L1', items: [{ cip13: cip('skenan30'), packs: 1 }] }] },
      addDays(ISSUED, 4),
    );
    expect(a.blocking).toBe(false);
    expect(a.lines[0]).toMatchObject({
      deviationType: 'STUPS_REDUCED_DURATION',
      status: 'PARTIAL',
      defaultReason: expect.stringContaining('3 jours'),
    });
  });
  it('after the whole duration: nothing can be dispensed', () => {
    expect(codes(assess(p, asPrescribed(p), addDays(ISSUED, 15)))).toContain('STUPS_NOTHING_LEFT');
  });
});

describe('assimilés stupéfiants: the stupéfiants’ rules, but list I’s 3-month presentation delay', () => {
  it('are never renewed and never prescribed beyond 28 days', () => {
    const p = prescription([{ product: 'zolpidem10', durationDays: 56, quantity: 4, repeats: 1 }], { kind: 'SECURISEE' });
    const a = assess(p, asPrescribed(p));
    expect(a.lines[0]?.narcotic).toBe(true);
    expect(a.issues).toContainEqual(
      expect.objectContaining({ code: 'STUPS_DURATION_EXCEEDED', message: expect.stringMatching(/^Assimilé stupéfiant : 28 jours/) }),
    );
    expect(codes(assess(p, asPrescribed(p, 1)))).toContain('STUPS_NOT_RENEWABLE');
  });
  it('presented 20 days after the prescription: the whole quantity still (a stupéfiant would get what is left of its days)', () => {
    const assimilated = prescription([{ product: 'zolpidem10', durationDays: 28, quantity: 2 }], { kind: 'SECURISEE' });
    const late = assess(assimilated, asPrescribed(assimilated), addDays(ISSUED, 20));
    expect(late.blocking).toBe(false);
    expect(late.lines[0]).toMatchObject({ status: 'DISPENSED', deviationType: 'NONE', daysDispensed: 28 });
    const narcotic = prescription([{ product: 'skenan30', durationDays: 28, quantity: 2 }], { kind: 'SECURISEE' });
    expect(codes(assess(narcotic, asPrescribed(narcotic), addDays(ISSUED, 20)))).toContain('STUPS_WINDOW_EXCEEDED');
  });
  it('keep the prescriber’s fractions', () => {
    const p = prescription([{ product: 'zolpidem10', durationDays: 28, quantity: 2, fractionDays: 14 }], { kind: 'SECURISEE' });
    expect(assess(p, asPrescribed(p)).issues).toContainEqual(
      expect.objectContaining({ code: 'STUPS_WINDOW_EXCEEDED', message: expect.stringContaining('fractionnement de 14 jours') }),
    );
  });
  it('a list I product that is not one keeps the list I rules', () => {
    const p = prescription([{ product: 'ramipril5', durationDays: 30, quantity: 1, repeats: 2 }]);
    const a = assess(p, asPrescribed(p, 1), addDays(ISSUED, 31));
    expect(a.lines[0]?.narcotic).toBe(false);
    expect(codes(a)).not.toContain('STUPS_NOT_RENEWABLE');
  });
});

describe('duration per dispensing and in all', () => {
  it('one month at most per dispensing for a listed medicine', () => {
    const p = prescription([{ product: 'metformine1000', durationDays: 90, quantity: 3 }]);
    expect(codes(assess(p, asPrescribed(p)))).toContain('DURATION_EXCEEDED');
    const oneMonth = assess(p, { ...asPrescribed(p), lines: [{ lineId: 'L1', items: [{ cip13: cip('metformine1000'), packs: 1 }] }] });
    expect(codes(oneMonth)).not.toContain('DURATION_EXCEEDED');
    expect(oneMonth.lines[0]).toMatchObject({
      status: 'PARTIAL',
      unitsRemainingAfter: 60,
      daysRemainingAfter: 60,
      deviationType: 'QUANTITY_ADAPTED',
    });
  });
  it('three months for an oral contraceptive', () => {
    const p = prescription([{ product: 'leeloo', durationDays: 84, quantity: 1 }]);
    expect(codes(assess(p, asPrescribed(p)))).not.toContain('DURATION_EXCEEDED');
  });
  it('twelve months in all with renewals', () => {
    const p = prescription([{ product: 'levothyrox75', durationDays: 30, repeats: 12 }]);
    expect(codes(assess(p, asPrescribed(p, 11)))).not.toContain('TREATMENT_OVER_12_MONTHS');
    expect(codes(assess(p, asPrescribed(p, 12)))).toContain('TREATMENT_OVER_12_MONTHS');
  });
});

describe('renewal numbers', () => {
  const served = (r: number) => ({ executionId: `e${r}`, renewalNumber: r, packs: 1, status: 'DISPENSED' as const });
  it('proposes 0, then the next unconsumed one', () => {
    expect(
      assess(prescription([{ product: 'levothyrox75', repeats: 2 }]), asPrescribed(prescription([{ product: 'levothyrox75', repeats: 2 }])))
        .proposedRenewal,
    ).toBe(0);
    const p = prescription([{ product: 'levothyrox75', repeats: 2, dispensings: [served(0), served(1)] }]);
    expect(assess(p, asPrescribed(p, 2)).proposedRenewal).toBe(2);
  });
  it('refuses a renewal already served (n) and accepts the next (n+1)', () => {
    const p = prescription([{ product: 'levothyrox75', repeats: 2, dispensings: [served(0), served(1)] }]);
    expect(codes(assess(p, asPrescribed(p, 1)))).toContain('ALREADY_DISPENSED');
    expect(assess(p, asPrescribed(p, 2)).blocking).toBe(false);
  });
  it('shows a line beyond its renewals as not renewable, with no reason asked', () => {
    const p = prescription([
      { product: 'levothyrox75', repeats: 2, dispensings: [served(0)] },
      { product: 'amoxicilline1g', repeats: 0, quantity: 2, dispensings: [{ ...served(0), packs: 2 }] },
    ]);
    const proposal = { ...asPrescribed(p, 1), lines: [{ lineId: 'L1', items: [{ cip13: cip('levothyrox75'), packs: 1 }] }] };
    const a = assess(p, proposal);
    expect(a.lines[1]).toMatchObject({
      status: 'NOT_DISPENSED',
      needsReason: false,
      deviationType: 'NONE',
      defaultReason: expect.stringContaining('non renouvelable'),
    });
    expect(a.blocking).toBe(false);
    expect(codes(assess(p, asPrescribed(p, 1)))).toContain('RENEWAL_NOT_ALLOWED');
    expect(
      assess(prescription([{ product: 'levothyrox75', repeats: 2, dispensings: [served(0), served(1), served(2)] }]), asPrescribed(p, 2))
        .proposedRenewal,
    ).toBeNull();
  });
});

describe('generic substitution', () => {
  const with1 = (product: SampleProductKey, extra = {}) =>
    prescription([{ product: 'clamoxyl1g', quantity: 2, durationDays: 6, ...extra }]);
  const swap = (p: ReturnType<typeof with1>, to: SampleProductKey, packs = 2): DispensingProposal => ({
    ...asPrescribed(p),
    lines: [{ lineId: 'L1', items: [{ cip13: cip(to), packs }] }],
  });

  it('inside the generic group: GENERIC_SUBSTITUTION, a reason, no agreement', () => {
    const a = assess(with1('clamoxyl1g'), swap(with1('clamoxyl1g'), 'amoxicilline1g'));
    expect(a.lines[0]).toMatchObject({ deviationType: 'GENERIC_SUBSTITUTION', needsReason: true, needsAgreement: false });
    expect(codes(a)).toEqual(['REASON_REQUIRED']);
    expect(a.lines[0]?.towardPrinceps).toBeUndefined();
  });
  it('the princeps for a prescribed generic: a substitution inside the group, said as a princeps dispensed, with its own reasons', () => {
    const p = prescription([{ product: 'amoxicilline1g', quantity: 2, durationDays: 6 }]);
    const a = assess(p, { ...asPrescribed(p), lines: [{ lineId: 'L1', items: [{ cip13: cip('clamoxyl1g'), packs: 2 }] }] });
    expect(a.lines[0]).toMatchObject({
      deviationType: 'GENERIC_SUBSTITUTION',
      towardPrinceps: true,
      needsAgreement: false,
      explanation: 'Princeps du même groupe délivré à la place du produit prescrit.',
    });
    expect(reasonsMatching('GENERIC_SUBSTITUTION', '', true)[0]).toMatch(/^Princeps demandé par le patient/);
    expect(reasonsMatching('GENERIC_SUBSTITUTION', '')[0]).toMatch(/^Substitution par le générique/);
  });
  it('a product of another group: OTHER, with the prescriber’s agreement', () => {
    const a = assess(with1('clamoxyl1g'), swap(with1('clamoxyl1g'), 'paracetamol1g'));
    expect(a.lines[0]).toMatchObject({ deviationType: 'OTHER', needsAgreement: true });
    expect(codes(a)).toEqual(expect.arrayContaining(['REASON_REQUIRED', 'AGREEMENT_REQUIRED']));
  });
  it.each(['MTE', 'EFG', 'CIF'] as const)('never on a non-substituable line (%s) without agreement', (reason) => {
    const p = prescription([{ product: 'levothyrox75', substitutable: false, nonSubstitutableReason: reason }]);
    const proposal: DispensingProposal = {
      ...asPrescribed(p),
      lines: [{ lineId: 'L1', items: [{ cip13: cip('levothyroxine75'), packs: 1 }] }],
      justifications: { L1: { reason: 'générique demandé' } },
    };
    const a = assess(p, proposal);
    expect(a.lines[0]).toMatchObject({ deviationType: 'GENERIC_SUBSTITUTION', needsAgreement: true });
    expect(a.issues).toContainEqual(expect.objectContaining({ code: 'AGREEMENT_REQUIRED', severity: 'blocking' }));
    const agreed = assess(p, {
      ...proposal,
      justifications: { L1: { reason: 'accord du médecin', agreement: { date: '2026-01-02', channel: 'TEL' } } },
    });
    expect(agreed.blocking).toBe(false);
  });
  it('a biosimilar for the reference biologic: BIOSIMILAR_SUBSTITUTION', () => {
    const p = prescription([{ product: 'humira40', durationDays: 28 }]);
    expect(
      assess(p, { ...asPrescribed(p), lines: [{ lineId: 'L1', items: [{ cip13: cip('amgevita40'), packs: 1 }] }] }).lines[0]?.deviationType,
    ).toBe('BIOSIMILAR_SUBSTITUTION');
  });
  it('the reference biologic for a prescribed biosimilar: outside the right, the prescriber’s agreement', () => {
    const p = prescription([{ product: 'amgevita40', durationDays: 28 }]);
    expect(
      assess(p, { ...asPrescribed(p), lines: [{ lineId: 'L1', items: [{ cip13: cip('humira40'), packs: 1 }] }] }).lines[0],
    ).toMatchObject({ deviationType: 'OTHER', needsAgreement: true });
  });
});

describe('large packs and quantity adaptation', () => {
  it('a 3-month treatment with a large pack available: warned, and LARGE_PACK when dispensed', () => {
    const p = prescription([{ product: 'ramipril5', durationDays: 90, quantity: 3 }]);
    const small = assess(p, { ...asPrescribed(p), lines: [{ lineId: 'L1', items: [{ cip13: cip('ramipril5'), packs: 1 }] }] });
    expect(small.issues).toContainEqual(
      expect.objectContaining({ code: 'LARGE_PACK_AVAILABLE', severity: 'warning', message: expect.stringContaining('boîte de 90') }),
    );
    const large = assess(p, { ...asPrescribed(p), lines: [{ lineId: 'L1', items: [{ cip13: cip('ramipril5x90'), packs: 1 }] }] });
    expect(large.lines[0]).toMatchObject({ deviationType: 'LARGE_PACK', status: 'DISPENSED', unitsRemainingAfter: 0, daysDispensed: 90 });
    expect(codes(large)).not.toContain('DURATION_EXCEEDED');
  });
  it('a 3-month treatment without a large pack: no warning', () => {
    const p = prescription([{ product: 'levothyrox75', durationDays: 90, quantity: 3 }]);
    expect(
      codes(assess(p, { ...asPrescribed(p), lines: [{ lineId: 'L1', items: [{ cip13: cip('levothyrox75'), packs: 1 }] }] })),
    ).not.toContain('LARGE_PACK_AVAILABLE');
  });
  it('more than prescribed is refused', () => {
    const p = prescription([{ product: 'paracetamol1g', quantity: 1 }]);
    expect(
      codes(assess(p, { ...asPrescribed(p), lines: [{ lineId: 'L1', items: [{ cip13: cip('paracetamol1g'), packs: 2 }] }] })),
    ).toContain('QUANTITY_EXCEEDED');
  });
  it('partial dispensing says what remains, counting earlier dispensings', () => {
    const p = prescription([
      { product: 'ventoline', quantity: 3, dispensings: [{ executionId: 'e', renewalNumber: 0, packs: 1, status: 'PARTIAL' }] },
    ]);
    const a = assess(p, { ...asPrescribed(p), lines: [{ lineId: 'L1', items: [{ cip13: cip('ventoline'), packs: 1 }] }] });
    expect(a.lines[0]).toMatchObject({
      status: 'PARTIAL',
      unitsServedBefore: 1,
      unitsRemainingAfter: 1,
      explanation: expect.stringContaining('reste 1 unité à délivrer'),
    });
    const rest = assess(p, { ...asPrescribed(p), lines: [{ lineId: 'L1', items: [{ cip13: cip('ventoline'), packs: 2 }] }] });
    expect(rest.lines[0]).toMatchObject({ status: 'DISPENSED', deviationType: 'NONE' });
  });
  it('a line left out needs its reason; typing SHORTAGE is accepted', () => {
    const p = prescription([{ product: 'paracetamol1g' }, { product: 'omeprazole20' }]);
    const proposal: DispensingProposal = { ...asPrescribed(p), lines: [asPrescribed(p).lines[0]!] };
    expect(codes(assess(p, proposal))).toEqual(['REASON_REQUIRED']);
    const justified = assess(p, { ...proposal, justifications: { L2: { type: 'SHORTAGE', reason: 'rupture fabricant' } } });
    expect(justified.lines[1]).toMatchObject({ deviationType: 'SHORTAGE', status: 'NOT_DISPENSED' });
    expect(justified.blocking).toBe(false);
  });
});

describe('a posology changed with the prescriber', () => {
  it('may be declared on a line dispensed as prescribed, and then needs its reason and the agreement', () => {
    const p = prescription([{ product: 'paracetamol1g' }]);
    const declared = (j: object) => assess(p, { ...asPrescribed(p), justifications: { L1: { type: 'POSOLOGY_CHANGED', ...j } } });
    expect(declared({}).lines[0]).toMatchObject({ deviationType: 'POSOLOGY_CHANGED', needsReason: true, needsAgreement: true });
    expect(codes(declared({}))).toEqual(['REASON_REQUIRED', 'AGREEMENT_REQUIRED']);
    const agreed = declared({ reason: '2 comprimés le soir', agreement: { date: '2026-01-02', channel: 'MSSANTE' } });
    expect(agreed.blocking).toBe(false);
    const [line] = toExecutionLines(agreed, {
      ...asPrescribed(p),
      justifications: {
        L1: { type: 'POSOLOGY_CHANGED', reason: '2 comprimés le soir', agreement: { date: '2026-01-02', channel: 'MSSANTE' } },
      },
    });
    expect(line?.deviation).toEqual({
      type: 'POSOLOGY_CHANGED',
      reason: '2 comprimés le soir',
      prescriberAgreement: { date: '2026-01-02', channel: 'MSSANTE' },
    });
  });
});

describe('the patient at the counter', () => {
  const p = prescription([{ product: 'paracetamol1g' }]);
  it('a mismatch is a hard stop…', () => {
    expect(assess(p, { ...asPrescribed(p), counterPatient: { nir: '185077512345608' } }).issues).toContainEqual(
      expect.objectContaining({ code: 'PATIENT_MISMATCH', severity: 'blocking' }),
    );
  });
  it('…that only a recorded reason lifts', () => {
    const a = assess(p, {
      ...asPrescribed(p),
      counterPatient: { nir: '185077512345608' },
      patientOverrideReason: 'ayant droit : conjoint',
    });
    expect(a.blocking).toBe(false);
    expect(codes(a)).toEqual(['PATIENT_OVERRIDE']);
  });
});

describe('products missing from the local catalogue', () => {
  it('warn, never block', () => {
    const p = prescription([{ product: 'paracetamol1g' }]);
    const unknown = { ...p, lines: [{ ...p.lines[0]!, product: { cip13: '3400939999998', label: 'PRODUIT INCONNU' } }] };
    const a = assess(unknown, asPrescribed(unknown));
    expect(a.blocking).toBe(false);
    expect(a.issues).toEqual([expect.objectContaining({ code: 'PRODUCT_UNKNOWN', severity: 'warning' })]);
    expect(a.lines[0]?.deviationType).toBe('NONE');
  });
  it('a pack whose count of units the base does not give: warned by name, never blocked', () => {
    const p = prescription([{ product: 'kardegic75', unitsPerPack: null }]);
    const withoutUnits = factsFromList(
      Object.values(SAMPLE_PRODUCTS).map((x) => ({ ...sampleFacts(x), packSize: x.cip13 === cip('kardegic75') ? null : x.packSize })),
    );
    const a = assessDispensing({ prescription: p, today: addDays(ISSUED, 1), products: withoutUnits }, asPrescribed(p));
    expect(a.blocking).toBe(false);
    expect(a.issues).toEqual([
      expect.objectContaining({
        code: 'UNITS_UNKNOWN',
        severity: 'warning',
        message: expect.stringContaining(SAMPLE_PRODUCTS.kardegic75.label),
      }),
    ]);
    // The prescription says how many units its pack holds: nothing to warn about.
    const declared = prescription([{ product: 'kardegic75' }]);
    expect(
      assessDispensing({ prescription: declared, today: addDays(ISSUED, 1), products: withoutUnits }, asPrescribed(declared)).issues,
    ).toEqual([]);
  });
});

describe('properties', () => {
  const keys = Object.keys(SAMPLE_PRODUCTS) as SampleProductKey[];
  // Any duration and pack: no 30-day cap (a 90-unit pack for 90 days is the commonest chronic case).
  const lineArb = fc.record({
    product: fc.constantFrom(...keys),
    quantity: fc.integer({ min: 1, max: 6 }),
    durationDays: fc.integer({ min: 1, max: 366 }),
    repeats: fc.integer({ min: 0, max: 12 }),
    substitutable: fc.boolean(),
    unitsPerPack: fc.option(fc.integer({ min: 1, max: 120 })),
  });

  it('a dispensing identical to the prescription never produces a deviation', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 5 }), fc.integer({ min: 0, max: 3 }), (specs, day) => {
        const p = prescription(specs.map((s) => ({ ...s, nonSubstitutableReason: s.substitutable ? null : 'MTE' })));
        const a = assess(p, asPrescribed(p), addDays(ISSUED, day));
        expect(
          a.lines.every((l) => l.deviationType === 'NONE' && !l.needsReason && l.status === 'DISPENSED' && l.unitsRemainingAfter === 0),
        ).toBe(true);
        expect(codes(a)).not.toContain('QUANTITY_EXCEEDED');
      }),
    );
  });

  it('every deviation type produced is one of the téléservice contract, and execution lines validate', () => {
    fc.assert(
      fc.property(
        fc.array(lineArb, { minLength: 1, maxLength: 4 }),
        fc.array(fc.record({ to: fc.constantFrom(...keys), packs: fc.integer({ min: 0, max: 5 }) }), { minLength: 4, maxLength: 4 }),
        (specs, changes) => {
          const p = prescription(specs.map((s) => ({ ...s, nonSubstitutableReason: s.substitutable ? null : 'CIF' })));
          const proposal: DispensingProposal = {
            renewalNumber: 0,
            counterPatient: null,
            lines: p.lines.map((l, i) => ({ lineId: l.lineId, items: [{ cip13: cip(changes[i]!.to), packs: changes[i]!.packs }] })),
          };
          const a = assess(p, proposal);
          for (const l of a.lines) expect(DEVIATION_TYPES).toContain(l.deviationType);
          for (const el of toExecutionLines(a, proposal)) expect(executionLineSchema.safeParse(el).success).toBe(true);
        },
      ),
    );
  });
});
