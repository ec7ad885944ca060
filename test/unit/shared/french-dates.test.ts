import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTariffFile } from '../../../src/shared/billing/tariffs.js';
import { isIsoDate } from '../../../src/shared/rules/calendar.js';
import { calendarDate } from '../../../src/shared/teleservice/schemas.js';
import { formatDateFr, maskDateFr, parseDateFr } from '../../../src/shared/format/fr.js';

describe('dates typed the French way', () => {
  it.each([
    ['01/06/2015', '2015-06-01'],
    ['1/6/2015', '2015-06-01'],
    ['29/02/2024', '2024-02-29'],
    ['29/02/2023', null],
    ['31/04/2026', null],
    ['00/01/2026', null],
    ['12/31/2026', null],
    ['2026-01-01', null],
    ['01/01/26', null],
  ])('reads « %s » as %s', (text, iso) => expect(parseDateFr(text)).toBe(iso));

  it.each([
    ['01062015', '01/06/2015'],
    ['311', '31/1'],
    ['31/', '31/'],
    ['1/6/2015', '1/6/2015'],
    ['3112202799', '31/12/2027'],
    ['ab12', '12'],
  ])('shows « %s » as « %s » while typing', (typed, shown) => expect(maskDateFr(typed)).toBe(shown));

  it('gives back every real date it shows, digit by digit as typed', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        let shown = '';
        for (const digit of formatDateFr(iso).replace(/\//g, '')) shown = maskDateFr(shown + digit);
        expect(shown).toBe(formatDateFr(iso));
        expect(parseDateFr(shown)).toBe(iso);
      }),
    );
  });
});

describe('French counts and names', () => {
  it('« 1 unité », « 0 unité », « 2 unités », « 1,5 jour », « 2,5 jours »', async () => {
    const { plural } = await import('../../../src/shared/format/fr.js');
    expect([
      plural(1, 'unité'),
      plural(0, 'unité'),
      plural(2, 'unité'),
      plural(1.5, 'jour'),
      plural(2.5, 'jour'),
      plural(-2, 'boîte'),
    ]).toEqual(['1 unité', '0 unité', '2 unités', '1,5 jour', '2,5 jours', '-2 boîtes']);
  });

  it('« de Léa », « d’Amélie », « d’Étienne », « de Hugo »', async () => {
    const { ofName } = await import('../../../src/shared/format/fr.js');
    expect(['Léa DURAND', 'Amélie NOËL', 'Étienne LEFÈVRE', 'Hugo MOREAU'].map(ofName)).toEqual([
      'de Léa DURAND',
      'd’Amélie NOËL',
      'd’Étienne LEFÈVRE',
      'de Hugo MOREAU',
    ]);
  });
});

describe('a date written YYYY-MM-DD is a calendar date (isIsoDate)', () => {
  it.each([
    ['2026-02-28', true],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2026-02-31', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-1-01', false],
    ['2026-01-01T00:00', false],
  ])('%s → %s', (text, expected) => {
    expect(isIsoDate(text)).toBe(expected);
  });
  it('the tariff file refuses a day that does not exist, naming its line', () => {
    expect(parseTariffFile('code;montant_eur;taux;depuis\nHD;1,10;ligne;2026-02-31\n')).toEqual({
      ok: false,
      errors: [{ line: 2, message: 'date invalide : 2026-02-31 (AAAA-MM-JJ)' }],
    });
  });
  it('the contract refuses it too (a pack’s expiry, a prescription’s date)', () => {
    expect(calendarDate.safeParse('2026-02-31').success).toBe(false);
    expect(calendarDate.safeParse('2026-03-03').success).toBe(true);
  });
});
