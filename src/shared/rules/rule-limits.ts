/** The figures of French dispensing law the rules apply (see ordonnance-numerique.md). */
export const RULE_LIMITS = {
  /** First dispensing within 3 months of the prescription date. */
  firstDispensingMonths: 3,
  /** Stupéfiants: in full only within 3 days, the day of prescription not counted. */
  stupefiantFullWindowDays: 3,
  /** At most one month of treatment per dispensing… */
  maxDaysPerDispensing: 30,
  /** …three for oral contraceptives (and for large packs of a long treatment). */
  maxDaysPerDispensingLong: 91,
  /** Twelve months in all, renewals included. */
  maxTreatmentDays: 366,
  /** A treatment of 3 months or more calls for a large pack where one exists. */
  longTreatmentDays: 84,
  /** Exceptional renewal: up to 3 one-month dispensings of an expired renewable long treatment. */
  exceptionalRenewalMaxDispensings: 3,
} as const;
