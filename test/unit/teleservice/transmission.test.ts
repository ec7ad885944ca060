import { describe, expect, it } from 'vitest';
import { Backoff } from '../../../src/main/services/counter/transmission.js';
import { retryAfterMs } from '../../../src/main/services/teleservice/teleservice-client.js';

describe('one backoff for every transmission queue', () => {
  it('doubles from its base up to its ceiling, with jitter between half and all of it', () => {
    const low = new Backoff(1_000, 60_000, () => 0);
    const high = new Backoff(1_000, 60_000, () => 1);
    expect([0, 1, 2, 3].map((a) => low.delay(a))).toEqual([500, 1_000, 2_000, 4_000]);
    expect([0, 1, 2, 3].map((a) => high.delay(a))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(high.delay(30)).toBe(60_000);
    const any = new Backoff(1_000, 60_000);
    const delays = Array.from({ length: 100 }, () => any.delay(2));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(2_000);
    expect(Math.max(...delays)).toBeLessThanOrEqual(4_000);
  });

  it('never comes back sooner than the server asked (Retry-After), nor later than an hour for it', () => {
    const b = new Backoff(1_000, 60_000, () => 1);
    expect(b.delay(0, 120_000)).toBe(120_000);
    expect(b.delay(3, 1_000)).toBe(8_000);
    expect(b.delay(0, 86_400_000)).toBe(3_600_000);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-12-06T10:00:00Z');
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Sun, 06 Dec 2026 10:02:00 GMT', now)).toBe(120_000);
    expect(retryAfterMs('Sun, 06 Dec 2026 09:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('bientôt', now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
  });
});
