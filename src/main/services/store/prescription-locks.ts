import type { Kysely } from 'kysely';
import type { Executor, StoreEngine } from './store-engine.js';
import type { StoreTables } from './store-tables.js';

/** A lock not kept alive for this long belongs to a counter that stopped: the next one may take it. */
export const LOCK_STALE_MS = 30_000;

export type LockOutcome = { acquired: true } | { acquired: false; workstation: string; openedAt: string };
/** Who holds a lock: the counter's permanent id (whose the lock is) and the name people read. */
export type LockOwner = { id: string; name: string };

/**
 * Which counter has which prescription open. One row per open prescription, its heartbeat renewed
 * by its counter; taken over only from the same counter or once stale. The row is locked while it
 * is checked, so two counters opening the same prescription at once cannot both have it.
 */
export class PrescriptionLocksRepository {
  constructor(
    private readonly ex: Executor,
    private readonly engine: StoreEngine,
  ) {}

  /** `now` for tests; otherwise the database's clock (one clock for every counter of the pharmacy). */
  async acquire(prescriptionId: string, owner: LockOwner, now?: Date): Promise<LockOutcome> {
    const attempt = async (trx: Executor): Promise<LockOutcome> => {
      const clock = now ?? (await this.engine.serverNow(trx));
      const at = clock.toISOString();
      const staleBefore = new Date(clock.getTime() - LOCK_STALE_MS).toISOString();
      await trx
        .insertInto('prescription_locks')
        .values({ prescription_id: prescriptionId, counter_id: owner.id, workstation: owner.name, opened_at: at, heartbeat_at: at })
        .onConflict((oc) => oc.column('prescription_id').doNothing())
        .execute();
      const held = await this.engine
        .forUpdate(trx.selectFrom('prescription_locks').selectAll().where('prescription_id', '=', prescriptionId))
        .executeTakeFirstOrThrow();
      // Whose it is goes by the counter's id: two counters may share a host, never an id.
      const own = held.counter_id === owner.id;
      if (!own && held.heartbeat_at >= staleBefore) return { acquired: false, workstation: held.workstation, openedAt: held.opened_at };
      await trx
        .updateTable('prescription_locks')
        .set({ counter_id: owner.id, workstation: owner.name, opened_at: own ? held.opened_at : at, heartbeat_at: at })
        .where('prescription_id', '=', prescriptionId)
        .execute();
      return { acquired: true };
    };
    return this.ex.isTransaction ? attempt(this.ex) : (this.ex as Kysely<StoreTables>).transaction().execute(attempt);
  }

  /** This counter is alive: every prescription it has open stays its own. */
  async heartbeat(counterId: string, now?: Date): Promise<void> {
    const at = (now ?? (await this.engine.serverNow(this.ex))).toISOString();
    await this.ex.updateTable('prescription_locks').set({ heartbeat_at: at }).where('counter_id', '=', counterId).execute();
  }

  /** Who holds this prescription's lock, held until the transaction ends (validation's last check). */
  async holder(prescriptionId: string): Promise<{ counterId: string | null; workstation: string } | null> {
    const row = await this.engine
      .forUpdate(
        this.ex.selectFrom('prescription_locks').select(['counter_id', 'workstation']).where('prescription_id', '=', prescriptionId),
      )
      .executeTakeFirst();
    return row ? { counterId: row.counter_id, workstation: row.workstation } : null;
  }

  async release(prescriptionId: string, counterId: string): Promise<void> {
    await this.ex
      .deleteFrom('prescription_locks')
      .where('prescription_id', '=', prescriptionId)
      .where('counter_id', '=', counterId)
      .execute();
  }

  /** At start and at close: whatever this counter had open is no longer open (another counter's, of the same host, stays). */
  async releaseAll(counterId: string): Promise<void> {
    await this.ex.deleteFrom('prescription_locks').where('counter_id', '=', counterId).execute();
  }
}
