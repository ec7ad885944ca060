import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningAmServer } from '../../../src/am-server/am-server.js';
import { TeleserviceClient, TeleserviceError } from '../../../src/main/services/teleservice/teleservice-client.js';
import { PrescriptionRetrieval } from '../../../src/main/services/counter/prescription-retrieval.js';
import type { ExecutionBody } from '../../../src/shared/teleservice/schemas.js';
import { type AmTestClient, TOKENS, fullExecution, startDemoServer } from '../../helpers/am-fixture.js';

let server: RunningAmServer;
let admin: AmTestClient;
let client: TeleserviceClient;
beforeAll(async () => {
  ({ server, client: admin } = await startDemoServer());
  client = new TeleserviceClient({ baseUrl: server.url, token: TOKENS.pharmacy, backoffMs: 20, timeoutMs: 2000 });
});
afterAll(() => server.close());
beforeEach(async () => void (await admin.call('POST', '/_mock/reset')));

async function failure(promise: Promise<unknown>): Promise<TeleserviceError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TeleserviceError) return error;
    throw error;
  }
  throw new Error('expected a TeleserviceError');
}

describe('TeleserviceClient against the real mock server', () => {
  it('takes a lease, fetches, executes and releases with typed answers', async () => {
    const lease = await client.takeLease('013XJ9K2M4P6R8T0V0');
    const p = await client.getPrescription('013XJ9K2M4P6R8T0V0');
    expect(p.lines).toHaveLength(3);
    const accepted = await client.execute(p.id, lease.leaseToken, fullExecution(p) as unknown as ExecutionBody);
    expect(accepted.receipt.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await client.me()).toMatchObject({ kind: 'pharmacy', finess: '750012345' });
  });

  it.each([
    ['LOCKED_BY_OTHER_DISPENSER', /^En cours de délivrance dans une autre officine depuis \d\d h \d\d\.$/],
    ['NOT_FOUND', /Numéro inconnu : vérifiez le numéro imprimé sous le QR code/],
  ])('maps %s to one French sentence', async (code, sentence) => {
    const other = new TeleserviceClient({ baseUrl: server.url, token: TOKENS.otherPharmacy });
    await other.takeLease('010000000000000ABZ');
    const id =
      code === 'NOT_FOUND'
        ? '01ZZZZZZZZZZZZZZZ' + (await import('../../../src/shared/ids/prescription-id.js')).prescriptionCheckChar('01ZZZZZZZZZZZZZZZ')
        : '010000000000000ABZ';
    const error = await failure(client.takeLease(id));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(sentence);
  });

  it('retries a 503 burst, then succeeds', async () => {
    await admin.call('POST', '/_mock/faults', { body: { failRate: 1 } });
    setTimeout(() => void admin.call('POST', '/_mock/faults', { body: {} }), 30);
    const patient = new TeleserviceClient({ baseUrl: server.url, token: TOKENS.pharmacy, backoffMs: 20, retries: 8 });
    const p = await patient.getPrescription('013XJ9K2M4P6R8T0V0');
    expect(p.id).toBe('013XJ9K2M4P6R8T0V0');
  });

  it('gives up after its retries with UNAVAILABLE, transient', async () => {
    await admin.call('POST', '/_mock/faults', { body: { down: true } });
    const error = await failure(client.getPrescription('013XJ9K2M4P6R8T0V0'));
    expect([error.code, error.transient]).toEqual(['UNAVAILABLE', true]);
    expect(error.message).toMatch(/Téléservice injoignable/);
  });

  it('replays an execution whose answer was lost and gets the receipt, applied once', async () => {
    const lease = await client.takeLease('013XJ9K2M4P6R8T0V0');
    const p = await client.getPrescription('013XJ9K2M4P6R8T0V0');
    const body = fullExecution(p) as unknown as ExecutionBody;
    await admin.call('POST', '/_mock/faults', { body: { dropResponseRate: 1 } });
    setTimeout(() => void admin.call('POST', '/_mock/faults', { body: {} }), 10);
    const patient = new TeleserviceClient({ baseUrl: server.url, token: TOKENS.pharmacy, backoffMs: 20, retries: 8 });
    const accepted = await patient.execute(p.id, lease.leaseToken, body);
    expect(accepted.executionId).toBe(body.executionId);
    const list = await admin.call('GET', `/v1/prescriptions/${p.id}/executions`, { token: TOKENS.pharmacy });
    expect(list.body.executions).toHaveLength(1);
  });

  it('says unreachable when nothing listens', async () => {
    const dead = new TeleserviceClient({ baseUrl: 'http://127.0.0.1:9', token: 'x', retries: 0 });
    const error = await failure(dead.getPrescription('013XJ9K2M4P6R8T0V0'));
    expect([error.code, error.status]).toEqual(['TELESERVICE_UNREACHABLE', 0]);
    expect(await dead.health()).toBe(false);
  });

  it('does not take a lease for an id whose check character is wrong', async () => {
    const retrieval = new PrescriptionRetrieval(client);
    await expect(retrieval.retrieve('013XJ9K2M4P6R8T0V1')).rejects.toMatchObject({ code: 'BAD_CHECK_CHARACTER' });
    await expect(retrieval.retrieve('hello')).rejects.toMatchObject({ code: 'NOT_A_PRESCRIPTION_ID' });
    const other = new TeleserviceClient({ baseUrl: server.url, token: TOKENS.otherPharmacy });
    expect((await other.takeLease('013XJ9K2M4P6R8T0V0')).leaseToken).toBeTruthy();
  });
});

describe('TeleserviceClient against a hostile server', () => {
  let hostile: Server;
  let url: string;
  let mode = 'garbage';
  beforeAll(async () => {
    hostile = createServer((req, res) => {
      if (mode === 'garbage') return void res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"id": ');
      if (mode === 'wrong-types') return void res.writeHead(200).end(JSON.stringify({ id: 42, lines: 'none' }));
      if (mode === 'huge') return void res.writeHead(200).end('"' + 'x'.repeat(3 * 1024 * 1024) + '"');
      if (mode === 'html-error') return void res.writeHead(500, { 'Content-Type': 'text/html' }).end('<h1>Bad gateway</h1>');
      if (mode === 'drip') {
        res.writeHead(200);
        const timer = setInterval(() => res.write(' '), 100);
        req.on('close', () => clearInterval(timer));
      }
    });
    await new Promise<void>((r) => hostile.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(hostile.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    hostile.closeAllConnections();
    hostile.close();
  });

  it.each([
    ['garbage', 'TELESERVICE_BAD_ANSWER'],
    ['wrong-types', 'TELESERVICE_BAD_ANSWER'],
    ['huge', 'TELESERVICE_BAD_ANSWER'],
    ['html-error', 'UNAVAILABLE'],
    ['drip', 'TELESERVICE_UNREACHABLE'],
  ])('turns a %s answer into %s, never a crash', async (m, code) => {
    mode = m;
    const c = new TeleserviceClient({ baseUrl: url, token: 'x', timeoutMs: 400, retries: 0 });
    const error = await failure(c.getPrescription('013XJ9K2M4P6R8T0V0'));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(/téléservice/i);
  });
});
