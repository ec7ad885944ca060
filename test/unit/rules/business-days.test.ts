import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  businessDaysBetween,
  easterSunday,
  isBusinessDay,
  publicHolidays,
} from '../../../src/shared/rules/business-days.js';

describe('French business days (claims.md)', () => {
  it('finds Easter Sunday, whatever the year', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2038)).toBe('2038-04-25');
    expect(easterSunday(2285)).toBe('2285-03-22');
  });

  it('counts the eleven public holidays, the movable ones included', () => {
    const h = publicHolidays(2026);
    expect(h.size).toBe(11);
    for (const day of [
      '2026-01-01',
      '2026-04-06',
      '2026-05-01',
      '2026-05-08',
      '2026-05-14',
      '2026-05-25',
      '2026-07-14',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-25',
    ])
      expect(h.has(day), day).toBe(true);
    expect(h.has('2026-04-03'), 'Vendredi saint : Alsace-Moselle seulement').toBe(false);
    expect(h.has('2026-12-26')).toBe(false);
  });

  it('skips weekends and holidays', () => {
    expect(isBusinessDay('2026-12-04')).toBe(true); // vendredi
    expect(isBusinessDay('2026-12-05')).toBe(false);
    expect(isBusinessDay('2026-12-06')).toBe(false);
    expect(isBusinessDay('2026-05-14')).toBe(false); // Ascension, un jeudi
    expect(addBusinessDays('2026-12-04', 1)).toBe('2026-12-07');
    expect(addBusinessDays('2026-12-05', 1)).toBe('2026-12-07'); // reçu un samedi
    expect(addBusinessDays('2026-12-24', 1)).toBe('2026-12-28'); // Noël un vendredi
    expect(addBusinessDays('2026-05-13', 2)).toBe('2026-05-18'); // Ascension puis week-end
    expect(addBusinessDays('2026-05-22', 1)).toBe('2026-05-26'); // lundi de Pentecôte
    expect(addBusinessDays('2026-04-03', 1)).toBe('2026-04-07'); // lundi de Pâques
    expect(addBusinessDays('2026-12-07', 0)).toBe('2026-12-07');
  });

  it('counts the business days after a day, up to and including another', () => {
    expect(businessDaysBetween('2026-12-04', '2026-12-07')).toBe(1);
    expect(businessDaysBetween('2026-12-07', '2026-12-07')).toBe(0);
    expect(businessDaysBetween('2026-12-07', '2026-12-01')).toBe(0);
    for (let n = 0; n < 40; n++) expect(businessDaysBetween('2026-04-30', addBusinessDays('2026-04-30', n))).toBe(n);
  });
});
