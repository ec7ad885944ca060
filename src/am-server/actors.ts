import { z } from 'zod';
import { isValidNir } from '../shared/ids/nir.js';
import { isValidFiness } from '../shared/ids/professional.js';
import { isoDate } from '../shared/teleservice/schemas.js';

const token = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7e]+$/);
/** The seed is the operator's own configuration: an RPPS there needs its 11 digits, not its key. */
const rppsFormat = z.string().regex(/^[0-9]{11}$/, 'RPPS : 11 chiffres');

/** The seed's actors: who may call the téléservice, and as what. */
export const actorSchema = z.discriminatedUnion('kind', [
  z.object({ token, kind: z.literal('prescriber'), rpps: rppsFormat, name: z.string().min(1), amNumber: z.string().min(1).max(20) }),
  z.object({
    token,
    kind: z.literal('pharmacy'),
    finess: z.string().refine(isValidFiness, 'FINESS invalide'),
    name: z.string().min(1),
    pharmacistRpps: rppsFormat,
  }),
  z.object({
    token,
    kind: z.literal('patient'),
    nir: z.string().refine(isValidNir, 'NIR invalide'),
    lastName: z.string().optional(),
    firstName: z.string().optional(),
    birthDate: isoDate.optional(),
    sex: z.enum(['F', 'M']).optional(),
  }),
]);
export type Actor = z.infer<typeof actorSchema>;
export type Prescriber = Extract<Actor, { kind: 'prescriber' }>;
export type Pharmacy = Extract<Actor, { kind: 'pharmacy' }>;
export type PatientActor = Extract<Actor, { kind: 'patient' }>;

/** The caller as `GET /v1/me` shows it: the seed entry without its token. */
export function publicActor(actor: Actor): Omit<Actor, 'token'> {
  const { token: _token, ...rest } = actor;
  return rest;
}
