import { describe, expect, it } from 'vitest';
import { DEMO_PHARMACY } from '../../../src/am-server/demo/demo-actors.js';
import { cancelDispensing } from '../../../src/main/services/counter/dispensing-cancellation.js';
import { OutboxSender } from '../../../src/main/services/counter/outbox-sender.js';
import { silentLogger } from '../../../src/main/services/logger.js';
import { TeleserviceAccess } from '../../../src/main/services/teleservice/teleservice-access.js';
import { TeleserviceClient, type TeleserviceClientOptions } from '../../../src/main/services/teleservice/teleservice-client.js';
import { TOKENS } from '../../helpers/am-fixture.js';
import { demoServerSuite } from '../../helpers/demo-server-suite.js';
import { recordFromServer } from '../../helpers/dispensing-fixture.js';
import { ENGINES, testStores } from '../../helpers/store-engines.js';

const demo = demoServerSuite();
const stores = testStores();
const ID = '013XJ9K2M4P6R8T0V0';
const executionsAt = async () =>
  (await demo.admin.call('GET', `/v1/prescriptions/${ID}/executions`, { token: TOKENS.pharmacy })).body.executions ?? [];

/** A counter's sender with its own token, checked against the pharmacy's FINESS as start-workstation does. */
function counterSender(store: Parameters<typeof recordFromServer>[0], options: TeleserviceClientOptions) {
  const client = new TeleserviceClient(options);
  return new OutboxSender(store, client, silentLogger, { access: new TeleserviceAccess(client, () => DEMO_PHARMACY.finess) });
}

