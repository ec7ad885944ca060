import { AppError } from '../../../shared/contract/result.js';
import { formatClockFr } from '../../../shared/format/fr.js';
import type { LockOwner } from '../store/prescription-locks.js';
import type { Store } from '../store/store.js';

const HEARTBEAT_MS = 10_000;

/**
 * The prescriptions this counter has open, as the other counters of the pharmacy see them: taken
 * at F3, given back at Échap or once validated, kept alive by a heartbeat (a counter that stops
 * lets them go stale; its restart frees them at once).
 */
export class CounterLocks {
  private readonly open = new Set<string>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: Store,
    /** This counter: its permanent id (whose the locks are) and its name (what the others read). */
    readonly owner: LockOwner,
  ) {}

  async start(): Promise<void> {
    await this.store.locks.releaseAll(this.owner.id);
    this.timer = setInterval(() => void this.store.locks.heartbeat(this.owner.id).catch(() => undefined), HEARTBEAT_MS);
    this.timer.unref();
  }

  /** F3: this prescription is this counter's, or refused with who has it and since when. */
  async take(prescriptionId: string): Promise<void> {
    const outcome = await this.store.locks.acquire(prescriptionId, this.owner);
    if (!outcome.acquired) throw new AppError('OPEN_AT_OTHER_COUNTER', `Ordonnance ouverte au poste ${outcome.workstation} depuis ${formatClockFr(outcome.openedAt)}`);
    this.open.add(prescriptionId);
  }

  async give(prescriptionId: string): Promise<void> {
    if (!this.open.delete(prescriptionId)) return;
    await this.store.locks.release(prescriptionId, this.owner.id).catch(() => undefined);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.open.clear();
    await this.store.locks.releaseAll(this.owner.id).catch(() => undefined);
  }
}
