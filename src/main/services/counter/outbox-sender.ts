import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import type { OutboxItem } from '../store/outbox.js';
import type { ExecutionAccepted, ExecutionBody } from '../../../shared/teleservice/schemas.js';
import { CancellationSender } from './cancellation-sender.js';
import { Backoff, Transmitter, type SendReport, type TransmitOutcome } from './transmission.js';
import { ScorSender } from './scor-sender.js';
import { ClaimsSender } from '../claims/claims-sender.js';
import { executionFromPaper } from './paper-reconciliation.js';
import { registerCompletion } from './dispensing-registers.js';
import { TeleserviceError, type TeleserviceClient } from '../teleservice/teleservice-client.js';
import { TeleserviceAccess } from '../teleservice/teleservice-access.js';

export type { SendReport } from './transmission.js';
export type OutboxSenderOptions = {
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** The backoff's jitter (tests fix it). */
  random?: () => number;
  now?: () => Date;
  onChange?: () => void;
  concurrency?: number;
  /** Whether this counter may send (its token verified); by default verified with `GET /v1/me`, any FINESS. */
  access?: TeleserviceAccess;
  /** Work of each tick besides sending (the claims: lots closed, the mailbox read). */
  periodic?: () => Promise<void>;
};

const LEASE_LOST = new Set(['LEASE_INVALID', 'LEASE_REQUIRED']);
/** Refusals that may clear by themselves (another pharmacy's lock ends): try again later. */
const WAIT_AND_RETRY = new Set(['LOCKED_BY_OTHER_DISPENSER']);

/**
 * Sends the outbox: each execution with its own executionId (a resend after a lost answer or a
 * crash gets the first receipt back, never a second execution), backing off while the server is
 * away, turning a refusal into a visible « à régulariser » item with the server's reason.
 * Prescriptions go out in parallel; one prescription's executions go one after the other, in the
 * order they were recorded, and a later one never overtakes one that waits.
 */
export class OutboxSender {
  private running: Promise<SendReport> | null = null;
  /** The téléservice's health did not answer at the last tick. */
  private serverAway = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly now: () => Date;
  private readonly transmitter: Transmitter;
  private readonly cancellations: CancellationSender;
  private readonly documents: ScorSender;
  private readonly lots: ClaimsSender;
  readonly access: TeleserviceAccess;

  constructor(
    private readonly store: Store,
    private readonly client: TeleserviceClient,
    private readonly log: Logger,
    private readonly options: OutboxSenderOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.access = options.access ?? new TeleserviceAccess(client, () => null);
    // One way to send and back off for every queue: executions, cancellations, scanned ordonnances.
    this.transmitter = new Transmitter(
      this.access,
      log,
      this.now,
      new Backoff(options.backoffBaseMs, options.backoffMaxMs, options.random),
    );
    this.cancellations = new CancellationSender(store, client, log, this.transmitter);
    this.documents = new ScorSender(store, client, this.transmitter);
    this.lots = new ClaimsSender(store, client, this.transmitter);
  }

  /**
   * Sends what is due now (or, with `all`, every waiting item — the server is back, or the pharmacist
   * asked); concurrent calls share one run (never two sends of one item at once).
   */
  sendDue(all = false): Promise<SendReport> {
    this.running ??= this.run(all).finally(() => (this.running = null));
    return this.running;
  }

  /** Keeps sending in the background: at start (resuming after a restart) and every interval. */
  start(intervalMs = 5_000): void {
    this.stop();
    const tick = (): void => {
      // The store away (the pharmacy's server restarting): nothing is lost, the next tick tries again.
      void this.resume()
        .catch(() => this.log.warn('outbox.store_unreachable', {}))
        .finally(() => {
          this.timer = setTimeout(tick, intervalMs);
          this.timer.unref();
        });
    };
    tick();
  }

