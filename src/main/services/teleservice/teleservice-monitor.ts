import type { EventBus } from '../event-bus.js';
import type { TeleserviceClient } from './teleservice-client.js';

/** How often the téléservice is asked whether it answers: the status bar follows within this. */
export const MONITOR_INTERVAL_MS = 2_000;

/**
 * Whether the téléservice answers, kept current: `GET /v1/health` every couple of seconds, and
 * `teleservice.status` pushed to the screens whenever the answer changes, both ways.
 */
export class TeleserviceMonitor {
  private reachable: boolean | null = null;
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<boolean> | null = null;

  constructor(
    private readonly client: TeleserviceClient,
    private readonly bus: EventBus,
    private readonly intervalMs = MONITOR_INTERVAL_MS,
  ) {}

  start(): void {
    this.stop();
    const tick = (): void => {
      void this.check().finally(() => {
        this.timer = setTimeout(tick, this.intervalMs);
        this.timer.unref();
      });
    };
    tick();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Asks now (concurrent callers share one request) and says so if it changed. */
  check(): Promise<boolean> {
    this.checking ??= this.client
      .health()
      .then((reachable) => {
        if (reachable !== this.reachable) {
          this.reachable = reachable;
          this.bus.emit('teleservice.status', { reachable });
        }
        return reachable;
      })
      .finally(() => (this.checking = null));
    return this.checking;
  }
}
