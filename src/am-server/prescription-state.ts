import type { DispensingSummary, Prescription, PrescriptionLine } from '../shared/teleservice/schemas.js';

/** A prescription as stored: everything but what executions derive (status, dispensings). */
export type StoredLine = Omit<PrescriptionLine, 'dispensings'>;
export type StoredPrescription = Omit<Prescription, 'status' | 'lines'> & { lines: StoredLine[] };

type LineStatus = 'DISPENSED' | 'PARTIAL' | 'NOT_DISPENSED';
/** What the state derivation needs of an execution (`items` null: a seeded past dispensing, packs only). */
export type ExecutionFacts = {
  executionId: string;
  renewalNumber: number;
  cancelled: boolean;
  dispensedAt: string | null;
  lines: {
    lineId: string;
    status: LineStatus;
    packs: number;
    items: { cip13: string; packs: number; units?: number }[] | null;
    largePack: boolean;
  }[];
};

/** Units in one pack of the prescribed product; a line without it counts each pack as one unit. */
export const unitsPerPack = (line: StoredLine): number => line.product.unitsPerPack ?? 1;
/** What one renewal of the line is due, in units. */
export const dueUnits = (line: StoredLine): number => line.quantity * unitsPerPack(line);

/** Units an execution line hands out: each item's `units`, or its packs of the prescribed product. */
export function unitsOf(line: StoredLine, l: ExecutionFacts['lines'][number]): number {
  if (l.items === null) return l.packs * unitsPerPack(line);
  return l.items.reduce((sum, i) => sum + (i.units ?? i.packs * unitsPerPack(line)), 0);
}

/** How a line's renewals stand: units served per renewal, which are closed "not dispensed", the entries. */
export type LineAllocation = { served: number[]; closed: boolean[]; entries: DispensingSummary[] };

/**
 * Spreads the live executions over a line's renewals, in the order they arrived: each serves the
 * renewal it names up to its due; with LARGE_PACK what goes beyond serves the following renewals.
 */
export function allocateLine(line: StoredLine, execs: ExecutionFacts[]): LineAllocation {
  const renewals = line.repeats + 1;
  const due = dueUnits(line);
  const served = Array.from({ length: renewals }, () => 0);
  const closed = Array.from({ length: renewals }, () => false);
  const entries: DispensingSummary[] = [];
  for (const e of execs.filter((x) => !x.cancelled)) {
    const r = e.renewalNumber;
    const at = e.dispensedAt === null ? {} : { dispensedAt: e.dispensedAt };
    for (const l of e.lines.filter((x) => x.lineId === line.lineId && r < renewals)) {
      if (l.status === 'NOT_DISPENSED') {
        closed[r] = true;
        entries.push({ executionId: e.executionId, renewalNumber: r, packs: 0, units: 0, status: 'NOT_DISPENSED', ...at });
        continue;
      }
      let left = unitsOf(line, l);
      const take = Math.min(left, due - served[r]!);
      served[r]! += take;
      left -= take;
      entries.push({
        executionId: e.executionId,
        renewalNumber: r,
        packs: l.packs,
        units: take,
        status: served[r]! >= due ? 'DISPENSED' : 'PARTIAL',
        ...at,
      });
      for (let next = r + 1; l.largePack && left > 0 && next < renewals; next++) {
        const covered = Math.min(left, due - served[next]!);
        if (covered <= 0) continue;
        served[next]! += covered;
        left -= covered;
        entries.push({
          executionId: e.executionId,
          renewalNumber: next,
          packs: 0,
          units: covered,
          status: served[next]! >= due ? 'DISPENSED' : 'PARTIAL',
          coveredBy: 'LARGE_PACK',
          ...at,
        });
      }
    }
  }
  return { served, closed, entries };
}

/** Every unit of that renewal served (by its own dispensings or by a large pack before it). */
export function isRenewalServed(line: StoredLine, execs: ExecutionFacts[], renewal: number): boolean {
  return (allocateLine(line, execs).served[renewal] ?? 0) >= dueUnits(line);
}

/** Units still due from that renewal on: that renewal alone, or with `onward` every later one too. */
export function remainingUnits(line: StoredLine, execs: ExecutionFacts[], renewal: number, onward: boolean): number {
  const { served } = allocateLine(line, execs);
  const due = dueUnits(line);
  const from = served.slice(renewal, onward ? undefined : renewal + 1);
  return from.reduce((sum, s) => sum + Math.max(0, due - s), 0);
}

export function isFullyServed(p: StoredPrescription, execs: ExecutionFacts[]): boolean {
  return p.lines.every((line) => {
    const { served, closed } = allocateLine(line, execs);
    return served.every((s, r) => s >= dueUnits(line) || closed[r]);
  });
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
  return {
    ...p,
    status: deriveStatus(p, execs, ctx),
    lines: p.lines.map((line) => ({ ...line, dispensings: allocateLine(line, execs).entries })),
  };
}
