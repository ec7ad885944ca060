import type { Prescription, PrescriptionLine } from '../teleservice/schemas.js';

/** Packs already served for a renewal, and whether that renewal is complete for the line. */
export function servedFor(line: PrescriptionLine, renewal: number): { packs: number; complete: boolean } {
  const entries = line.dispensings.filter((d) => d.renewalNumber === renewal);
  const packs = entries.reduce((s, d) => s + d.packs, 0);
  return { packs, complete: entries.some((d) => d.status === 'DISPENSED') || packs >= line.quantity };
}

/** The next renewal number with something left to serve (0 first), or null when all is served. */
export function proposeRenewal(p: Prescription): number | null {
  const max = Math.max(...p.lines.map((l) => l.repeats));
  for (let r = 0; r <= max; r++) {
    if (p.lines.some((l) => l.repeats >= r && !servedFor(l, r).complete)) return r;
  }
  return null;
}

export type LineRenewal = { lineId: string; renewable: boolean; served: boolean };

/** For a renewal number: which lines may be dispensed, which are beyond their renewals or served. */
export function linesForRenewal(p: Prescription, renewal: number): LineRenewal[] {
  return p.lines.map((l) => ({ lineId: l.lineId, renewable: renewal <= l.repeats, served: renewal <= l.repeats && servedFor(l, renewal).complete }));
}
