import { plural } from '../format/fr.js';
import type { Prescription, PrescriptionLine } from '../teleservice/schemas.js';
import { daysBetween } from './calendar.js';
import type { LineMeasure } from './line-units.js';
import type { ProductFacts } from './product-facts.js';
import { RULE_LIMITS } from './rule-limits.js';
import { lastDispensing, servedFor } from './renewals.js';

/**
 * A stupéfiant: on the catalogue's list, marked narcotic by the prescriber, or on an ordonnance
 * sécurisée unless the catalogue knows the product as something else.
 */
export function isNarcotic(p: Prescription, line: PrescriptionLine, facts: (ProductFacts | null)[]): boolean {
  if (line.narcotic || facts.some((f) => f?.list === 'STUPEFIANT')) return true;
  return p.kind === 'SECURISEE' && facts[0] === null;
}

/** How many days of a stupéfiant may be dispensed today, and why fewer than the fraction or the whole. */
export type NarcoticAllowance = { maxDays: number; reduced: boolean; why: string };

/**
 * The first dispensing in full only within 3 days of the prescription (the day itself not
 * counted), later only the days left; by fractions when the prescriber fractionated, each served in
 * full only within 3 days after the previous one ends, later only for the days left.
 */
export function narcoticAllowance(p: Prescription, line: PrescriptionLine, measure: LineMeasure, today: string): NarcoticAllowance {
  const servedDays = measure.days(servedFor(line, 0, measure).units);
  const fraction = line.fractionDays ?? line.durationDays;
  const last = lastDispensing(line, measure);
  // Where the treatment stands: from the prescription, or from the end of the last fraction.
  const from = last === null ? p.issuedAt : last.coversUntil;
  const late = daysBetween(from, today);
  const leftInTreatment = line.durationDays - servedDays;
  // The period this dispensing opens: the fraction (or what is left of the treatment), from `from`.
  const full = Math.max(0, Math.min(fraction, leftInTreatment));
  if (late <= RULE_LIMITS.stupefiantFullWindowDays) return { maxDays: full, reduced: false, why: '' };
  const daysLeft = Math.max(0, full - late);
  const after = last === null ? 'présenté plus de 3 jours après la prescription' : 'présenté plus de 3 jours après la fin de la fraction précédente';
  return { maxDays: daysLeft, reduced: true, why: `Stupéfiant ${after} : ${plural(Math.floor(daysLeft), 'jour')} de traitement ${Math.floor(daysLeft) >= 2 ? 'restent' : 'reste'} à couvrir.` };
}
