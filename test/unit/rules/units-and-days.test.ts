import { describe, expect, it } from 'vitest';
import { assessDispensing } from '../../../src/shared/rules/assess-dispensing.js';
import { addDays, addMonths } from '../../../src/shared/rules/calendar.js';
import type { DispensingProposal } from '../../../src/shared/rules/dispensing-types.js';
import type { DispensingSummary, Prescription } from '../../../src/shared/teleservice/schemas.js';
import { ISSUED, asPrescribed, cip, prescription, products } from '../../helpers/rules-fixture.js';

type P = ReturnType<typeof prescription>;
const assess = (p: P, proposal: DispensingProposal, today = addDays(ISSUED, 1)) =>
  assessDispensing({ prescription: p, today, products }, proposal);
const codes = (a: ReturnType<typeof assess>) => a.issues.map((i) => i.code);
const blockingCodes = (a: ReturnType<typeof assess>) => a.issues.filter((i) => i.severity === 'blocking').map((i) => i.code);
const items = (p: P, ...list: [Parameters<typeof cip>[0], number][]): DispensingProposal => ({
  ...asPrescribed(p),
  lines: [{ lineId: 'L1', items: list.map(([k, packs]) => ({ cip13: cip(k), packs })) }],
});
/** A dispensing the server reports for a renewal, dispensed on that day (noon in Paris). */
const served = (renewalNumber: number, units: number, day: number, extra: Partial<DispensingSummary> = {}): DispensingSummary => ({
  executionId: `e${renewalNumber}-${day}`,
  renewalNumber,
  packs: 1,
  units,
  status: 'DISPENSED',
  dispensedAt: `${addDays(ISSUED, day)}T12:00:00+01:00`,
  ...extra,
});

describe('validity: the first dispensing within 3 months, whatever validUntil says', () => {
  const limit = addMonths(ISSUED, 3);
  it.each([
    ['a validUntil beyond 3 months', addMonths(ISSUED, 6), limit],
    ['an earlier validUntil', addDays(ISSUED, 20), addDays(ISSUED, 20)],
  ])('%s: the earlier of the two is the last day', (_, validUntil, last) => {
    const p = prescription([{ product: 'amoxicilline1g', durationDays: 6, quantity: 2 }], { validUntil });
    expect(codes(assess(p, asPrescribed(p), last))).not.toContain('EXPIRED');
    expect(assess(p, asPrescribed(p), addDays(last, 1)).issues).toContainEqual(
      expect.objectContaining({ code: 'EXPIRED', severity: 'blocking' }),
    );
  });
});

describe('a 90-unit pack prescribed for 90 days', () => {
  it.each([0, 2])('dispensed as prescribed (%i renewals): no deviation, nothing blocks', (repeats) => {
    const p = prescription([{ product: 'metformine1000x90', durationDays: 90, quantity: 1, repeats }]);
    const a = assess(p, asPrescribed(p));
    expect(a.lines[0]).toMatchObject({
      deviationType: 'NONE',
      status: 'DISPENSED',
      unitsDispensed: 90,
      daysDispensed: 90,
      unitsRemainingAfter: 0,
    });
    expect(a.blocking).toBe(false);
  });

  it('3 × 30 for 1 × 90: the same units serve it in full (QUANTITY_ADAPTED, a reason)', () => {
    const p = prescription([{ product: 'metformine1000x90', durationDays: 90, quantity: 1 }]);
    const a = assess(p, items(p, ['metformine1000', 3]));
    expect(a.lines[0]).toMatchObject({ deviationType: 'QUANTITY_ADAPTED', status: 'DISPENSED', unitsDispensed: 90, itemUnits: [90] });
    expect(blockingCodes(a)).toEqual(['REASON_REQUIRED']);
  });

  it('1 × 30 for 1 × 90: partial, 60 units and 60 days still due — never « served »', () => {
    const p = prescription([{ product: 'metformine1000x90', durationDays: 90, quantity: 1 }]);
    const a = assess(p, items(p, ['metformine1000', 1]));
    expect(a.lines[0]).toMatchObject({
      status: 'PARTIAL',
      unitsRemainingAfter: 60,
      daysRemainingAfter: 60,
      explanation: expect.stringContaining('reste 60 unités'),
    });
  });

  it('counts the same way on a prescription without unitsPerPack (older data), from the catalogue’s pack sizes', () => {
    const p = prescription([{ product: 'metformine1000x90', durationDays: 90, quantity: 1, unitsPerPack: null }]);
    // The server counts such a line in prescribed packs: 3 × 30 is one pack of 90.
    expect(assess(p, items(p, ['metformine1000', 3])).lines[0]).toMatchObject({ status: 'DISPENSED', unitsDispensed: 90, itemUnits: [1] });
    const partial = assess(p, items(p, ['metformine1000', 1]));
    expect(partial.lines[0]).toMatchObject({ status: 'PARTIAL', unitsRemainingAfter: 60 });
    // A third of a prescribed pack cannot be said to that server: the workstation says so rather than lose 60 days.
    expect(partial.issues).toContainEqual(expect.objectContaining({ code: 'UNITS_NOT_TRANSMISSIBLE', severity: 'blocking' }));
  });
});

