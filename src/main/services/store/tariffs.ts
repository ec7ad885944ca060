import type { Tariff } from '../../../shared/billing/tariffs.js';
import type { Executor } from './store-engine.js';

/** The honoraires' tariffs the pharmacy imported (`comptoir tarifs import`); the defaults are in the code. */
export class TariffsRepository {
  constructor(private readonly ex: Executor) {}

  async list(): Promise<Tariff[]> {
    const rows = await this.ex.selectFrom('tariffs').selectAll().orderBy('code').orderBy('since').execute();
    return rows.map((r) => ({ code: r.code, since: r.since, amountCents: r.amount_cents, rate: r.rate ?? 'line' }));
  }

  /** Adds the file's tariffs (a tariff of the same code and date replaced); the caller holds the transaction. */
  async put(tariffs: Tariff[], now = new Date().toISOString()): Promise<void> {
    for (const t of tariffs) {
      const values = { amount_cents: t.amountCents, rate: t.rate === 'line' ? null : t.rate, imported_at: now };
      await this.ex
        .insertInto('tariffs')
        .values({ code: t.code, since: t.since, ...values })
        .onConflict((oc) => oc.columns(['code', 'since']).doUpdateSet(values))
        .execute();
    }
  }
}
