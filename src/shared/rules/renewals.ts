import type { Prescription, PrescriptionLine } from '../teleservice/schemas.js';
import { parisToday } from '../format/paris-date.js';
import { addDays } from './calendar.js';
import { entryUnits, type LineMeasure } from './line-units.js';

/** Units already served for a renewal (its own dispensings, or a large pack before it), and whether it is closed. */
export function servedFor(
  line: PrescriptionLine,
  renewal: number,
  measure: LineMeasure,
): { units: number; complete: boolean; settled: boolean; byLargePack: boolean } {
  const entries = line.dispensings.filter((d) => d.renewalNumber === renewal);
  const units = entries.reduce((s, d) => s + entryUnits(d, measure), 0);
  const complete = units >= measure.due;
  // Closed "not dispensed" at the server: nothing more is expected for that renewal.
  const settled = complete || entries.some((d) => d.status === 'NOT_DISPENSED');
  return { units, complete, settled, byLargePack: entries.some((d) => d.coveredBy === 'LARGE_PACK') };
}

/** A line's renewal still expecting something: within its renewals and not settled. */
const open = (line: PrescriptionLine, renewal: number, measure: (l: PrescriptionLine) => LineMeasure): boolean =>
  renewal <= line.repeats && !servedFor(line, renewal, measure(line)).settled;

/** The next renewal number with something left to serve (0 first), or null when all is served. */
export function proposeRenewal(p: Prescription, measure: (l: PrescriptionLine) => LineMeasure): number | null {
  const max = Math.max(...p.lines.map((l) => l.repeats));
  for (let r = 0; r <= max; r++) if (p.lines.some((l) => open(l, r, measure))) return r;
  return null;
}

/** The earliest renewal before `renewal` still open on some line (renewals are served in order), or null. */
export function earlierOpenRenewal(p: Prescription, renewal: number, measure: (l: PrescriptionLine) => LineMeasure): number | null {
  for (let r = 0; r < renewal; r++) if (p.lines.some((l) => open(l, r, measure))) return r;
  return null;
}

/** The line's last dispensing: when, and until when its units last (all the renewals it served). */
export function lastDispensing(line: PrescriptionLine, measure: LineMeasure): { on: string; coversUntil: string; renewal: number } | null {
  const dated = line.dispensings.filter((d) => d.dispensedAt && entryUnits(d, measure) > 0);
  if (dated.length === 0) return null;
  const last = dated.reduce((a, b) => ((b.dispensedAt ?? '') > (a.dispensedAt ?? '') ? b : a));
  const units = dated.filter((d) => d.executionId === last.executionId).reduce((s, d) => s + entryUnits(d, measure), 0);
  const on = parisToday(new Date(last.dispensedAt ?? ''));
  return { on, coversUntil: addDays(on, Math.floor(measure.days(units))), renewal: last.renewalNumber };
}