describe('a large pack for a 30-unit line renewable twice', () => {
  const p = prescription([{ product: 'metformine1000', durationDays: 30, quantity: 1, repeats: 2 }]);
  it('one 90-unit pack serves renewals 0, 1 and 2 (LARGE_PACK): nothing left due', () => {
    const a = assess(p, items(p, ['metformine1000x90', 1]));
    expect(a.lines[0]).toMatchObject({
      deviationType: 'LARGE_PACK',
      status: 'DISPENSED',
      renewalsCovered: [1, 2],
      itemUnits: [90],
      daysDispensed: 90,
    });
    expect(blockingCodes(a)).toEqual(['REASON_REQUIRED']);
  });
  it('a month’s treatment alone has no large pack to speak of: the same units in small packs exceed the renewal', () => {
    expect(codes(assess(p, items(p, ['metformine1000', 3])))).toContain('QUANTITY_EXCEEDED');
  });
  it('without renewals a 30-day line is no long treatment: the 90-unit pack is refused', () => {
    const short = prescription([{ product: 'metformine1000', durationDays: 30, quantity: 1 }]);
    expect(codes(assess(short, items(short, ['metformine1000x90', 1])))).toContain('QUANTITY_EXCEEDED');
  });
  it('a renewal already served by the large pack is refused as such', () => {
    const after = prescription([
      {
        product: 'metformine1000',
        durationDays: 30,
        quantity: 1,
        repeats: 2,
        dispensings: [
          served(0, 30, 0),
          served(1, 30, 0, { coveredBy: 'LARGE_PACK', executionId: 'e0-0', packs: 0 }),
          served(2, 30, 0, { coveredBy: 'LARGE_PACK', executionId: 'e0-0', packs: 0 }),
        ],
      },
    ]);
    const a = assess(after, asPrescribed(after, 1), addDays(ISSUED, 95));
    expect(a.issues).toContainEqual(
      expect.objectContaining({ code: 'ALREADY_DISPENSED', message: expect.stringContaining('grand conditionnement') }),
    );
    expect(a.proposedRenewal).toBeNull();
  });
});

