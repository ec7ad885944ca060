import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ClaimsService } from '../../../src/main/services/claims/claims-service.js';
import { OutboxSender } from '../../../src/main/services/counter/outbox-sender.js';
import { silentLogger } from '../../../src/main/services/logger.js';
import type { Store } from '../../../src/main/services/store/store.js';
import { parisToday } from '../../../src/shared/format/paris-date.js';
import { TOKENS } from '../../helpers/am-fixture.js';
import { sendPieces } from '../../helpers/claims-fixture.js';
import { seedReadyFses } from '../../helpers/claims-seed.js';
import { demoServerSuite } from '../../helpers/demo-server-suite.js';
import { ENGINES, testStores } from '../../helpers/store-engines.js';
import { openTestStore, tempStoreFile } from '../../helpers/store-fixture.js';

const stores = testStores();
const demo = demoServerSuite();
const today = parisToday();

const counterOf = (store: Store) => {
  const sender = new OutboxSender(store, demo.client, silentLogger, { backoffBaseMs: 1, backoffMaxMs: 1 });
  return { sender, claims: new ClaimsService(store, demo.client, sender, silentLogger, () => '10001234565') };
};
const caisseLots = async () =>
  (await demo.admin.call('GET', '/sv/v1/lots', { token: TOKENS.pharmacy })).body.lots as { fseCount: number }[];
const mailbox = async () => {
  const out: { type: string; seq: number }[] = [];
  for (let after = 0; ;) {
    const page = (await demo.admin.call('GET', `/sv/v1/mailbox?after=${after}&limit=1000`, { token: TOKENS.pharmacy })).body;
    if (page.messages.length === 0) return out;
    out.push(...page.messages);
    after = page.cursor;
  }
};

