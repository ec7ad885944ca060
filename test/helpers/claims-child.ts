// A workstation process killed with -9 by the claims reliability test while its lot is in flight:
// it makes the lot of the FSEs waiting in its SQLite file, says MADE, and sends it when told (stdin).
import { makeLots } from '../../src/main/services/claims/lot-maker.js';
import { OutboxSender } from '../../src/main/services/counter/outbox-sender.js';
import { silentLogger } from '../../src/main/services/logger.js';
import { TeleserviceClient } from '../../src/main/services/teleservice/teleservice-client.js';
import { openTestStore } from './store-fixture.js';

const [file, url, token] = process.argv.slice(2) as [string, string, string];
const store = await openTestStore(file);
const sender = new OutboxSender(store, new TeleserviceClient({ baseUrl: url, token, timeoutMs: 20_000 }), silentLogger);
await sender.access.granted();
await makeLots(store, true);
process.stdout.write('MADE\n');
process.stdin.once('data', () => {
  void sender.sendDue(true).then(() => process.stdout.write('SENT\n'));
});
