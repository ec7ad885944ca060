import type { Prescription } from '../../shared/teleservice/schemas.js';

type ExecutionRecord = Record<string, unknown>;
type ExecutionLine = {
  lineId: string;
  status: string;
  dispensed?: { cip13: string; packs: number; label?: string }[];
  deviation?: { type: string; reason?: string | null };
};

/**
 * What the prescriber wants to know: per line and per renewal, what was dispensed (and as what),
 * what was not and why, and what is still to come. Cancelled executions are listed, not counted.
 */
export function dispensingSummary(p: Prescription, executions: ExecutionRecord[]) {
  const live = executions.filter((e) => e.cancelled !== true);
  return {
    id: p.id,
    status: p.status,
    lines: p.lines.map((line) => {
      const entries = live.flatMap((e) =>
        ((e.lines as ExecutionLine[] | undefined) ?? [])
          .filter((l) => l.lineId === line.lineId)
          .map((l) => ({
            executionId: String(e.executionId),
            renewalNumber: Number(e.renewalNumber),
            dispensedAt: String(e.dispensedAt ?? ''),
            ...l,
          })),
      );
      const renewals = Array.from({ length: line.repeats + 1 }, (_, r) => {
        const ofRenewal = entries.filter((en) => en.renewalNumber === r);
        const packs = ofRenewal.flatMap((en) => en.dispensed ?? []).reduce((s, d) => s + d.packs, 0);
        return {
          renewalNumber: r,
          packsPrescribed: line.quantity,
          packsDispensed: packs,
          dispensed: ofRenewal.flatMap((en) =>
            (en.dispensed ?? []).map((d) => ({ ...d, executionId: en.executionId, substituted: d.cip13 !== line.product.cip13 })),
          ),
          notDispensed: ofRenewal
            .filter((en) => en.status === 'NOT_DISPENSED')
            .map((en) => ({ executionId: en.executionId, type: en.deviation?.type ?? null, reason: en.deviation?.reason ?? null })),
          deviations: ofRenewal
            .filter((en) => en.deviation && en.deviation.type !== 'NONE')
            .map((en) => ({ type: en.deviation?.type, reason: en.deviation?.reason ?? null })),
        };
      });
      return { lineId: line.lineId, product: line.product, quantity: line.quantity, repeats: line.repeats, renewals };
    }),
    executions: executions.map((e) => ({
      executionId: e.executionId,
      renewalNumber: e.renewalNumber,
      dispensedAt: e.dispensedAt,
      cancelled: e.cancelled === true,
      complementaryInfo: e.complementaryInfo ?? null,
    })),
  };
}
