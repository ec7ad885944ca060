import { describe, expect, it } from 'vitest';
import { CounterLocks } from '../../../src/main/services/counter/counter-locks.js';
import { LOCK_STALE_MS } from '../../../src/main/services/store/prescription-locks.js';
import { ENGINES, testStores } from '../../helpers/store-engines.js';

const stores = testStores();
const ID = '013XJ9K2M4P6R8T0V0';

describe.each(ENGINES)('a prescription open at one counter (%s)', (engine) => {
  it('is refused at another with who has it and since when, until given back', async () => {
    const first = await stores.open(engine, 'COMPTOIR-1');
    const second = await stores.again(first, 'COMPTOIR-2');
    const opened = new Date('2026-11-27T09:42:10Z');
    expect(await first.locks.acquire(ID, 'COMPTOIR-1', opened)).toEqual({ acquired: true });
    expect(await second.locks.acquire(ID, 'COMPTOIR-2', new Date(opened.getTime() + 5_000))).toEqual({ acquired: false, workstation: 'COMPTOIR-1', openedAt: opened.toISOString() });
    // The same counter again (F3 a second time): still its own, opened at the same time.
    expect(await first.locks.acquire(ID, 'COMPTOIR-1', new Date(opened.getTime() + 6_000))).toEqual({ acquired: true });
    await first.locks.release(ID, 'COMPTOIR-1');
    expect(await second.locks.acquire(ID, 'COMPTOIR-2')).toEqual({ acquired: true });
  });

  it('goes stale when its counter stops beating, never blocking the pharmacy; a heartbeat keeps it', async () => {
    const first = await stores.open(engine, 'COMPTOIR-1');
    const t0 = new Date('2026-11-27T10:00:00Z');
    await first.locks.acquire(ID, 'COMPTOIR-1', t0);
    await first.locks.heartbeat('COMPTOIR-1', new Date(t0.getTime() + 20_000));
    expect(await first.locks.acquire(ID, 'COMPTOIR-2', new Date(t0.getTime() + 20_000 + LOCK_STALE_MS - 1))).toMatchObject({ acquired: false });
    expect(await first.locks.acquire(ID, 'COMPTOIR-2', new Date(t0.getTime() + 20_000 + LOCK_STALE_MS + 1))).toEqual({ acquired: true });
  });

  it('is had by exactly one of four counters opening it at the same moment', async () => {
    const first = await stores.open(engine, 'COMPTOIR-1');
    const counters = engine === 'sqlite' ? [first] : [first, ...(await Promise.all([2, 3, 4].map((n) => stores.again(first, `COMPTOIR-${n}`))))];
    const attempts = counters.flatMap((c, i) => [0, 1].map(async () => ({ who: `COMPTOIR-${i + 1}`, outcome: await c.locks.acquire('010000000000000ABZ', `COMPTOIR-${i + 1}`) })));
    const results = await Promise.all(attempts);
    const holders = new Set(results.filter((r) => r.outcome.acquired).map((r) => r.who));
    expect(holders.size).toBe(1);
    // Everyone refused names that one holder.
    for (const r of results) if (!r.outcome.acquired) expect(r.outcome.workstation).toBe([...holders][0]);
  });

  it('says « Ordonnance ouverte au poste <nom> depuis hh:mm » at the counter, and a restart frees its own', async () => {
    const first = await stores.open(engine, 'COMPTOIR-1');
    const a = new CounterLocks(first, 'COMPTOIR-1');
    const b = new CounterLocks(await stores.again(first, 'COMPTOIR-2'), 'COMPTOIR-2');
    await a.start();
    await b.start();
    await a.take(ID);
    await expect(b.take(ID)).rejects.toMatchObject({ code: 'OPEN_AT_OTHER_COUNTER', message: expect.stringMatching(/^Ordonnance ouverte au poste COMPTOIR-1 depuis \d{2}:\d{2}$/) });
    await a.stop();
    await b.take(ID);
    await b.stop();
  });
});
