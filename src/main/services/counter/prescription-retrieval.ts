import { classifyCode } from '../../../shared/codes/classify.js';
import { AppError } from '../../../shared/contract/result.js';
import type { RetrievedPrescription } from '../../../shared/contract/ipc-contract.js';
import { normalizeTypedPrescriptionId, prescriptionIdProblem } from '../../../shared/ids/prescription-id.js';
import type { Prescription } from '../../../shared/teleservice/schemas.js';
import type { Store } from '../store/store.js';
import { TeleserviceError, type TeleserviceClient } from '../teleservice/teleservice-client.js';

export const RETRIEVAL_ERRORS = {
  BAD_CHECK_CHARACTER: 'Numéro invalide : le caractère de contrôle ne correspond pas. Vérifiez le numéro imprimé sous le QR code.',
  NOT_A_PRESCRIPTION_ID: 'Ce n’est pas un numéro d’ordonnance numérique : 18 caractères commençant par 01, imprimés sous le QR code.',
} as const;

/**
 * The "Récupération" step: the id checked locally (no network call for a typo), the lease taken,
 * the prescription fetched. Lease tokens stay here, in main: the renderer never sees them.
 */
export type LocalSnapshots = {
  localSnapshot(prescriptionId: string): Promise<Prescription | null>;
  /** The pharmacy's active dispensings of each renewal of it (what this counter knows when it opens it). */
  activeByRenewal(prescriptionId: string): Promise<Map<number, number>>;
};
/** The pharmacy's other counters: a prescription is open at one counter at a time; validation checks it still is. */
export type CounterLock = {
  take(prescriptionId: string): Promise<void>;
  give(prescriptionId: string): Promise<void>;
  confirm(tx: Store, prescriptionId: string): Promise<void>;
};
const NO_OTHER_COUNTER: CounterLock = { take: async () => undefined, give: async () => undefined, confirm: async () => undefined };
const NO_SNAPSHOTS: LocalSnapshots = { localSnapshot: async () => null, activeByRenewal: async () => new Map() };

const OUTAGE = new Set(['TELESERVICE_UNREACHABLE', 'UNAVAILABLE']);

export class PrescriptionRetrieval {
  private readonly leases = new Map<string, string>();
  private readonly fetched = new Map<string, Prescription>();
  /** Per prescription opened here: the pharmacy's active dispensings of each renewal at that moment. */
  private readonly known = new Map<string, Map<number, number>>();

  constructor(
    private readonly client: TeleserviceClient,
    private readonly snapshots: LocalSnapshots = NO_SNAPSHOTS,
    private readonly lock: CounterLock = NO_OTHER_COUNTER,
  ) {}

  /** The id from a scan or from the printed number typed by hand. */
  static checkedId(input: string): string {
    const read = classifyCode(input.trim());
    if (read.kind === 'eprescription') return read.id;
    const typed = normalizeTypedPrescriptionId(input);
    const problem = typed === null ? 'FORMAT' : prescriptionIdProblem(typed);
    if (typed !== null && problem === null) return typed;
    if (problem === 'BAD_CHECK_CHARACTER') throw new AppError('BAD_CHECK_CHARACTER', RETRIEVAL_ERRORS.BAD_CHECK_CHARACTER);
    throw new AppError('NOT_A_PRESCRIPTION_ID', RETRIEVAL_ERRORS.NOT_A_PRESCRIPTION_ID);
  }

  /**
   * Lease and fetch go out together (one round trip instead of two on a slow line); the
   * prescription is shown only once the lease is ours, and a fetch that fails gives the lease back.
   */
  async retrieve(input: string): Promise<RetrievedPrescription> {
    const id = PrescriptionRetrieval.checkedId(input);
    // Another counter of the pharmacy first: it says so before any call to the téléservice.
    await this.lock.take(id);
    try {
      // What the pharmacy has dispensed of it as this counter opens it (degraded mode included).
      this.known.set(id, await this.snapshots.activeByRenewal(id));
      return await this.leaseAndFetch(id);
    } catch (error) {
      await this.lock.give(id);
      throw error;
    }
  }

  private async leaseAndFetch(id: string): Promise<RetrievedPrescription> {
    const [lease, fetched] = await Promise.allSettled([
      this.teleservice(() => this.client.takeLease(id)),
      this.teleservice(() => this.client.getPrescription(id)),
    ]);
    if (lease.status === 'rejected') return this.degraded(id, lease.reason);
    this.leases.set(id, lease.value.leaseToken);
    if (fetched.status === 'rejected') {
      await this.releaseLease(id);
      return this.degraded(id, fetched.reason);
    }
    this.fetched.set(id, fetched.value);
    return { prescription: fetched.value, lease: { expiresAt: lease.value.expiresAt }, degraded: false };
  }

  /**
   * Degraded mode: the server is away but this workstation has dispensed this prescription before
   * (a renewal): the pharmacist goes on from the local copy; the execution waits in the outbox,
   * which takes the lease when the server is back. Any other refusal is said as it is.
   */
  private async degraded(id: string, reason: unknown): Promise<RetrievedPrescription> {
    if (!(reason instanceof AppError) || !OUTAGE.has(reason.code)) throw reason;
    const snapshot = await this.snapshots.localSnapshot(id);
    if (!snapshot)
      throw new AppError(reason.code, `${reason.message} Ordonnance jamais délivrée sur ce poste : délivrez-la à partir du papier.`);
    this.fetched.set(id, snapshot);
    return { prescription: snapshot, lease: { expiresAt: null }, degraded: true };
  }

  leaseTokenOf(id: string): string | null {
    return this.leases.get(id) ?? null;
  }

  /** The prescription as fetched at F3 (the snapshot the dispensing is checked against). */
  retrieved(id: string): Prescription {
    const p = this.fetched.get(id);
    if (!p) throw new AppError('PRESCRIPTION_NOT_RETRIEVED', 'Ordonnance non récupérée sur ce poste : relisez le QR code (F3).');
    return p;
  }

  /**
   * Which dispensing of this renewal this counter's would be, by what it knew when it opened the
   * prescription (null: not opened here). Another counter's recorded since then takes the same place:
   * the database refuses the second (RENEWAL_TAKEN).
   */
  knownPart(id: string, renewalNumber: number): number | null {
    return this.known.get(id)?.get(renewalNumber) ?? (this.known.has(id) ? 0 : null);
  }

  /** Inside the validating transaction: the prescription is still open at this counter. */
  confirmOpen(tx: Store, id: string): Promise<void> {
    return this.lock.confirm(tx, id);
  }

  /** After validation the lease belongs to the outbox; the counter forgets it. */
  forget(id: string): void {
    this.leases.delete(id);
    this.fetched.delete(id);
    this.known.delete(id);
    void this.lock.give(id);
  }

  /** Gives the lease back (Échap); a failure to do so only shortens nothing: the lease expires. */
  async release(input: string): Promise<boolean> {
    const id = PrescriptionRetrieval.checkedId(input);
    await this.lock.give(id);
    this.known.delete(id);
    return this.releaseLease(id);
  }

  private async releaseLease(id: string): Promise<boolean> {
    const token = this.leases.get(id);
    if (!token) return false;
    this.leases.delete(id);
    this.fetched.delete(id);
    try {
      await this.client.releaseLease(id, token);
      return true;
    } catch {
      return false;
    }
  }

  private async teleservice<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof TeleserviceError) throw new AppError(error.code, error.message);
      throw error;
    }
  }
}
