import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import { TeleserviceError, type TeleserviceClient } from '../teleservice/teleservice-client.js';
import { isTokenRefusal, type TeleserviceAccess } from '../teleservice/teleservice-access.js';
import { CANCELLED_BEFORE_SENDING } from './dispensing-cancellation.js';

/**
 * The cancellations' side of the outbox, run inside the outbox sender's one run (never alongside a
 * send of the same execution). An execution cancelled before it left is simply never sent; one the
 * téléservice has gets `POST /v1/executions/{id}/cancel`, with the same backoff and refusals.
 */
export class CancellationSender {
  constructor(
    private readonly store: Store,
    private readonly client: TeleserviceClient,
    private readonly log: Logger,
    private readonly access: TeleserviceAccess,
    private readonly backoff: (attempts: number) => number,
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
        const withdrawn = execution?.state === 'PENDING' && (await tx.outbox.markRefused(c.executionId, CANCELLED_BEFORE_SENDING, 'Délivrance annulée avant transmission : rien n’a été envoyé.'));
        if (execution?.state === 'PENDING' && !withdrawn) return false;
        return tx.cancellations.markDone(c.executionId, 'LOCAL');
      });
      this.log.info(settled ? 'cancellation.local' : 'cancellation.raced_send', {});
    }
  }

  /** After sending executions: the cancellations of those the téléservice has. */
  async sendDue(now: Date, all: boolean): Promise<{ sent: number; retried: number; refused: number }> {
    const report = { sent: 0, retried: 0, refused: 0 };
    const due = all ? await this.store.cancellations.pending() : await this.store.cancellations.due(now.toISOString());
    for (const c of due) {
      if ((await this.store.outbox.byExecutionId(c.executionId))?.state !== 'SENT') continue;
      try {
        await this.client.cancelExecution(c.executionId, c.reason);
        await this.store.transaction(async (tx) => {
          await tx.cancellations.markDone(c.executionId, 'SENT');
          await tx.audit.append('système', 'cancellation.sent', c.executionId, { dispensingId: c.dispensingId });
        });
        report.sent++;
      } catch (error) {
        const e = TeleserviceError.from(error);
        // This counter's token refused: the item waits, untouched, for a counter that can send it.
        if (isTokenRefusal(e) && !(await this.access.refusedItem(e))) break;
        if (e.transient) {
          await this.store.cancellations.markRetry(c.executionId, e.code, e.message, new Date(now.getTime() + this.backoff(c.attempts)).toISOString());
          report.retried++;
        } else {
          await this.store.cancellations.markRefused(c.executionId, e.code, `Annulation refusée, à régulariser : ${e.message}`);
          report.refused++;
        }
        this.log.warn('cancellation.not_sent', { code: e.code });
      }
    }
    return report;
  }
}
