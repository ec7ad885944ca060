import { z } from 'zod';
import { calendarDate } from '../teleservice/schemas.js';

const share = (label: string) =>
  z
    .number({ message: `${label} : un pourcentage de 0 à 100` })
    .int(`${label} : un nombre entier`)
    .min(0, `${label} : de 0 à 100`)
    .max(100, `${label} : de 0 à 100`);

/**
 * A mutuelle typed at F6, field by field, as the attestation's code carries it (ATP1, see
 * ordonnance-numerique.md): each field refused with a sentence saying what it must be.
 */
export const tiersPayantFormSchema = z
  .object({
    patientId: z.number().int().positive(),
    amc: z
      .string()
      .trim()
      .regex(/^\d{8}$/, 'Numéro AMC : 8 chiffres.'),
    conv: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[0-9A-Z]{2}$/, 'Contrat : 2 lettres ou chiffres.'),
    csr: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[0-9A-Z]{2}$/, 'Code de routage (CSR) : 2 lettres ou chiffres.'),
    adh: z
      .string()
      .trim()
      .regex(/^\d{1,15}$/, 'Numéro d’adhérent : 1 à 15 chiffres.'),
    validFrom: calendarDate,
    validTo: calendarDate,
    cover: z
      .object({
        ph7: share('Médicaments à 65 %'),
        ph4: share('Médicaments à 30 %'),
        ph2: share('Médicaments à 15 %'),
        ph1: share('Médicaments à 100 %'),
      })
      .strict(),
  })
  .strict()
  .refine((f) => f.validFrom <= f.validTo, { message: 'Fin des droits avant leur début : vérifiez les dates.', path: ['validTo'] });
export type TiersPayantForm = z.infer<typeof tiersPayantFormSchema>;

/** What the counter says of a patient's mutuelle: the certificate and whether it is valid today. */
export const tiersPayantViewSchema = z.object({
  amc: z.string(),
  conv: z.string(),
  csr: z.string(),
  adh: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  valid: z.boolean(),
  cover: z.object({ ph7: z.number().int(), ph4: z.number().int(), ph2: z.number().int(), ph1: z.number().int() }),
});
export type TiersPayantView = z.infer<typeof tiersPayantViewSchema>;
