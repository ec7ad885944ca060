import { searchKey } from './patient-search.js';
import type { StoreDb } from './store-database.js';

export type Prescriber = { rpps: string; name: string; specialty: string | null; amNumber: string | null; source: 'ON' | 'MANUAL' };
type Row = { rpps: string; name: string; specialty: string | null; am_number: string | null; source: 'ON' | 'MANUAL' };
const toPrescriber = (r: Row): Prescriber => ({ rpps: r.rpps, name: r.name, specialty: r.specialty, amNumber: r.am_number, source: r.source });

/** The pharmacy's prescribers, found as the pharmacist types a name or an RPPS. */
export class PrescribersRepository {
  constructor(private readonly db: StoreDb) {}

  /** A prescriber met on an Ordonnance Numérique: added, or their name brought up to date. */
  upsertFromOn(p: { rpps: string; name: string; amNumber: string | null }, now = new Date().toISOString()): void {
    this.db
      .prepare(
        `INSERT INTO prescribers (rpps, name, name_key, specialty, am_number, source, created_at, updated_at) VALUES (?, ?, ?, NULL, ?, 'ON', ?, ?)
         ON CONFLICT(rpps) DO UPDATE SET name = excluded.name, name_key = excluded.name_key, am_number = COALESCE(excluded.am_number, am_number), updated_at = excluded.updated_at`,
      )
      .run(p.rpps, p.name, searchKey(p.name), p.amNumber, now, now);
  }

  /** Created at the counter (the RPPS key checked by the caller); false when the RPPS is already known. */
  create(p: { rpps: string; name: string; specialty: string | null }, now = new Date().toISOString()): boolean {
    const info = this.db
      .prepare(`INSERT OR IGNORE INTO prescribers (rpps, name, name_key, specialty, am_number, source, created_at, updated_at) VALUES (?, ?, ?, ?, NULL, 'MANUAL', ?, ?)`)
      .run(p.rpps, p.name, searchKey(p.name), p.specialty, now, now);
    return info.changes === 1;
  }

  byRpps(rpps: string): Prescriber | null {
    const row = this.db.prepare<[string], Row>('SELECT * FROM prescribers WHERE rpps = ?').get(rpps);
    return row ? toPrescriber(row) : null;
  }

  /** Digits: an RPPS's start; words: each somewhere in the name (« martin a », « dr anne »). */
  search(query: string, limit = 20): Prescriber[] {
    const q = query.trim();
    if (q === '') return [];
    if (/^\d+$/.test(q)) return this.db.prepare<[string, number], Row>(`SELECT * FROM prescribers WHERE rpps LIKE ? || '%' ORDER BY name_key LIMIT ?`).all(q, limit).map(toPrescriber);
    const words = searchKey(q).split(/\s+/).filter(Boolean).slice(0, 4).map((w) => `%${w.replace(/[%_]/g, '')}%`);
    const where = words.map(() => 'name_key LIKE ?').join(' AND ');
    return this.db.prepare<unknown[], Row>(`SELECT * FROM prescribers WHERE ${where} ORDER BY name_key LIMIT ?`).all(...words, limit).map(toPrescriber);
  }
}
