import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAmServer } from '../../../src/am-server/am-server.js';
import { EventBus } from '../../../src/main/services/event-bus.js';
import { TeleserviceClient } from '../../../src/main/services/teleservice/teleservice-client.js';
import { TeleserviceMonitor } from '../../../src/main/services/teleservice/teleservice-monitor.js';
import { type AmTestClient, TOKENS, startDemoServer } from '../../helpers/am-fixture.js';

let server: RunningAmServer;
let admin: AmTestClient;
beforeAll(async () => void ({ server, client: admin } = await startDemoServer()));
afterAll(() => server.close());

describe('the téléservice monitor', () => {
  it('says once when the server goes away, and once when it is back', async () => {
    const bus = new EventBus();
    const heard: boolean[] = [];
    bus.subscribe((event, payload) => event === 'teleservice.status' && heard.push((payload as { reachable: boolean }).reachable));
    const monitor = new TeleserviceMonitor(
      new TeleserviceClient({ baseUrl: server.url, token: TOKENS.pharmacy, retries: 0, timeoutMs: 1000 }),
      bus,
    );
    expect(await monitor.check()).toBe(true);
    expect(await monitor.check()).toBe(true);
    await admin.call('POST', '/_mock/faults', { body: { down: true } });
    expect(await monitor.check()).toBe(false);
    expect(await monitor.check()).toBe(false);
    await admin.call('POST', '/_mock/faults', { body: {} });
    expect(await monitor.check()).toBe(true);
    expect(heard).toEqual([true, false, true]);
  });
});
