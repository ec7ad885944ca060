import type { Logger } from '../logger.js';
import { TeleserviceError } from '../teleservice/teleservice-client.js';
import { isTokenRefusal, type TeleserviceAccess } from '../teleservice/teleservice-access.js';

export type SendReport = { sent: number; retried: number; refused: number };
/** `paused`: this counter's token refused — the item untouched, waiting for a counter that can send it. */
export type TransmitOutcome = keyof SendReport | 'paused';

/** One waiting item of a transmission queue, as the one sending loop handles it. */
export type Transmission = {
  attempts: number;
  /** The téléservice call; `refused` when it found the item refused and wrote so itself (nothing more to record). */
  send: () => Promise<void | 'refused'>;
  /** What is recorded once it is sent (the row and its audit, one transaction). */
  sent: () => Promise<void>;
  retry: (code: string, message: string, nextAttemptAt: string) => Promise<void>;
  refused: (code: string, message: string) => Promise<void>;
  /** Refusals that clear by themselves (another pharmacy's lock ends): tried again later. */
  waitAndRetry?: ReadonlySet<string>;
};

/** The longest a server's `Retry-After` is honoured: a wrong header never parks the queue for a day. */
const MAX_RETRY_AFTER_MS = 60 * 60_000;

/**
 * How long an item waits before its next try: doubling from `baseMs` up to `maxMs`, with jitter
 * (between half and all of it: counters that failed together do not come back together), and never
 * sooner than the server asked (429 or 503 with `Retry-After`).
 */
export class Backoff {
  constructor(
    private readonly baseMs = 2_000,
    private readonly maxMs = 5 * 60_000,
    private readonly random: () => number = Math.random,
  ) {}

  delay(attempts: number, retryAfterMs: number | null = null): number {
    const full = Math.min(this.maxMs, this.baseMs * 2 ** Math.min(attempts, 16));
    const jittered = Math.round(full / 2 + (full / 2) * this.random());
    return Math.max(jittered, Math.min(retryAfterMs ?? 0, MAX_RETRY_AFTER_MS));
  }
}

/**
 * The one way every queue's item is sent and its outcome written: sent; not now (no answer, a 5xx,
 * a 429: retried after the backoff); this counter's token refused (paused, the item untouched);
 * otherwise refused for good, « à régulariser » with the server's reason.
 */
export class Transmitter {
  constructor(
    private readonly access: TeleserviceAccess,
    private readonly log: Logger,
    private readonly now: () => Date,
    readonly backoff: Backoff,
  ) {}

  async transmit(t: Transmission, event: string): Promise<TransmitOutcome> {
    try {
      if ((await t.send()) === 'refused') return 'refused';
      await t.sent();
      this.log.info(`${event}.sent`, { attempts: t.attempts + 1 });
      return 'sent';
    } catch (error) {
      const e = TeleserviceError.from(error);
      if (isTokenRefusal(e) && !(await this.access.refusedItem(e))) {
        this.log.warn(`${event}.paused_token_refused`, { code: e.code });
        return 'paused';
      }
      if (e.transient || t.waitAndRetry?.has(e.code)) {
        await t.retry(e.code, e.message, new Date(this.now().getTime() + this.backoff.delay(t.attempts, e.retryAfterMs)).toISOString());
        this.log.warn(`${event}.retry`, { code: e.code, attempts: t.attempts + 1 });
        return 'retried';
      }
      await t.refused(e.code, e.message);
      this.log.warn(`${event}.refused`, { code: e.code });
      return 'refused';
    }
  }

  /** A queue's due items one after the other; a paused counter stops (the rest waits for another). */
  async drain<T>(items: T[], transmission: (item: T) => Transmission | null, event: string): Promise<SendReport> {
    const report: SendReport = { sent: 0, retried: 0, refused: 0 };
    for (const item of items) {
      const t = transmission(item);
      if (t === null) continue;
      const outcome = await this.transmit(t, event);
      if (outcome === 'paused') break;
      report[outcome]++;
    }
    return report;
  }
}
