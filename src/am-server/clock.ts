import { parisToday } from '../shared/format/paris-date.js';

/** The server's clock, which the mock controls can move (validity, lease and ApCV expiry). */
export class MockClock {
  private offsetMs = 0;
  private fixed = false;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Sets "now"; time then keeps running from there. Null returns to real time. */
  set(now: Date | null): void {
    this.fixed = now !== null;
    this.offsetMs = now === null ? 0 : now.getTime() - Date.now();
  }

  isMoved(): boolean {
    return this.fixed;
  }

  /** Today's date (YYYY-MM-DD) in France, where prescriptions are dated. */
  today(): string {
    return parisToday(this.now());
  }
}

export { parisToday as parisDate } from '../shared/format/paris-date.js';

/** ISO instant with the Paris offset, e.g. 2026-11-26T10:42:00+01:00. */
export function parisInstant(instant: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'longOffset',
  }).formatToParts(instant);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  const offset = get('timeZoneName').replace('GMT', '') || '+00:00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}${offset}`;
}

/** The instant (ms) a Paris day begins: 00:00 there is never skipped by the clock changes (02:00, 03:00). */
export function parisMidnight(day: string): number {
  for (const offset of ['+02:00', '+01:00']) {
    const ms = Date.parse(`${day}T00:00:00${offset}`);
    if (parisInstant(new Date(ms)).startsWith(`${day}T00:00`)) return ms;
  }
  return Date.parse(`${day}T00:00:00+01:00`);
}
