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

  private beating = true;

  constructor(
    private readonly store: Store,
    /** This counter: its permanent id (whose the locks are) and its name (what the others read). */
    readonly owner: LockOwner,
    /** Told when the heartbeat fails or comes back: the counter shows it (its open prescriptions may go stale). */
    private readonly onHeartbeat: (ok: boolean) => void = () => undefined,
  ) {}

  async start(): Promise<void> {
    await this.store.locks.releaseAll(this.owner.id);
    this.timer = setInterval(() => void this.beat(), HEARTBEAT_MS);
    this.timer.unref();
  }

  /** One heartbeat; a change (failed, or back) is told once. */
  async beat(): Promise<boolean> {
    const ok = await this.store.locks.heartbeat(this.owner.id).then(
      () => true,
      () => false,
    );
    if (ok !== this.beating) {
      this.beating = ok;
      this.onHeartbeat(ok);
    }
    return ok;
  }

  /** F3: this prescription is this counter's, or refused with who has it and since when. */
  async take(prescriptionId: string): Promise<void> {
    const outcome = await this.store.locks.acquire(prescriptionId, this.owner);
    if (!outcome.acquired)
      throw new AppError(
        'OPEN_AT_OTHER_COUNTER',
        `Ordonnance ouverte au poste ${outcome.workstation} depuis ${formatClockFr(outcome.openedAt)}`,
      );
    this.open.add(prescriptionId);
  }

  /**
   * Validation's last check, in its own transaction: the prescription is still this counter's (a lock
   * gone stale — this counter cut from the server a while — may have been taken over by another).
   */
  async confirm(tx: Store, prescriptionId: string): Promise<void> {
    const holder = await tx.locks.holder(prescriptionId);
    if (holder?.counterId === this.owner.id) return;
    throw new AppError(
      'LOCK_LOST',
      holder
        ? `Ordonnance reprise au poste ${holder.workstation} : rien n’est enregistré ici. Relisez-la (F3) quand il l’aura rendue.`
        : 'Ordonnance plus ouverte à ce poste (connexion au serveur perdue un moment) : rien n’est enregistré ; relisez-la (F3) pour valider.',
    );
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
