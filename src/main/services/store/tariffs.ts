import type { Tariff } from '../../../shared/billing/tariffs.js';
import type { StoreDb } from './store-database.js';

type Row = { code: Tariff['code']; since: string; amount_cents: number; rate: number | null };

/** The honoraires' tariffs the pharmacy imported (`comptoir tarifs import`); the defaults are in the code. */
export class TariffsRepository {
  constructor(private readonly db: StoreDb) {}

  list(): Tariff[] {
    return this.db.prepare<[], Row>('SELECT * FROM tariffs ORDER BY code, since').all().map((r) => ({ code: r.code, since: r.since, amountCents: r.amount_cents, rate: r.rate ?? 'line' }));
  }

  /** Adds the file's tariffs (a tariff of the same code and date replaced); the caller holds the transaction. */
  put(tariffs: Tariff[], now = new Date().toISOString()): void {
    const insert = this.db.prepare('INSERT INTO tariffs (code, since, amount_cents, rate, imported_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(code, since) DO UPDATE SET amount_cents = excluded.amount_cents, rate = excluded.rate, imported_at = excluded.imported_at');
    for (const t of tariffs) insert.run(t.code, t.since, t.amountCents, t.rate === 'line' ? null : t.rate, now);
  }
}
