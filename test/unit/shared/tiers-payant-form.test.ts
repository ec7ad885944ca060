import { describe, expect, it } from 'vitest';
import { tiersPayantFormSchema } from '../../../src/shared/contract/tiers-payant-schemas.js';

const form = {
  patientId: 7,
  amc: '12345678',
  conv: 'ab',
  csr: '01',
  adh: '123456789',
  validFrom: '2026-01-01',
  validTo: '2026-12-31',
  cover: { ph7: 100, ph4: 50, ph2: 0, ph1: 100 },
};
const messages = (input: unknown): string[] => {
  const parsed = tiersPayantFormSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
};

describe('a mutuelle typed at F6', () => {
  it('takes the attestation’s fields, contract and routing code in capitals', () => {
    expect(tiersPayantFormSchema.parse(form)).toMatchObject({ conv: 'AB', csr: '01', cover: { ph4: 50 } });
  });

  it('says, field by field, what each must be', () => {
    expect(messages({ ...form, amc: '1234567' })).toEqual(['Numéro AMC : 8 chiffres.']);
    expect(messages({ ...form, conv: 'A' })).toEqual(['Contrat : 2 lettres ou chiffres.']);
    expect(messages({ ...form, csr: 'é1' })).toEqual(['Code de routage (CSR) : 2 lettres ou chiffres.']);
    expect(messages({ ...form, adh: '1234567890123456' })).toEqual(['Numéro d’adhérent : 1 à 15 chiffres.']);
    expect(messages({ ...form, validTo: '2025-12-31' })).toEqual(['Fin des droits avant leur début : vérifiez les dates.']);
    expect(messages({ ...form, cover: { ...form.cover, ph7: 101 } })).toEqual(['Médicaments à 65 % : de 0 à 100']);
    expect(messages({ ...form, cover: { ...form.cover, ph2: Number.NaN } })).toHaveLength(1);
    expect(messages({ ...form, extra: 1 })).toHaveLength(1);
  });
});
