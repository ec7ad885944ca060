import type { Prescription, PrescriptionLine } from '../shared/teleservice/schemas.js';

/** A prescription as stored: everything but what executions derive (status, dispensings). */
export type StoredLine = Omit<PrescriptionLine, 'dispensings'>;
export type StoredPrescription = Omit<Prescription, 'status' | 'lines'> & { lines: StoredLine[] };

/** What the state derivation needs of an execution. */
export type ExecutionFacts = {
  executionId: string;
  renewalNumber: number;
  cancelled: boolean;
  lines: { lineId: string; status: 'DISPENSED' | 'PARTIAL' | 'NOT_DISPENSED'; packs: number }[];
};

function entriesFor(execs: ExecutionFacts[], lineId: string, renewal: number) {
  return execs
    .filter((e) => !e.cancelled && e.renewalNumber === renewal)
    .flatMap((e) => e.lines.filter((l) => l.lineId === lineId));
}

export function servedPacks(execs: ExecutionFacts[], lineId: string, renewal: number): number {
  return entriesFor(execs, lineId, renewal).reduce((sum, l) => sum + l.packs, 0);
}

/** Every pack of that renewal served, or a dispensing declared complete (e.g. one large pack). */
export function isRenewalServed(line: StoredLine, execs: ExecutionFacts[], renewal: number): boolean {
  const entries = entriesFor(execs, line.lineId, renewal);
  return entries.some((l) => l.status === 'DISPENSED') || servedPacks(execs, line.lineId, renewal) >= line.quantity;
}

/** Served, or closed by a "not dispensed" entry: nothing more is expected for that renewal. */
function isRenewalSettled(line: StoredLine, execs: ExecutionFacts[], renewal: number): boolean {
  return isRenewalServed(line, execs, renewal) || entriesFor(execs, line.lineId, renewal).some((l) => l.status === 'NOT_DISPENSED');
}

export function isFullyServed(p: StoredPrescription, execs: ExecutionFacts[]): boolean {
  return p.lines.every((line) => Array.from({ length: line.repeats + 1 }, (_, r) => r).every((r) => isRenewalSettled(line, execs, r)));
}

export type StateContext = { cancelled: boolean; statusOverride: string | null; today: string };

/** The derived status of the contract: cancelled, then served, then expired, then progress. */
export function deriveStatus(p: StoredPrescription, execs: ExecutionFacts[], ctx: StateContext): Prescription['status'] {
  if (ctx.cancelled || ctx.statusOverride === 'CANCELLED') return 'CANCELLED';
  const live = execs.filter((e) => !e.cancelled);
  if (isFullyServed(p, live) || ctx.statusOverride === 'DISPENSED') return 'DISPENSED';
  const started = live.some((e) => e.lines.some((l) => l.packs > 0 || l.status !== 'NOT_DISPENSED'));
  if (!started && (ctx.today > p.validUntil || ctx.statusOverride === 'EXPIRED')) return 'EXPIRED';
  if (started || ctx.statusOverride === 'PARTIALLY_DISPENSED') return 'PARTIALLY_DISPENSED';
  return 'ACTIVE';
}

export function toResource(p: StoredPrescription, execs: ExecutionFacts[], ctx: StateContext): Prescription {
  const live = execs.filter((e) => !e.cancelled);
  return {
    ...p,
    status: deriveStatus(p, execs, ctx),
    lines: p.lines.map((line) => ({
      ...line,
      dispensings: live.flatMap((e) =>
        e.lines
          .filter((l) => l.lineId === line.lineId)
          .map((l) => ({ executionId: e.executionId, renewalNumber: e.renewalNumber, packs: l.packs, status: l.status })),
      ),
    })),
  };
}
