import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import type { TeleserviceClient } from '../teleservice/teleservice-client.js';
import type { SendReport, Transmission, Transmitter } from './transmission.js';
import { CANCELLED_BEFORE_SENDING } from './dispensing-cancellation.js';

/**
 * The cancellations' side of the outbox, run inside the outbox sender's one run (never alongside a
 * send of the same execution). An execution cancelled before it left is simply never sent; one the
 * téléservice has gets `POST /v1/executions/{id}/cancel`, sent as every queue's item is (`Transmitter`).
 */
export class CancellationSender {
  constructor(
    private readonly store: Store,
    private readonly client: TeleserviceClient,
    private readonly log: Logger,
    private readonly transmitter: Transmitter,
  ) {}

  /**
   * Before sending executions: those cancelled while still waiting stay here, nothing to send. The
   * execution is withdrawn only if it still waits in that very statement: another counter sending it
   * meanwhile wins, and the cancellation then goes to the téléservice like any other.
   */
  async settleUnsent(): Promise<void> {
    for (const c of await this.store.cancellations.pending()) {
      const execution = await this.store.outbox.byExecutionId(c.executionId);
      if (execution?.state === 'SENT') continue;
      const settled = await this.store.transaction(async (tx) => {
        const withdrawn =
          execution?.state === 'PENDING' &&
          (await tx.outbox.markRefused(
            c.executionId,
            CANCELLED_BEFORE_SENDING,
            'Délivrance annulée avant transmission : rien n’a été envoyé.',
          ));
        if (execution?.state === 'PENDING' && !withdrawn) return false;
        return tx.cancellations.markDone(c.executionId, 'LOCAL');
      });
      this.log.info(settled ? 'cancellation.local' : 'cancellation.raced_send', {});
    }
  }

  /** After sending executions: the cancellations of those the téléservice has. */
  async sendDue(now: Date, all: boolean): Promise<SendReport> {
    const due = all ? await this.store.cancellations.pending() : await this.store.cancellations.due(now.toISOString());
    const sent = new Set<string>();
    for (const c of due) if ((await this.store.outbox.byExecutionId(c.executionId))?.state === 'SENT') sent.add(c.executionId);
    return this.transmitter.drain(
      due.filter((c) => sent.has(c.executionId)),
      (c): Transmission => ({
        attempts: c.attempts,
        send: async () => void (await this.client.cancelExecution(c.executionId, c.reason)),
        sent: () =>
          this.store.transaction(async (tx) => {
            await tx.cancellations.markDone(c.executionId, 'SENT');
            await tx.audit.append('système', 'cancellation.sent', c.executionId, { dispensingId: c.dispensingId });
          }),
        retry: async (code, message, next) => void (await this.store.cancellations.markRetry(c.executionId, code, message, next)),
        refused: async (code, message) =>
          void (await this.store.cancellations.markRefused(c.executionId, code, `Annulation refusée, à régulariser : ${message}`)),
      }),
      'cancellation',
    );
  }
}