describe('stupéfiants', () => {
  const skenan = (extra: Omit<Parameters<typeof prescription>[0][number], 'product'>, more: Partial<Prescription> = {}) =>
    prescription([{ product: 'skenan30', ...extra }], more);
  it.each([
    [28, false],
    [29, true],
  ])('prescribed for %i days: refused beyond 28 = %s', (durationDays, refused) => {
    const p = skenan({ durationDays, quantity: 1 });
    expect(codes(assess(p, items(p, ['skenan30', 1]))).includes('STUPS_DURATION_EXCEEDED')).toBe(refused);
  });

  it('recognised when marked narcotic, or on an ordonnance sécurisée, not only from the catalogue', () => {
    const marked = prescription([{ product: 'paracetamol1g', durationDays: 30, quantity: 1, narcotic: true }]);
    expect(codes(assess(marked, asPrescribed(marked)))).toContain('STUPS_DURATION_EXCEEDED');
    const secure = {
      ...marked,
      kind: 'SECURISEE' as const,
      lines: [{ ...marked.lines[0]!, narcotic: false, product: { cip13: '3400939999998', label: 'INCONNU' } }],
    };
    expect(codes(assess(secure, asPrescribed(secure)))).toContain('STUPS_DURATION_EXCEEDED');
  });

  it('never renewable', () => {
    const p = skenan({ durationDays: 14, quantity: 2, repeats: 1, dispensings: [served(0, 28, 0)] });
    expect(codes(assess(p, asPrescribed(p, 1), addDays(ISSUED, 15)))).toContain('STUPS_NOT_RENEWABLE');
  });

  it('day 3 in full, day 4 only the days left (10 of 14)', () => {
    const p = skenan({ durationDays: 14, quantity: 2 });
    expect(assess(p, asPrescribed(p), addDays(ISSUED, 3)).blocking).toBe(false);
    const day4 = assess(p, asPrescribed(p), addDays(ISSUED, 4));
    expect(day4.issues).toContainEqual(
      expect.objectContaining({ code: 'STUPS_WINDOW_EXCEEDED', message: expect.stringContaining('10 jours') }),
    );
  });

  it('counts the days already served: half dispensed on day 0, the rest within 3 days of its end, or only what is left after', () => {
    const p = skenan({ durationDays: 14, quantity: 2, dispensings: [served(0, 14, 0, { status: 'PARTIAL' })] });
    // The first half lasts until day 7: the second is served in full until day 10…
    const day10 = assess(p, items(p, ['skenan30', 1]), addDays(ISSUED, 10));
    expect(day10.lines[0]).toMatchObject({ status: 'DISPENSED', unitsDispensed: 14, deviationType: 'NONE' });
    expect(blockingCodes(day10)).toEqual([]);
    // …on day 11 only 7 − 4 = 3 days remain of that period.
    const day11 = assess(p, items(p, ['skenan30', 1]), addDays(ISSUED, 11));
    expect(day11.issues).toContainEqual(
      expect.objectContaining({ code: 'STUPS_WINDOW_EXCEEDED', message: expect.stringContaining('3 jours') }),
    );
  });

  it('by fractions: never more than a fraction at once, and the next one in full within 3 days of the previous end', () => {
    const p = skenan({ durationDays: 28, quantity: 4, fractionDays: 7 });
    expect(codes(assess(p, items(p, ['skenan30', 2]), ISSUED))).toContain('STUPS_WINDOW_EXCEEDED');
    const first = assess(p, items(p, ['skenan30', 1]), ISSUED);
    expect(blockingCodes(first)).toEqual(['REASON_REQUIRED']);
    expect(first.lines[0]).toMatchObject({ status: 'PARTIAL', daysDispensed: 7, unitsRemainingAfter: 42 });
    const next = skenan({ durationDays: 28, quantity: 4, fractionDays: 7, dispensings: [served(0, 14, 0, { status: 'PARTIAL' })] });
    expect(blockingCodes(assess(next, items(next, ['skenan30', 1]), addDays(ISSUED, 10)))).toEqual(['REASON_REQUIRED']);
    expect(codes(assess(next, items(next, ['skenan30', 1]), addDays(ISSUED, 11)))).toContain('STUPS_WINDOW_EXCEEDED');
  });
});

