import type { TeleserviceAccessState } from '../../../shared/contract/ipc-contract.js';
import type { EventBus } from '../event-bus.js';
import { TeleserviceError, type TeleserviceClient } from './teleservice-client.js';

/**
 * Whether this counter may send the pharmacy's work to the téléservice. The address is the
 * pharmacy's, the token each counter's own: a token refused (401, 403) is this counter's problem,
 * never the waiting items' — they stay for a counter that can send them. A counter sends only once
 * `GET /v1/me` has answered, for its token, a pharmacy with the pharmacy's FINESS.
 */
export class TeleserviceAccess {
  private current: TeleserviceAccessState;
  private checking: Promise<TeleserviceAccessState> | null = null;

  constructor(
    private readonly client: TeleserviceClient,
    /** The pharmacy's FINESS as its settings know it (null: not known yet, the téléservice says it). */
    private readonly expectedFiness: () => string | null,
    private readonly bus: EventBus | null = null,
  ) {
    this.current = client.configured ? 'checking' : 'not_configured';
  }

  state(): TeleserviceAccessState {
    return this.current;
  }

  /** True when sending is allowed: already verified, or verified now. */
  async granted(): Promise<boolean> {
    return this.current === 'granted' || (await this.verify()) === 'granted';
  }

  /** Asks `GET /v1/me` (concurrent callers share one request). No answer keeps the state as it was. */
  verify(): Promise<TeleserviceAccessState> {
    if (!this.client.configured) return Promise.resolve(this.current);
    this.checking ??= this.client
      .me()
      .then(
        (me) => this.set(me.kind !== 'pharmacy' ? 'token_refused' : this.finessMatches(me.finess) ? 'granted' : 'wrong_pharmacy'),
        (error: unknown) => this.set(isTokenRefusal(error) ? 'token_refused' : this.current),
      )
      .finally(() => (this.checking = null));
    return this.checking;
  }

  /**
   * A send answered 401 or 403: whose problem is it? Asked again, a téléservice that still knows
   * this counter's token as the pharmacy's refused the item (another pharmacy's execution, say);
   * otherwise the counter pauses and the item stays waiting, untouched.
   */
  async refusedItem(error: TeleserviceError): Promise<boolean> {
    if (!isTokenRefusal(error)) return true;
    this.current = 'checking';
    return (await this.verify()) === 'granted';
  }

  private finessMatches(finess: string | undefined): boolean {
    const expected = this.expectedFiness();
    return Boolean(finess) && (expected === null || expected === finess);
  }

  private set(state: TeleserviceAccessState): TeleserviceAccessState {
    if (state !== this.current) {
      this.current = state;
      this.bus?.emit('teleservice.access', { access: state });
    }
    return state;
  }
}

/** 401 or 403: the token (or what it may do) refused, not the request's content. */
export function isTokenRefusal(error: unknown): error is TeleserviceError {
  return error instanceof TeleserviceError && (error.status === 401 || error.status === 403);
}
