import type { DispensingSummary, PrescriptionLine } from '../teleservice/schemas.js';
import type { ProductFactsSource } from './product-facts.js';
import { RULE_LIMITS } from './rule-limits.js';

/**
 * A line measured as pharmacists count: units (tablets, doses…) and days of treatment. Units are
 * real ones: the prescription's `unitsPerPack`, else the catalogue's size of the prescribed pack.
 * The téléservice counts a line without `unitsPerPack` in prescribed packs (older data): `toServer`
 * and `fromServer` convert, and `toServer` is null when the units make no whole number of packs.
 */
export type LineMeasure = {
  /** Units in one prescribed pack. */
  unitsPerPack: number;
  /** What one renewal is due. */
  due: number;
  /** Units of `packs` packs of that CIP13 (null: the catalogue does not know it). */
  unitsOf: (cip13: string, packs: number) => number | null;
  /** Days of treatment `units` cover (from the line's duration: due units over its days). */
  days: (units: number) => number;
  /** Days of treatment one pack of that CIP13 covers (null when unknown). */
  packDays: (cip13: string) => number | null;
  toServer: (units: number) => number | null;
  fromServer: (serverUnits: number) => number;
};

export function measureLine(line: PrescriptionLine, products: ProductFactsSource): LineMeasure {
  const declared = line.product.unitsPerPack ?? null;
  const unitsPerPack = declared ?? products.facts(line.product.cip13)?.packSize ?? 1;
  const serverUnit = declared !== null ? 1 : unitsPerPack;
  const due = line.quantity * unitsPerPack;
  const perUnitDays = line.durationDays / due;
  const sizeOf = (cip13: string): number | null =>
    cip13 === line.product.cip13 ? unitsPerPack : (products.facts(cip13)?.packSize ?? null);
  return {
    unitsPerPack,
    due,
    unitsOf: (cip13, packs) => {
      const size = sizeOf(cip13);
      return size === null ? null : packs * size;
    },
    days: (units) => units * perUnitDays,
    packDays: (cip13) => {
      const size = sizeOf(cip13);
      return size === null ? null : size * perUnitDays;
    },
    toServer: (units) => (units % serverUnit === 0 ? units / serverUnit : null),
    fromServer: (serverUnits) => serverUnits * serverUnit,
  };
}

/** A treatment of 3 months or more, renewals included: large packs and 3-month dispensings may apply. */
export const isLongTreatment = (line: PrescriptionLine): boolean => line.durationDays * (line.repeats + 1) >= RULE_LIMITS.longTreatmentDays;

/** Units an entry of the prescription's dispensings served (older servers: its packs). */
export const entryUnits = (entry: DispensingSummary, measure: LineMeasure): number =>
  entry.units === undefined ? entry.packs * measure.unitsPerPack : measure.fromServer(entry.units);