describe.each(ENGINES)('a counter whose téléservice token is refused never refuses the pharmacy’s work (%s)', (engine) => {
  it('a wrong token: its sender pauses, the waiting execution stays untouched, and a counter with the right token sends it once', async () => {
    const first = await stores.open(engine, 'COMPTOIR-1');
    const { executionId } = await recordFromServer(first, demo.client, ID);
    const second = await stores.again(first, 'COMPTOIR-2');
    const wrong = counterSender(second, { baseUrl: demo.server.url, token: 'jeton-errone-0000', retries: 0 });
    expect(await wrong.sendDue()).toEqual({ sent: 0, retried: 0, refused: 0 });
    expect(wrong.access.state()).toBe('token_refused');
    expect(await second.outbox.byExecutionId(executionId)).toMatchObject({ state: 'PENDING', attempts: 0, lastErrorCode: null });
    expect(await executionsAt()).toEqual([]);
    const right = counterSender(first, { baseUrl: demo.server.url, token: TOKENS.pharmacy, retries: 0 });
    expect(await right.sendDue()).toEqual({ sent: 1, retried: 0, refused: 0 });
    expect(await executionsAt()).toHaveLength(1);
  });

  it('another pharmacy’s token: « wrong_pharmacy », nothing sent under its name', async () => {
    const store = await stores.open(engine);
    const { executionId } = await recordFromServer(store, demo.client, ID);
    const sender = counterSender(store, { baseUrl: demo.server.url, token: TOKENS.otherPharmacy, retries: 0 });
    expect(await sender.sendDue()).toEqual({ sent: 0, retried: 0, refused: 0 });
    expect(sender.access.state()).toBe('wrong_pharmacy');
    expect(await store.outbox.byExecutionId(executionId)).toMatchObject({ state: 'PENDING', attempts: 0 });
    expect(await executionsAt()).toEqual([]);
  });

  it('a prescriber’s token is no pharmacy’s: refused', async () => {
    const store = await stores.open(engine);
    const sender = counterSender(store, { baseUrl: demo.server.url, token: TOKENS.prescriber, retries: 0 });
    expect(await sender.access.verify()).toBe('token_refused');
  });

  it('a token refused between the check and the send (401 on the execution): paused, the item untouched, sent once the token is right again', async () => {
    const store = await stores.open(engine);
    const { executionId } = await recordFromServer(store, demo.client, ID);
    const options: TeleserviceClientOptions = { baseUrl: demo.server.url, token: TOKENS.pharmacy, retries: 0 };
    const sender = counterSender(store, options);
    expect(await sender.access.verify()).toBe('granted');
    // The token revoked after it was checked (its secret replaced by a wrong one).
    options.token = 'jeton-revoque-0000';
    expect(await sender.sendDue()).toEqual({ sent: 0, retried: 0, refused: 0 });
    expect(sender.access.state()).toBe('token_refused');
    expect(await store.outbox.byExecutionId(executionId)).toMatchObject({ state: 'PENDING', attempts: 0, lastErrorCode: null });
    options.token = TOKENS.pharmacy;
    expect(await sender.sendDue()).toEqual({ sent: 1, retried: 0, refused: 0 });
    expect(sender.access.state()).toBe('granted');
  });

  it('a cancellation waits too, untouched, while the token is refused', async () => {
    const store = await stores.open(engine);
    const { dispensingId, executionId } = await recordFromServer(store, demo.client, ID);
    const options: TeleserviceClientOptions = { baseUrl: demo.server.url, token: TOKENS.pharmacy, retries: 0 };
    const sender = counterSender(store, options);
    expect(await sender.sendDue()).toMatchObject({ sent: 1 });
    await cancelDispensing(store, { dispensingId, reason: 'retour du patient', actor: DEMO_PHARMACY.pharmacistRpps });
    options.token = 'jeton-revoque-0000';
    await sender.sendDue();
    expect(await store.cancellations.byExecutionId(executionId)).toMatchObject({ state: 'PENDING', attempts: 0 });
    options.token = TOKENS.pharmacy;
    await sender.sendDue();
    expect((await store.cancellations.byExecutionId(executionId))?.state).toBe('SENT');
    expect((await executionsAt())[0]).toMatchObject({ executionId, cancelled: true });
  });

  it('a 403 on an item while the token is the pharmacy’s is the item’s refusal (another pharmacy’s execution), never a pause', async () => {
    const store = await stores.open(engine);
    // Leased and sent by the other pharmacy's token: its cancellation by ours is FORBIDDEN at the téléservice.
    const other = new TeleserviceClient({ baseUrl: demo.server.url, token: TOKENS.otherPharmacy, retries: 0 });
    const { dispensingId, executionId } = await recordFromServer(store, other, ID);
    expect(await new OutboxSender(store, other, silentLogger).sendDue()).toMatchObject({ sent: 1 });
    await cancelDispensing(store, { dispensingId, reason: 'erreur', actor: DEMO_PHARMACY.pharmacistRpps });
    const ours = counterSender(store, { baseUrl: demo.server.url, token: TOKENS.pharmacy, retries: 0 });
    await ours.sendDue();
    expect(ours.access.state()).toBe('granted');
    expect(await store.cancellations.byExecutionId(executionId)).toMatchObject({ state: 'REFUSED', lastErrorCode: 'FORBIDDEN' });
  });
});

describe.each(ENGINES)('each counter’s own settings on one database (%s)', (engine) => {
  it('the first start done and the e-reader chosen are each counter’s; the pharmacy’s settings are shared', async () => {
    const base = await stores.open(engine);
    const first = base.as({ id: 'c1-aaaa', name: 'COMPTOIR-1' });
    const second = (await stores.again(base)).as({ id: 'c2-bbbb', name: 'COMPTOIR-2' });
    await first.settings.set('setup.completed', true);
    await first.settings.set('reader.choice', { mode: 'wedge', devicePath: null, layout: 'fr' });
    await first.settings.set('regulation.transmissionPhase', 2);
    expect(await second.settings.get('setup.completed')).toBe(false);
    expect(await second.settings.get('reader.choice')).toEqual({ mode: 'auto', devicePath: null, layout: 'us' });
    expect(await second.settings.get('regulation.transmissionPhase')).toBe(2);
    expect(await first.settings.get('setup.completed')).toBe(true);
  });

  it('a counter’s own file written before settings were per counter keeps its choices (not a shared database)', async () => {
    const base = await stores.open(engine);
    await base.settings.set('setup.completed', true);
    expect(await base.as({ id: 'c1-aaaa', name: 'COMPTOIR-1' }).settings.get('setup.completed')).toBe(engine === 'sqlite');
  });
});
