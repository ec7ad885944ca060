import { plural } from '../format/fr.js';
import type { Prescription, PrescriptionLine } from '../teleservice/schemas.js';
import { daysBetween } from './calendar.js';
import type { LineMeasure } from './line-units.js';
import type { ProductFacts } from './product-facts.js';
import { RULE_LIMITS } from './rule-limits.js';
import { lastDispensing, servedFor } from './renewals.js';

/**
 * A stupéfiant: on the catalogue's list, marked narcotic by the prescriber, or on an ordonnance
 * sécurisée unless the catalogue knows the product as something else. An assimilé stupéfiant
 * (liste I on an ordonnance sécurisée) follows the stupéfiants' rules but keeps list I's
 * 3-month presentation delay (ordonnance-numerique.md).
 */
export function narcoticKind(p: Prescription, line: PrescriptionLine, facts: (ProductFacts | null)[]): 'STUPEFIANT' | 'ASSIMILE' | null {
  if (line.narcotic || facts.some((f) => f?.list === 'STUPEFIANT')) return 'STUPEFIANT';
  if (facts.some((f) => f?.assimilatedNarcotic === true)) return 'ASSIMILE';
  return p.kind === 'SECURISEE' && facts[0] === null ? 'STUPEFIANT' : null;
}

/** How the rules name the product in their messages. */
export const NARCOTIC_WORD = { STUPEFIANT: 'Stupéfiant', ASSIMILE: 'Assimilé stupéfiant' } as const;

/** How many days of a stupéfiant may be dispensed today, and why fewer than the fraction or the whole. */
export type NarcoticAllowance = { maxDays: number; reduced: boolean; why: string };

/**
 * The first dispensing in full only within 3 days of the prescription (the day itself not
 * counted), later only the days left; by fractions when the prescriber fractionated, each served in
 * full only within 3 days after the previous one ends, later only for the days left. An assimilé
 * keeps list I's delay: its fraction in full whenever it is presented.
 */
export function narcoticAllowance(
  p: Prescription,
  line: PrescriptionLine,
  measure: LineMeasure,
  today: string,
  kind: 'STUPEFIANT' | 'ASSIMILE' = 'STUPEFIANT',
): NarcoticAllowance {
  const servedDays = measure.days(servedFor(line, 0, measure).units);
  const fraction = line.fractionDays ?? line.durationDays;
  const last = lastDispensing(line, measure);
  // Where the treatment stands: from the prescription, or from the end of the last fraction.
  const from = last === null ? p.issuedAt : last.coversUntil;
  const late = daysBetween(from, today);
  const leftInTreatment = line.durationDays - servedDays;
  // The period this dispensing opens: the fraction (or what is left of the treatment), from `from`.
  const full = Math.max(0, Math.min(fraction, leftInTreatment));
  if (kind === 'ASSIMILE' || late <= RULE_LIMITS.stupefiantFullWindowDays) return { maxDays: full, reduced: false, why: '' };
  const daysLeft = Math.max(0, full - late);
  const after =
    last === null ? 'présenté plus de 3 jours après la prescription' : 'présenté plus de 3 jours après la fin de la fraction précédente';
  return {
    maxDays: daysLeft,
    reduced: true,
    why: `Stupéfiant ${after} : ${plural(Math.floor(daysLeft), 'jour')} de traitement ${Math.floor(daysLeft) >= 2 ? 'restent' : 'reste'} à couvrir.`,
  };
}
