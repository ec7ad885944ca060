import { z } from 'zod';
import type { Destination } from '../../shared/claims/claims-schemas.js';
import { calendarDate } from '../../shared/teleservice/schemas.js';
import type { AmDatabase } from '../am-database.js';

const digits = (n: number) => z.string().regex(new RegExp(`^[0-9]{${n}}$`), `${n} chiffres`);

/** The seed's `beneficiaries`: the caisse's file of insured people, their organisme and rights (claims.md). */
export const beneficiarySchema = z
  .object({
    nir: digits(15),
    lastName: z.string().min(1),
    firstName: z.string().min(1),
    birthDate: calendarDate,
    regime: digits(2),
    caisse: digits(3),
    centre: digits(4),
    rightsFrom: calendarDate,
    rightsUntil: calendarDate,
    ald: z.boolean().default(false),
    amc: z
      .object({ number: digits(8), validUntil: calendarDate })
      .nullable()
      .default(null),
  })
  .strict();
export type Beneficiary = z.infer<typeof beneficiarySchema>;

/** The seed's `prescribers`: the caisse's directory, besides the prescriber actors. */
export const directoryPrescriberSchema = z.object({ rpps: digits(11), name: z.string().min(1) }).strict();

export const organismeOf = (d: Destination): string => `${d.regime}-${d.caisse}-${d.centre}`;

/** Row access to the beneficiaries and the prescribers' directory. */
export class CaisseFiles {
  constructor(private readonly db: AmDatabase) {}

  putBeneficiary(b: Beneficiary): void {
    this.db.prepare('INSERT OR REPLACE INTO sv_beneficiaries (nir, json) VALUES (?, ?)').run(b.nir, JSON.stringify(b));
  }

  beneficiary(nir: string): Beneficiary | null {
    const row = this.db.prepare<[string], { json: string }>('SELECT json FROM sv_beneficiaries WHERE nir = ?').get(nir);
    return row ? (JSON.parse(row.json) as Beneficiary) : null;
  }

  putPrescriber(rpps: string, name: string): void {
    this.db.prepare('INSERT OR REPLACE INTO sv_directory (rpps, name) VALUES (?, ?)').run(rpps, name);
  }

  /** In the directory: a prescriber actor or a `prescribers` entry. */
  knowsPrescriber(rpps: string): boolean {
    const row = this.db
      .prepare<[string, string], { found: number }>(
        `SELECT 1 AS found FROM sv_directory WHERE rpps = ?
         UNION ALL SELECT 1 FROM actors WHERE kind = 'prescriber' AND json_extract(json, '$.rpps') = ? LIMIT 1`,
      )
      .get(rpps, rpps);
    return row !== undefined;
  }
}
