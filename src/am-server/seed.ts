import { z } from 'zod';
import { writeTransaction } from './am-database.js';
import { actorSchema } from './actors.js';
import { beneficiarySchema, directoryPrescriberSchema } from './claims/beneficiaries.js';
import type { AmService } from './am-service.js';
import { addMonths, seedPrescriptionProblems, seedPrescriptionSchema } from './prescription-input.js';
import type { StoredPrescription } from './prescription-state.js';
import { parseOr422, zodProblems } from './validation.js';

/** The `--seed` file: `{"actors", "prescriptions", "beneficiaries", "prescribers"}` (the last two: claims.md). */
export const seedSchema = z.object({
  actors: z.array(actorSchema).default([]),
  prescriptions: z.array(z.unknown()).default([]),
  beneficiaries: z.array(beneficiarySchema).default([]),
  prescribers: z.array(directoryPrescriberSchema).default([]),
});
export type Seed = {
  actors: z.infer<typeof actorSchema>[];
  prescriptions: unknown[];
  beneficiaries?: z.input<typeof beneficiarySchema>[];
  prescribers?: z.infer<typeof directoryPrescriberSchema>[];
};

export class SeedError extends Error {}

/** Loads the seed into an empty database, all or nothing; a bad entry names where it is. */
export function applySeed(service: AmService, raw: unknown): void {
  const parsed = seedSchema.safeParse(raw);
  if (!parsed.success)
    throw new SeedError(
      `seed invalide : ${zodProblems(parsed.error)
        .map((p) => `${p.field} (${p.message})`)
        .join(', ')}`,
    );
  const { actors, prescriptions, beneficiaries, prescribers } = parsed.data;
  writeTransaction(service.db, () => {
    for (const actor of actors) service.store.putActor(actor);
    for (const beneficiary of beneficiaries) service.claims.files.putBeneficiary(beneficiary);
    for (const prescriber of prescribers) service.claims.files.putPrescriber(prescriber.rpps, prescriber.name);
    prescriptions.forEach((entry, index) => seedPrescription(service, entry, index));
  });
}

function seedPrescription(service: AmService, entry: unknown, index: number): void {
  let p;
  try {
    p = parseOr422(seedPrescriptionSchema, entry, seedPrescriptionProblems);
  } catch (error) {
    const fields = (error as { details?: { fields?: { field: string; message: string }[] } }).details?.fields ?? [];
    throw new SeedError(`seed invalide : prescriptions.${index} : ${fields.map((f) => `${f.field} (${f.message})`).join(', ')}`);
  }
  const prescriber = service.store.actors().find((a) => a.kind === 'prescriber' && a.rpps === p.prescriberRpps);
  if (!prescriber || prescriber.kind !== 'prescriber')
    throw new SeedError(`seed invalide : prescriptions.${index} : prescripteur ${p.prescriberRpps} absent des acteurs`);
  const issuedAt = p.issuedAt ?? service.clock.today();
  const stored: StoredPrescription = {
    id: p.id,
    qrPayload: p.id,
    issuedAt,
    validUntil: p.validUntil ?? addMonths(issuedAt, 3),
    kind: p.kind,
    prescriber: { rpps: prescriber.rpps, name: prescriber.name, amNumber: prescriber.amNumber },
    patient: p.patient,
    patientOpposesPrescriberAccess: p.patientOpposesPrescriberAccess,
    lines: p.lines.map(({ dispensings: _d, ...line }, i) => ({ ...line, lineId: line.lineId ?? `L${i + 1}` })),
    notes: p.notes,
  };
  if (service.store.prescription(p.id)) throw new SeedError(`seed invalide : prescriptions.${index} : numéro ${p.id} en double`);
  service.store.insertPrescription(stored, p.status === 'CANCELLED' ? null : (p.status ?? null));
  if (p.status === 'CANCELLED') service.store.cancelPrescription(p.id, `${issuedAt}T12:00:00+01:00`);
  const renewals = new Set(p.lines.flatMap((l) => l.dispensings.map((d) => d.renewalNumber)));
  for (const renewal of renewals) {
    const lines = p.lines.flatMap((l, i) =>
      l.dispensings
        .filter((d) => d.renewalNumber === renewal)
        .map((d) => ({ lineId: l.lineId ?? `L${i + 1}`, status: d.status, packs: d.packs })),
    );
    service.seedDispensing(p.id, renewal, lines);
  }
}
