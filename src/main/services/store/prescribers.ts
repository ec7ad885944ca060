import { sql, type Selectable } from 'kysely';
import { searchKey } from './patient-search.js';
import type { Executor } from './store-engine.js';
import type { StoreTables } from './store-tables.js';

export type Prescriber = {
  rpps: string;
  name: string;
  specialty: string | null;
  amNumber: string | null;
  source: 'ON' | 'MANUAL';
  address: string | null;
};
const toPrescriber = (r: Selectable<StoreTables['prescribers']>): Prescriber => ({
  rpps: r.rpps,
  name: r.name,
  specialty: r.specialty,
  amNumber: r.am_number,
  source: r.source,
  address: r.address,
});

/** The pharmacy's prescribers, found as the pharmacist types a name or an RPPS. */
export class PrescribersRepository {
  constructor(private readonly ex: Executor) {}

  /** A prescriber met on an Ordonnance Numérique: added, or their name brought up to date. */
  async upsertFromOn(p: { rpps: string; name: string; amNumber: string | null }, now = new Date().toISOString()): Promise<void> {
    await this.ex
      .insertInto('prescribers')
      .values({
        rpps: p.rpps,
        name: p.name,
        name_key: searchKey(p.name),
        specialty: null,
        am_number: p.amNumber,
        source: 'ON',
        address: null,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc.column('rpps').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          name_key: eb.ref('excluded.name_key'),
          am_number: sql`COALESCE(excluded.am_number, prescribers.am_number)`,
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }

  /** Created at the counter (the RPPS key checked by the caller); false when the RPPS is already known. */
  async create(
    p: { rpps: string; name: string; specialty: string | null; address?: string | null },
    now = new Date().toISOString(),
  ): Promise<boolean> {
    const result = await this.ex
      .insertInto('prescribers')
      .values({
        rpps: p.rpps,
        name: p.name,
        name_key: searchKey(p.name),
        specialty: p.specialty,
        am_number: null,
        source: 'MANUAL',
        address: p.address ?? null,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('rpps').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  /** The cabinet's address, given at the counter (an Ordonnance Numérique does not carry it). */
  async setAddress(rpps: string, address: string | null, now = new Date().toISOString()): Promise<boolean> {
    const result = await this.ex.updateTable('prescribers').set({ address, updated_at: now }).where('rpps', '=', rpps).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async byRpps(rpps: string): Promise<Prescriber | null> {
    const row = await this.ex.selectFrom('prescribers').selectAll().where('rpps', '=', rpps).executeTakeFirst();
    return row ? toPrescriber(row) : null;
  }

  /** Digits: an RPPS's start; words: each somewhere in the name (« martin a », « dr anne »). */
  async search(query: string, limit = 20): Promise<Prescriber[]> {
    const q = query.trim();
    if (q === '') return [];
    let select = this.ex.selectFrom('prescribers').selectAll();
    if (/^\d+$/.test(q)) select = select.where('rpps', 'like', `${q}%`);
    else
      for (const w of searchKey(q).split(/\s+/).filter(Boolean).slice(0, 4))
        select = select.where('name_key', 'like', `%${w.replace(/[%_\\]/g, '')}%`);
    return (await select.orderBy('name_key').limit(limit).execute()).map(toPrescriber);
  }
}
