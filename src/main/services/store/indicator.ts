import { sql } from 'kysely';
import type { Executor } from './store-engine.js';

/** The incentive threshold: at least 35 % of a period's prescriptions through the Ordonnance Numérique. */
export const ON_THRESHOLD = 0.35;

export type MonthIndicator = {
  month: string;
  prescriptions: number;
  viaOrdonnanceNumerique: number;
  share: number;
  meetsThreshold: boolean;
  trend: number | null;
};

/**
 * By month, every month from `fromMonth` to `toMonth` (none dispensed: 0 sur 0): prescriptions
 * dispensed, paper and ON (a prescription dispensed in parts counts once; cancelled ones not), those
 * through the Ordonnance Numérique circuit, and the trend from the month before.
 */
export async function monthlyIndicator(ex: Executor, fromMonth: string, toMonth: string): Promise<MonthIndicator[]> {
  const { rows } = await sql<{ month: string; total: number; on: number }>`
    SELECT substr(created_at, 1, 7) AS month,
           CAST(COUNT(DISTINCT COALESCE(prescription_id, id)) AS INTEGER) AS total,
           CAST(COUNT(DISTINCT CASE WHEN circuit = 'ON' THEN prescription_id END) AS INTEGER) AS "on"
    FROM dispensings WHERE substr(created_at, 1, 7) BETWEEN ${fromMonth} AND ${toMonth} AND cancelled_at IS NULL
    GROUP BY substr(created_at, 1, 7) ORDER BY month`.execute(ex);
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  let previous: number | null = null;
  return monthsBetween(fromMonth, toMonth).map((month) => {
    const r = byMonth.get(month) ?? { month, total: 0, on: 0 };
    const share = r.total === 0 ? 0 : r.on / r.total;
    const trend = previous === null ? null : share - previous;
    previous = share;
    return { month: r.month, prescriptions: r.total, viaOrdonnanceNumerique: r.on, share, meetsThreshold: share >= ON_THRESHOLD, trend };
  });
}

/** 'YYYY-MM' months from `from` to `to`, both included. */
function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  const [y, m] = from.split('-').map(Number) as [number, number];
  for (
    let d = new Date(Date.UTC(y, m - 1, 1));
    d.toISOString().slice(0, 7) <= to && months.length < 240;
    d.setUTCMonth(d.getUTCMonth() + 1)
  )
    months.push(d.toISOString().slice(0, 7));
  return months;
}