describe.each(ENGINES)('Claims never lost, never doubled (%s)', (engine) => {
  it('a lost answer to S1: sent again with its lotId, the caisse keeps one lot; its ARL read first marks it received', async () => {
    const store = await stores.open(engine);
    const { sender, claims } = counterOf(store);
    await seedReadyFses(store, 3, today);
    await sender.sendDue(); // this counter's token verified (GET /v1/me) while the server answers
    await demo.admin.call('POST', '/_mock/faults', { body: { dropResponseRate: 1 } });
    const first = await claims.transmit();
    // Its answer lost: not sent as far as the counter knows; the mailbox does not answer either, and it is said.
    expect(first).toMatchObject({ lots: 1, sent: 0, message: expect.stringMatching(/retours illisibles pour l’instant/) });
    expect((await store.claimLots.recent())[0]).toMatchObject({ state: 'PENDING', attempts: 1 });
    await demo.admin.call('POST', '/_mock/faults', { body: {} });
    // The ARL (the caisse has the lot) read before any resend: received, never sent again.
    await claims.readMailbox();
    expect((await store.claimLots.recent())[0]).toMatchObject({ state: 'SENT', arl: 'POSITIF' });
    expect((await sender.sendDue(true)).sent).toBe(0);
    expect(await caisseLots()).toHaveLength(1);

    // Another lot whose answer is lost, sent again: the first answer back, one lot at the caisse.
    await seedReadyFses(store, 2, today);
    await demo.admin.call('POST', '/_mock/faults', { body: { dropResponseRate: 1 } });
    await claims.transmit().catch(() => null);
    await demo.admin.call('POST', '/_mock/faults', { body: {} });
    expect((await sender.sendDue(true)).sent).toBe(1);
    expect((await caisseLots()).map((l) => l.fseCount).sort()).toEqual([2, 3]);
    await claims.readMailbox();
    expect((await store.fses.all()).every((f) => f.state === 'ARL_POSITIF')).toBe(true);
  });

  it('a crash between reading the mailbox and applying it: nothing applied, the next read applies each message once', async () => {
    const store = await stores.open(engine);
    const { claims } = counterOf(store);
    const fses = await seedReadyFses(store, 4, today);
    await sendPieces(demo.admin, fses);
    await claims.transmit();
    await demo.admin.call('POST', '/_mock/sv/liquidate', { body: {} });
    // The applying transaction dies at its end (as a kill -9 before the commit would leave it).
    const crash = Object.getPrototypeOf(store.claimMessages) as { advance: (cursor: number) => Promise<void> };
    const original = crash.advance;
    crash.advance = async () => {
      throw new Error('killed');
    };
    await expect(claims.readMailbox()).rejects.toThrow();
    crash.advance = original;
    expect((await store.fses.all()).filter((f) => f.amoOutcome !== null)).toHaveLength(0);
    await claims.readMailbox();
    await claims.readMailbox();
    const applied = await store.claimMessages.all(['ARL', 'RSP', 'VIREMENT']);
    expect(applied.map((m) => m.seq)).toEqual((await mailbox()).map((m) => m.seq));
    const paid = (await store.fses.all()).reduce((s, f) => s + f.amoPaidCents + f.lateFeeCents, 0);
    const virements = applied.filter((m) => m.type === 'VIREMENT').reduce((s, m) => s + (m as { totalCents: number }).totalCents, 0);
    expect(paid).toBe(virements);
    expect(paid).toBeGreaterThan(0);
  });

  it.runIf(engine === 'sqlite')(
    'a kill -9 while a lot is in flight: after the restart, the caisse has it once, every FSE in it',
    async () => {
      const file = tempStoreFile();
      const seeded = await openTestStore(file);
      const fses = await seedReadyFses(seeded, 5, today);
      await seeded.close();
      await sendPieces(demo.admin, fses);
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/claims-child.ts', file, demo.server.url, TOKENS.pharmacy], {
        stdio: ['pipe', 'pipe', 'inherit'],
      });
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => d.toString().includes('MADE') && resolve());
        child.on('exit', () => reject(new Error('child exited before making its lot')));
      });
      // The lot leaves, the server holds it 700 ms (then records it), the counter dies meanwhile.
      await demo.admin.call('POST', '/_mock/faults', { body: { latencyMs: 700 } });
      child.stdin.write('go\n');
      await new Promise((r) => setTimeout(r, 250));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      await new Promise((r) => setTimeout(r, 900));
      await demo.admin.call('POST', '/_mock/faults', { body: {} });

      const store = await openTestStore(file);
      expect((await store.claimLots.recent()).map((l) => l.state)).toEqual(['PENDING']);
      const { sender, claims } = counterOf(store);
      expect((await sender.sendDue(true)).sent).toBe(1);
      expect(await caisseLots()).toEqual([expect.objectContaining({ fseCount: 5, arl: 'POSITIF' })]);
      await claims.readMailbox();
      expect((await store.fses.all()).map((f) => f.state)).toEqual(Array(5).fill('ARL_POSITIF'));
      await store.close();
    },
  );

  it.runIf(engine === 'postgres')(
    'two counters making lots, sending and reading at once: each FSE in one lot, each message applied once',
    async () => {
      const first = await stores.open(engine);
      const second = await stores.again(first, 'poste-2');
      const fses = await seedReadyFses(first, 120, today);
      await sendPieces(demo.admin, fses);
      const a = counterOf(first);
      const b = counterOf(second);
      await Promise.all([a.claims.transmit(), b.claims.transmit(), a.claims.transmit()]);
      const lots = await caisseLots();
      expect(lots.reduce((s, l) => s + l.fseCount, 0)).toBe(120);
      expect(lots.every((l) => l.fseCount <= 50)).toBe(true);
      await demo.admin.call('POST', '/_mock/sv/liquidate', { body: {} });
      await Promise.all([a.claims.readMailbox(), b.claims.readMailbox(), a.claims.readMailbox(), b.claims.readMailbox()]);
      const applied = await first.claimMessages.all(['ARL', 'RSP', 'VIREMENT']);
      expect(applied.map((m) => m.seq)).toEqual((await mailbox()).map((m) => m.seq));
      const all = await first.fses.all();
      expect(all.filter((f) => f.amoOutcome === 'PAYE')).toHaveLength(120);
      const virements = applied.filter((m) => m.type === 'VIREMENT').reduce((s, m) => s + (m as { totalCents: number }).totalCents, 0);
      expect(all.reduce((s, f) => s + f.amoPaidCents, 0)).toBe(virements);
    },
  );
});
