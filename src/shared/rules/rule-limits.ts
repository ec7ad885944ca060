/** The figures of French dispensing law the rules apply (see ordonnance-numerique.md). */
export const RULE_LIMITS = {
  /** First dispensing within 3 months of the prescription date. */
  firstDispensingMonths: 3,
  /** Stupéfiants: in full only within 3 days, the day of prescription not counted (and after a fraction's end). */
  stupefiantFullWindowDays: 3,
  /** Stupéfiants: 28 days at most per prescription, never renewable. */
  stupefiantMaxDays: 28,
  /** At most one month of treatment per dispensing (a month of 31 days)… */
  maxDaysPerDispensing: 31,
  /** …three for oral contraceptives and for large packs of a long treatment (three months of 31 days). */
  maxDaysPerDispensingLong: 93,
  /** Twelve months in all, renewals included. */
  maxTreatmentDays: 366,
  /** A treatment of 3 months or more (duration × (renewals + 1)); a pack of that many days is a large pack. */
  longTreatmentDays: 84,
  /** A conditionnement trimestriel: a pack of 84 units or more (HD3 in billing.md), whatever the dose per day. */
  quarterlyPackUnits: 84,
} as const;
