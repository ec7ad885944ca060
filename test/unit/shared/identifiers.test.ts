import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidCip13, makeCip13 } from '../../../src/shared/ids/cip13.js';
import { CROCKFORD_ALPHABET } from '../../../src/shared/ids/crockford.js';
import { isValidNir, nirKey } from '../../../src/shared/ids/nir.js';
import {
  formatPrescriptionId,
  isValidPrescriptionId,
  makePrescriptionId,
  normalizeTypedPrescriptionId,
  prescriptionCheckChar,
  prescriptionIdProblem,
} from '../../../src/shared/ids/prescription-id.js';
import { isValidFiness, isValidRpps } from '../../../src/shared/ids/professional.js';

describe('prescription id (Luhn mod 32)', () => {
  it.each(['013XJ9K2M4P6R8T0V0', '010000000000000ABZ', '01M9S346Q3D25VT4FZ', '015V37E3S3E28JT97C', '01KB6CQ643DZVMXXQA'])(
    'accepts the spec example %s',
    (id) => {
      expect(isValidPrescriptionId(id)).toBe(true);
    },
  );

  it('catches every single-character substitution', () => {
    const id = '013XJ9K2M4P6R8T0V0';
    for (let i = 2; i < 18; i++) {
      for (const c of CROCKFORD_ALPHABET) {
        if (c === id[i]) continue;
        const changed = id.slice(0, i) + c + id.slice(i + 1);
        expect(isValidPrescriptionId(changed), changed).toBe(false);
      }
    }
  });

  it('catches adjacent transpositions of distinct characters in the body, but 0↔Z, as Luhn mod N cannot', () => {
    // Like 0↔9 for the decimal Luhn, the values 0 and N−1 (here '0' and 'Z') swap unseen.
    const id = makePrescriptionId('00000000Z000000');
    expect(id.slice(10, 12)).toBe('Z0');
    expect(isValidPrescriptionId(`${id.slice(0, 10)}0Z${id.slice(12)}`)).toBe(true);
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...CROCKFORD_ALPHABET), minLength: 15, maxLength: 15 }),
        fc.integer({ min: 2, max: 15 }),
        (body, i) => {
          const id = makePrescriptionId(body);
          if (id[i] === id[i + 1] || [id[i], id[i + 1]].sort().join('') === '0Z') return;
          const swapped = id.slice(0, i) + id[i + 1] + id[i] + id.slice(i + 2);
          expect(isValidPrescriptionId(swapped)).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('tells a bad check character from a bad format', () => {
    expect(prescriptionIdProblem('013XJ9K2M4P6R8T0V1')).toBe('BAD_CHECK_CHARACTER');
    expect(prescriptionIdProblem('023XJ9K2M4P6R8T0V0')).toBe('FORMAT');
    expect(prescriptionIdProblem('013XJ9K2M4P6R8T0V')).toBe('FORMAT');
    expect(prescriptionIdProblem('013XJ9K2M4P6R8T0VU')).toBe('FORMAT');
    expect(prescriptionIdProblem('013xj9k2m4p6r8t0v0')).toBe('FORMAT');
  });

  it('computes the check character as the spec defines it', () => {
    expect(prescriptionCheckChar('010000000000000AB')).toBe('Z');
    expect(() => prescriptionCheckChar('01I')).toThrow(RangeError);
  });

  it('normalises the printed number typed by hand', () => {
    expect(normalizeTypedPrescriptionId(' 013x-j9k2-m4p6-r8t0-v0 ')).toBe('013XJ9K2M4P6R8T0V0');
    expect(normalizeTypedPrescriptionId('O13X J9K2 M4P6 R8TO VO')).toBe('013XJ9K2M4P6R8T0V0');
    expect(normalizeTypedPrescriptionId('0lIX')).toBe('011X');
    expect(normalizeTypedPrescriptionId('013X-J9K2-M4P6-R8T0-U0')).toBeNull();
    expect(normalizeTypedPrescriptionId('013X<script>')).toBeNull();
    expect(normalizeTypedPrescriptionId('   ')).toBeNull();
  });

  it('prints in groups of four', () => {
    expect(formatPrescriptionId('013XJ9K2M4P6R8T0V0')).toBe('013X-J9K2-M4P6-R8T0-V0');
  });
});

describe('NIR, RPPS, FINESS, CIP13', () => {
  it('checks the NIR key, Corsica included', () => {
    expect(nirKey('2790351215189')).toBe('89');
    expect(isValidNir('279035121518989')).toBe(true);
    expect(isValidNir('279035121518988')).toBe(false);
    const corsica = '185052A123456';
    const key = nirKey(corsica);
    expect(key).toBe(String(97 - Number(BigInt('1850519123456') % 97n)).padStart(2, '0'));
    expect(isValidNir(corsica + key)).toBe(true);
    expect(nirKey('18505 2A12345')).toBeNull();
  });

  it('checks RPPS with Luhn', () => {
    expect(isValidRpps('10003456786')).toBe(true);
    expect(isValidRpps('10001234565')).toBe(true);
    expect(isValidRpps('10001234567')).toBe(false);
    expect(isValidRpps('1000345678')).toBe(false);
  });

  it('checks FINESS shape', () => {
    expect(isValidFiness('750012345')).toBe(true);
    expect(isValidFiness('75001234')).toBe(false);
  });

  it('checks CIP13 prefix and EAN-13 key', () => {
    expect(isValidCip13('3400930000014')).toBe(true);
    expect(isValidCip13('3400930000015')).toBe(false);
    expect(isValidCip13('3500930000014')).toBe(false);
    expect(isValidCip13(makeCip13('340093012345'))).toBe(true);
  });
});
