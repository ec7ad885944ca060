import type { StoreDb } from './store-database.js';

/** The incentive threshold: at least 35 % of a period's prescriptions through the Ordonnance Numérique. */
export const ON_THRESHOLD = 0.35;

export type MonthIndicator = { month: string; prescriptions: number; viaOrdonnanceNumerique: number; share: number; meetsThreshold: boolean; trend: number | null };

/** By month: prescriptions dispensed, those through the Ordonnance Numérique circuit, and the trend. */
export function monthlyIndicator(db: StoreDb, fromMonth: string, toMonth: string): MonthIndicator[] {
  const rows = db
    .prepare<[string, string], { month: string; total: number; on: number }>(
      `SELECT substr(created_at, 1, 7) AS month,
              COUNT(DISTINCT COALESCE(prescription_id, id)) AS total,
              COUNT(DISTINCT CASE WHEN circuit = 'ON' THEN prescription_id END) AS "on"
       FROM dispensings WHERE substr(created_at, 1, 7) BETWEEN ? AND ? AND cancelled_at IS NULL GROUP BY month ORDER BY month`,
    )
    .all(fromMonth, toMonth);
  let previous: number | null = null;
  return rows.map((r) => {
    const share = r.total === 0 ? 0 : r.on / r.total;
    const trend = previous === null ? null : share - previous;
    previous = share;
    return { month: r.month, prescriptions: r.total, viaOrdonnanceNumerique: r.on, share, meetsThreshold: share >= ON_THRESHOLD, trend };
  });
}
