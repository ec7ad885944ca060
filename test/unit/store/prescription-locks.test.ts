import { describe, expect, it, vi } from 'vitest';
import { CounterLocks } from '../../../src/main/services/counter/counter-locks.js';
import { LOCK_STALE_MS } from '../../../src/main/services/store/prescription-locks.js';
import { ENGINES, testStores } from '../../helpers/store-engines.js';

const stores = testStores();
const ID = '013XJ9K2M4P6R8T0V0';
const C1 = { id: 'a1f0c6e2-0000-4000-8000-000000000001', name: 'COMPTOIR-1' };
const C2 = { id: 'a1f0c6e2-0000-4000-8000-000000000002', name: 'COMPTOIR-2' };

describe.each(ENGINES)('a prescription open at one counter (%s)', (engine) => {
  it('is refused at another with who has it and since when, until given back', async () => {
    const first = await stores.open(engine, 'COMPTOIR-1');
    const second = await stores.again(first, 'COMPTOIR-2');
    const opened = new Date('2026-11-27T09:42:10Z');
    expect(await first.locks.acquire(ID, C1, opened)).toEqual({ acquired: true });
    expect(await second.locks.acquire(ID, C2, new Date(opened.getTime() + 5_000))).toEqual({
      acquired: false,
      workstation: 'COMPTOIR-1',
      openedAt: opened.toISOString(),
    });
    // The same counter again (F3 a second time): still its own, opened at the same time.
    expect(await first.locks.acquire(ID, C1, new Date(opened.getTime() + 6_000))).toEqual({ acquired: true });
    await first.locks.release(ID, C1.id);
    expect(await second.locks.acquire(ID, C2)).toEqual({ acquired: true });
  });

  it('goes stale when its counter stops beating, never blocking the pharmacy; a heartbeat keeps it', async () => {
    const first = await stores.open(engine, 'COMPTOIR-1');
    const t0 = new Date('2026-11-27T10:00:00Z');
    await first.locks.acquire(ID, C1, t0);
    await first.locks.heartbeat(C1.id, new Date(t0.getTime() + 20_000));
    expect(await first.locks.acquire(ID, C2, new Date(t0.getTime() + 20_000 + LOCK_STALE_MS - 1))).toMatchObject({ acquired: false });
    expect(await first.locks.acquire(ID, C2, new Date(t0.getTime() + 20_000 + LOCK_STALE_MS + 1))).toEqual({ acquired: true });
  });

  it('is had by exactly one of four counters opening it at the same moment', async () => {
    const first = await stores.open(engine, 'COMPTOIR-1');
    const counters =
      engine === 'sqlite' ? [first] : [first, ...(await Promise.all([2, 3, 4].map((n) => stores.again(first, `COMPTOIR-${n}`))))];
    const attempts = counters.flatMap((c, i) =>
      [0, 1].map(async () => ({
        who: `COMPTOIR-${i + 1}`,
        outcome: await c.locks.acquire('010000000000000ABZ', { id: `id-${i + 1}`, name: `COMPTOIR-${i + 1}` }),
      })),
    );
    const results = await Promise.all(attempts);
    const holders = new Set(results.filter((r) => r.outcome.acquired).map((r) => r.who));
    expect(holders.size).toBe(1);
    // Everyone refused names that one holder.
    for (const r of results) if (!r.outcome.acquired) expect(r.outcome.workstation).toBe([...holders][0]);
  });

  it.runIf(engine === 'postgres')(
    'goes stale by the database’s clock, never a counter’s: a counter whose clock runs an hour ahead still sees it held',
    async () => {
      const first = await stores.open(engine, 'COMPTOIR-1');
      const second = await stores.again(first, 'COMPTOIR-2');
      expect(await first.locks.acquire(ID, C1)).toEqual({ acquired: true });
      vi.useFakeTimers({ toFake: ['Date'] });
      try {
        vi.setSystemTime(Date.now() + 60 * 60_000);
        expect(await second.locks.acquire(ID, C2)).toMatchObject({ acquired: false, workstation: 'COMPTOIR-1' });
        // Its heartbeat too is the server's time: an hour-late counter never makes its own locks look stale.
        vi.setSystemTime(Date.now() - 2 * 60 * 60_000);
        await first.locks.heartbeat(C1.id);
      } finally {
        vi.useRealTimers();
      }
      expect(await second.locks.acquire(ID, C2)).toMatchObject({ acquired: false });
    },
  );

  it('a failed heartbeat is told (once), so the counter can show it', async () => {
    const store = await stores.again(await stores.open(engine, 'COMPTOIR-1'));
    const told: boolean[] = [];
    const locks = new CounterLocks(store, C1, (ok) => told.push(ok));
    expect(await locks.beat()).toBe(true);
    await store.close();
    expect(await locks.beat()).toBe(false);
    expect(await locks.beat()).toBe(false);
    expect(told).toEqual([false]);
  });

  it('says « Ordonnance ouverte au poste <nom> depuis hh:mm » at the counter, and a restart frees its own', async () => {
    const first = await stores.open(engine, 'COMPTOIR-1');
    const a = new CounterLocks(first, C1);
    const b = new CounterLocks(await stores.again(first, 'COMPTOIR-2'), C2);
    await a.start();
    await b.start();
    await a.take(ID);
    await expect(b.take(ID)).rejects.toMatchObject({
      code: 'OPEN_AT_OTHER_COUNTER',
      message: expect.stringMatching(/^Ordonnance ouverte au poste COMPTOIR-1 depuis \d{2}:\d{2}$/),
    });
    await a.stop();
    await b.take(ID);
    await b.stop();
  });

  it('tells apart two counters of one host by their id, not their name: one’s restart never frees the other’s', async () => {
    const first = await stores.open(engine, 'CAISSE');
    const twinA = { id: 'b2000000-0000-4000-8000-00000000000a', name: 'CAISSE' };
    const twinB = { id: 'b2000000-0000-4000-8000-00000000000b', name: 'CAISSE' };
    const a = new CounterLocks(first, twinA);
    const b = new CounterLocks(await stores.again(first, 'CAISSE'), twinB);
    await a.start();
    await b.start();
    await a.take(ID);
    // Same name, another counter: refused, and B's start (a restart) left A's lock alone.
    await expect(b.take(ID)).rejects.toMatchObject({ code: 'OPEN_AT_OTHER_COUNTER' });
    await b.stop();
    await b.start();
    await expect(b.take(ID)).rejects.toMatchObject({ code: 'OPEN_AT_OTHER_COUNTER' });
    await a.stop();
    await b.take(ID);
    await b.stop();
  });

  it('names each counter once in the pharmacy: a second asking for a name held by another gets « name (2) », and each keeps its own at its restart', async () => {
    const store = await stores.open(engine, 'x');
    expect(await store.counters.register('id-a', 'CAISSE', 'hote')).toBe('CAISSE');
    expect(await store.counters.register('id-b', 'CAISSE', 'hote')).toBe('CAISSE (2)');
    expect(await store.counters.register('id-c', 'CAISSE', 'hote')).toBe('CAISSE (3)');
    expect(await store.counters.register('id-b', 'CAISSE', 'hote')).toBe('CAISSE (2)');
    expect(await store.counters.register('id-a', 'CAISSE', 'hote')).toBe('CAISSE');
    // Renamed on purpose (COMPTOIR_WORKSTATION): the new name, when free.
    expect(await store.counters.register('id-b', 'ORDONNANCES', 'hote')).toBe('ORDONNANCES');
    expect(await store.counters.register('id-d', 'CAISSE', 'hote')).toBe('CAISSE (2)');
  });
});
