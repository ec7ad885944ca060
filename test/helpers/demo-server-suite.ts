import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { RunningAmServer } from '../../src/am-server/am-server.js';
import { TeleserviceClient } from '../../src/main/services/teleservice/teleservice-client.js';
import { type AmTestClient, TOKENS, startDemoServer } from './am-fixture.js';

export type DemoServerSuite = { server: RunningAmServer; admin: AmTestClient; client: TeleserviceClient };

/**
 * One real demo téléservice for the test file, reset before each test: `admin` speaks raw HTTP
 * (and /_mock), `client` is the workstation's own client as the pharmacy, without retries.
 * The fields are filled in beforeAll: read them inside tests only.
 */
export function demoServerSuite(): DemoServerSuite {
  const suite = {} as DemoServerSuite;
  beforeAll(async () => {
    const { server, client } = await startDemoServer();
    Object.assign(suite, {
      server,
      admin: client,
      client: new TeleserviceClient({ baseUrl: server.url, token: TOKENS.pharmacy, retries: 0, timeoutMs: 3000 }),
    });
  });
  afterAll(() => suite.server?.close());
  beforeEach(async () => void (await suite.admin.call('POST', '/_mock/reset')));
  return suite;
}