  /** Due items first; then, if some still wait and the server answers again, all of them at once. */
  private async resume(): Promise<void> {
    await this.sendDue();
    if (this.options.periodic && (await this.access.granted())) await this.options.periodic();
    const waiting =
      (await this.store.outbox.counts()).PENDING +
      (await this.store.cancellations.pending()).length +
      (await this.store.scor.count('PENDING')) +
      (await this.store.claimLots.queue.waiting());
    if (waiting === 0) return;
    const answers = await this.client.health();
    // Back after an outage: everything waiting goes at once, once. While the server answers, each
    // item keeps its own backoff (a 429's or a 503's Retry-After included): no counter hammers it.
    if (answers && this.serverAway) await this.sendDue(true);
    this.serverAway = !answers;
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async run(all: boolean): Promise<SendReport> {
    const report: SendReport = { sent: 0, retried: 0, refused: 0 };
    await this.cancellations.settleUnsent();
    // A counter whose token is refused (or another pharmacy's) leaves the work to those that can send it.
    if (!(await this.access.granted())) return report;
    const items = all ? await this.store.outbox.pending() : await this.store.outbox.due(this.now().toISOString());
    const queues = [...groupBy(items, (item) => item.prescriptionId).values()];
    const sendQueue = async (queue: OutboxItem[]): Promise<void> => {
      for (const item of queue) {
        // Null: another counter is sending it right now.
        const outcome = await this.store.withClaimedOutboxItem(item.executionId, (claimed, record) => this.sendOne(claimed, record));
        if (outcome === null || outcome === 'paused') return;
        report[outcome]++;
        this.options.onChange?.();
        if (outcome !== 'sent') return;
      }
    };
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < queues.length && this.access.state() === 'granted') await sendQueue(queues[next++]!);
    };
    await Promise.all(Array.from({ length: Math.min(queues.length, this.options.concurrency ?? this.store.parallelSends) }, worker));
    if (this.access.state() !== 'granted') return report;
    const cancelled = await this.cancellations.sendDue(this.now(), all);
    const documents = await this.documents.sendDue(this.now(), all);
    const lots = await this.lots.sendDue(this.now(), all);
    report.sent += lots.sent;
    if ([cancelled, documents, lots].some((r) => r.sent + r.retried + r.refused > 0)) this.options.onChange?.();
    return report;
  }

  private sendOne(queued: OutboxItem, record: (fn: (tx: Store) => Promise<void>) => Promise<void>): Promise<TransmitOutcome> {
    let item = queued;
    let receipt: ExecutionAccepted['receipt'] | null = null;
    const pharmacist = (): string => item.body?.pharmacistRpps ?? item.paper?.pharmacistRpps ?? 'inconnu';
    return this.transmitter.transmit(
      {
        attempts: item.attempts,
        send: async () => {
          if (item.body === null) {
            const ready = await this.reconcilePaper(item, record);
            if (!ready) return 'refused';
            item = ready;
          }
          receipt = (await this.execute(item as OutboxItem & { body: ExecutionBody }, record)).receipt;
        },
        sent: () =>
          record(async (tx) => {
            await tx.outbox.markSent(item.executionId, receipt!);
            await tx.audit.append(pharmacist(), 'execution.sent', item.prescriptionId, {
              executionId: item.executionId,
              sha256: receipt!.sha256,
            });
          }),
        retry: (code, message, next) => record(async (tx) => void (await tx.outbox.markRetry(item.executionId, code, message, next))),
        refused: (code, message) =>
          record(async (tx) => {
            await tx.outbox.markRefused(item.executionId, code, message);
            await tx.audit.append(pharmacist(), 'execution.refused', item.prescriptionId, { executionId: item.executionId, code });
          }),
        waitAndRetry: WAIT_AND_RETRY,
      },
      'outbox',
    );
  }

  /** A paper dispensing, once the server gives the prescription: its execution, or « à régulariser ». */
  private async reconcilePaper(item: OutboxItem, record: (fn: (tx: Store) => Promise<void>) => Promise<void>): Promise<OutboxItem | null> {
    const paper = item.paper;
    if (!paper) return null;
    const prescription = await this.client.getPrescription(item.prescriptionId);
    // The prescription now known: its prescriber joins the file, and the register entries are completed, sent or not.
    await record(async (tx) => {
      await tx.prescribers.upsertFromOn({
        rpps: prescription.prescriber.rpps,
        name: prescription.prescriber.name,
        amNumber: prescription.prescriber.amNumber || null,
      });
      const p = prescription;
      await registerCompletion(
        tx,
        item.dispensingId,
        {
          prescribedOn: p.issuedAt,
          prescriber: p.prescriber.name,
          prescriberRpps: p.prescriber.rpps,
          patientName: `${p.patient.lastName} ${p.patient.firstName}`,
        },
        new Date().toISOString(),
      );
    });
    const products = await this.store.catalogue.factsFor([
      ...prescription.lines.map((l) => l.product.cip13),
      ...paper.items.map((i) => i.cip13),
    ]);
    const result = executionFromPaper(
      prescription,
      paper,
      products,
      item.executionId,
      await this.store.settings.get('regulation.transmissionPhase'),
    );
    if ('refusal' in result) {
      await record(async (tx) => {
        await tx.outbox.markRefused(item.executionId, result.refusal.code, result.refusal.message);
        await tx.audit.append(paper.pharmacistRpps, 'execution.refused', item.prescriptionId, {
          executionId: item.executionId,
          code: result.refusal.code,
        });
      });
      this.log.warn('outbox.paper_refused', { code: result.refusal.code });
      return null;
    }
    await record((tx) => tx.outbox.setBody(item.executionId, result.body));
    return { ...item, body: result.body };
  }

  /** Tries with the lease it has; a lost lease is taken again and the same body resent. */
  private async execute(item: OutboxItem & { body: ExecutionBody }, record: (fn: (tx: Store) => Promise<void>) => Promise<void>) {
    try {
      return await this.client.execute(item.prescriptionId, item.leaseToken ?? '', item.body);
    } catch (error) {
      if (!(error instanceof TeleserviceError) || !LEASE_LOST.has(error.code)) throw error;
      const lease = await this.client.takeLease(item.prescriptionId);
      await record((tx) => tx.outbox.setLeaseToken(item.executionId, lease.leaseToken));
      return this.client.execute(item.prescriptionId, lease.leaseToken, item.body);
    }
  }
}

/** Items grouped by key, each group and the groups in first-seen order. */
function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