describe('renewals: in order, and never overlapping silently', () => {
  const served0 = (day: number) =>
    prescription([{ product: 'levothyrox75', durationDays: 30, quantity: 1, repeats: 2, dispensings: [served(0, 30, day)] }]);
  it('a renewal the same day as the previous dispensing asks the reason of the chevauchement', () => {
    const p = served0(0);
    const same = assess(p, asPrescribed(p, 1), ISSUED);
    expect(same.issues).toContainEqual(
      expect.objectContaining({
        code: 'OVERLAP_REASON_REQUIRED',
        severity: 'blocking',
        message: expect.stringContaining('jusqu’au 31/01/2026'),
      }),
    );
    const withReason = assess(p, { ...asPrescribed(p, 1), overlapReason: 'départ en vacances' }, ISSUED);
    expect(withReason.blocking).toBe(false);
    expect(codes(withReason)).toContain('OVERLAP');
  });
  it('after the days ran out: nothing to say', () => {
    const p = served0(0);
    expect(codes(assess(p, asPrescribed(p, 1), addDays(ISSUED, 30)))).toEqual([]);
    expect(codes(assess(p, asPrescribed(p, 1), addDays(ISSUED, 29)))).toContain('OVERLAP_REASON_REQUIRED');
  });
  it('a renewal typed out of order is refused, naming the one still due', () => {
    const p = served0(0);
    expect(assess(p, asPrescribed(p, 2), addDays(ISSUED, 40)).issues).toContainEqual(
      expect.objectContaining({ code: 'RENEWAL_OUT_OF_ORDER', message: expect.stringContaining('le n° 1') }),
    );
  });
  it('a line closed « not dispensed » at the server is settled: the next renewal is proposed', () => {
    const p = prescription([
      {
        product: 'levothyrox75',
        durationDays: 30,
        quantity: 1,
        repeats: 2,
        dispensings: [served(0, 0, 0, { status: 'NOT_DISPENSED', packs: 0 })],
      },
    ]);
    expect(assess(p, asPrescribed(p, 1), addDays(ISSUED, 1)).proposedRenewal).toBe(1);
  });
});

describe('a médicament d’exception', () => {
  it('says what the form needs, and waits for the pharmacist’s confirmation', () => {
    const p = prescription([{ product: 'humira40', durationDays: 28, quantity: 1 }], { kind: 'EXCEPTION' });
    expect(assess(p, asPrescribed(p)).issues).toContainEqual(
      expect.objectContaining({ code: 'EXCEPTION_FORM', severity: 'blocking', message: expect.stringContaining('formulaire') }),
    );
    expect(assess(p, { ...asPrescribed(p), exceptionConfirmed: true }).blocking).toBe(false);
  });
});

describe('the patient known by name and birth date only', () => {
  const p = prescription([{ product: 'paracetamol1g' }]);
  it('is compared by name and birth date, accents and case aside', () => {
    const same = { nir: null, lastName: 'durand', firstName: 'LEA', birthDate: '1979-03-12' };
    expect(codes(assess(p, { ...asPrescribed(p), counterPatient: same }))).not.toContain('PATIENT_MISMATCH');
    expect(codes(assess(p, { ...asPrescribed(p), counterPatient: { ...same, birthDate: '1980-03-12' } }))).toContain('PATIENT_MISMATCH');
  });
});

describe('a conditionnement trimestriel for a 3-month treatment, whatever the number of boxes (#23.4)', () => {
  it('2 × 90 metformin for 2 × 30 renewable twice: served in full with its renewals (LARGE_PACK), nothing blocks but the reason', () => {
    const p = prescription([{ product: 'metformine1000', durationDays: 30, quantity: 2, repeats: 2 }]);
    const a = assess(p, items(p, ['metformine1000x90', 2]));
    expect(a.lines[0]).toMatchObject({ deviationType: 'LARGE_PACK', unitsDispensed: 180, daysDispensed: 90, renewalsCovered: [1, 2] });
    expect(blockingCodes(a)).toEqual(['REASON_REQUIRED']);
  });

  it('but never more than the 3 months prescribed: 3 × 90 is refused', () => {
    const p = prescription([{ product: 'metformine1000', durationDays: 30, quantity: 2, repeats: 2 }]);
    expect(blockingCodes(assess(p, items(p, ['metformine1000x90', 3])))).toContain('QUANTITY_EXCEEDED');
  });

  it('not for a one-month treatment: 1 × 90 for 2 × 30 without renewal exceeds it', () => {
    const p = prescription([{ product: 'metformine1000', durationDays: 30, quantity: 2 }]);
    expect(blockingCodes(assess(p, items(p, ['metformine1000x90', 1])))).toContain('QUANTITY_EXCEEDED');
  });
});
