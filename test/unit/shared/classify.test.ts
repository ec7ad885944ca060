import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyCode } from '../../../src/shared/codes/classify.js';
import { classifiedCodeSchema } from '../../../src/shared/codes/code-kinds.js';
import { displayText } from '../../../src/shared/codes/display-text.js';

const GS = '\u001d';

describe('classifyCode', () => {
  it('reads an e-prescription id, with or without the QR AIM prefix', () => {
    expect(classifyCode('013XJ9K2M4P6R8T0V0')).toEqual({
      kind: 'eprescription',
      text: '013XJ9K2M4P6R8T0V0',
      aim: null,
      id: '013XJ9K2M4P6R8T0V0',
    });
    expect(classifyCode(']Q1013XJ9K2M4P6R8T0V0')).toMatchObject({ kind: 'eprescription', aim: ']Q1' });
    expect(classifyCode('013XJ9K2M4P6R8T0V0\r\n')).toMatchObject({ kind: 'eprescription' });
  });

  it('says BAD_CHECK_CHARACTER for an id-shaped read whose check fails', () => {
    expect(classifyCode('013XJ9K2M4P6R8T0V1')).toMatchObject({ kind: 'unknown', reason: 'BAD_CHECK_CHARACTER' });
  });

  it('refuses the printed form and lower case as not an id', () => {
    expect(classifyCode('013X-J9K2-M4P6-R8T0-V0').kind).toBe('unknown');
    expect(classifyCode('013xj9k2m4p6r8t0v0').kind).toBe('unknown');
  });

  it('reads an ApCV payload', () => {
    const nonce = 'ABCDEFGHJKMNPQRSTVWXYZ0123';
    expect(classifyCode(`APCV1:${nonce}:1790000000`)).toMatchObject({ kind: 'apcv', nonce, expiresAt: 1790000000 });
    expect(classifyCode(`APCV1:${nonce.slice(1)}:1790000000`)).toMatchObject({ kind: 'unknown', reason: 'APCV_MALFORMED' });
    expect(classifyCode(`APCV1:${nonce.slice(1)}U:1790000000`)).toMatchObject({ kind: 'unknown', reason: 'APCV_MALFORMED' });
    expect(classifyCode(`APCV1:${nonce}:`)).toMatchObject({ kind: 'unknown', reason: 'APCV_MALFORMED' });
  });

  it('reads a tiers-payant certificate', () => {
    const text = 'ATP1|AMC=12345678|CONV=AB|CSR=01|ADH=123456789012345|DU=20260101|AU=20261231';
    expect(classifyCode(text)).toMatchObject({
      kind: 'tiers-payant',
      amc: '12345678',
      conv: 'AB',
      csr: '01',
      adh: '123456789012345',
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
    });
    expect(classifyCode(text.replace('AMC=12345678', 'AMC=1234567'))).toMatchObject({ reason: 'TIERS_PAYANT_MALFORMED' });
    expect(classifyCode(text.replace('DU=20260101', 'DU=20260231'))).toMatchObject({ reason: 'TIERS_PAYANT_MALFORMED' });
    expect(classifyCode(text.replace('ADH=123456789012345', 'ADH=1234567890123456'))).toMatchObject({ reason: 'TIERS_PAYANT_MALFORMED' });
  });

  it('reads the mutuelle’s cover per rate when the certificate gives it (PH7, PH4, PH2, PH1; absent: 100)', () => {
    const text = 'ATP1|AMC=12345678|CONV=AB|CSR=01|ADH=1|DU=20260101|AU=20261231';
    expect(classifyCode(text)).toMatchObject({ cover: { ph7: 100, ph4: 100, ph2: 100, ph1: 100 } });
    expect(classifyCode(`${text}|PH7=100|PH4=50|PH2=0`)).toMatchObject({
      kind: 'tiers-payant',
      cover: { ph7: 100, ph4: 50, ph2: 0, ph1: 100 },
    });
    for (const bad of ['|PH7=101', '|PH7=50|PH7=60', '|PH3=10', '|PH7=', '|PH7=5a'])
      expect(classifyCode(text + bad)).toMatchObject({ kind: 'unknown', reason: 'TIERS_PAYANT_MALFORMED' });
  });

  it('reads a GS1 medicine pack with or without AIM and GS', () => {
    const data = `01034009300000141729050010A1B2C3${GS}210000000001`;
    const expected = {
      kind: 'medicine-pack',
      gtin: '03400930000014',
      cip13: '3400930000014',
      expiry: '2029-05-31',
      batch: 'A1B2C3',
      serial: '0000000001',
    };
    expect(classifyCode(data)).toMatchObject({ ...expected, aim: null });
    expect(classifyCode(`]d2${data}`)).toMatchObject({ ...expected, aim: ']d2' });
    expect(classifyCode(`${GS}${data}`)).toMatchObject(expected);
    expect(classifyCode('0103400930000014172905151021SERIAL9')).toMatchObject({
      kind: 'medicine-pack',
      expiry: '2029-05-15',
      batch: '21SERIAL9',
      serial: null,
    });
    expect(classifyCode('01034009300000141729051521SERIAL9')).toMatchObject({ kind: 'medicine-pack', batch: null, serial: 'SERIAL9' });
    expect(classifyCode(`0103400930000014211234${GS}10LOT${GS}17290531`)).toMatchObject({
      serial: '1234',
      batch: 'LOT',
      expiry: '2029-05-31',
    });
    expect(classifyCode('010340093000001417290200')).toMatchObject({ expiry: '2029-02-28' });
    expect(classifyCode('010340093000001417280200')).toMatchObject({ expiry: '2028-02-29' });
  });

  it('refuses broken packs with a reason', () => {
    expect(classifyCode('01034009300000151729050010A1')).toMatchObject({ kind: 'unknown', reason: 'BAD_CHECK_CHARACTER' });
    expect(classifyCode('0100000000000000')).toMatchObject({ kind: 'unknown', reason: 'GS1_NOT_A_MEDICINE_PACK' });
    expect(classifyCode('01034009300000141729130010A1')).toMatchObject({ kind: 'unknown', reason: 'GS1_BAD_FIELD' });
    expect(classifyCode(`010340093000001410${'X'.repeat(21)}`)).toMatchObject({ reason: 'GS1_BAD_FIELD' });
    expect(classifyCode(']d2010340093000001499')).toMatchObject({ reason: 'GS1_BAD_FIELD' });
    expect(classifyCode(']d201034009300000148000')).toMatchObject({ reason: 'GS1_UNKNOWN_AI' });
  });

  it('recognises the INS 2D-Doc and refuses it as a prescription', () => {
    expect(classifyCode('DC04FR0000011E4A1E4A0101FR').kind).toBe('ins-document');
  });

  it.each([
    ['', 'EMPTY'],
    ['<script>alert(1)</script>', 'UNRECOGNIZED'],
    ['https://qr.example.invalid/v1?id=ABCDEF0123456789&t=QWZAM-42', 'UNRECOGNIZED'],
    ['013XJ9K2M4P6R8T0V0\u0000', 'CONTROL_CHARACTERS'],
    ['abc\u202edef', 'CONTROL_CHARACTERS'],
    ['bad \ufffd utf-8', 'INVALID_ENCODING'],
    ['A'.repeat(5000), 'TOO_LONG'],
  ])('classifies %j as unknown (%s)', (text, reason) => {
    expect(classifyCode(text)).toMatchObject({ kind: 'unknown', reason });
  });

  it('never throws and always answers a valid shape, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary' }),
          fc.constantFrom(']d201', ']Q1', 'APCV1:', 'ATP1|', 'DC0').chain((p) => fc.string().map((s) => p + s)),
        ),
        (text) => {
          const code = classifyCode(text);
          expect(classifiedCodeSchema.safeParse(code).success).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('never lets control or bidi characters through to display', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        const shown = displayText(classifyCode(text).text);
        // eslint-disable-next-line no-control-regex
        expect(shown).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
        expect(shown.length).toBeLessThanOrEqual(121);
      }),
      { numRuns: 3000 },
    );
  });
});
