import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MOCK_ADMIN_HEADER, startAmServer, type RunningAmServer } from '../../../src/am-server/am-server.js';
import { AmTestClient, TOKENS, startDemoServer } from '../../helpers/am-fixture.js';

let server: RunningAmServer;
let client: AmTestClient;
beforeAll(async () => ({ server, client } = await startDemoServer()));
afterAll(() => server.close());
beforeEach(async () => void (await client.call('POST', '/_mock/reset')));

describe('HTTP conventions', () => {
  it('answers 413 PAYLOAD_TOO_LARGE over 256 KiB', async () => {
    const res = await client.call('POST', '/v1/prescriptions', {
      token: TOKENS.prescriber,
      raw: JSON.stringify({ notes: 'x'.repeat(300 * 1024) }),
    });
    expect([res.status, res.body.error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
  });

  it.each(['{', '{"a":', 'nan', '\u0000\u0001', ''])('answers 400 MALFORMED_JSON for %j', async (raw) => {
    const res = await client.call('POST', '/v1/prescriptions/013XJ9K2M4P6R8T0V0/executions', { token: TOKENS.pharmacy, raw });
    expect([res.status, res.body.error.code]).toEqual([400, 'MALFORMED_JSON']);
  });

  it('answers 404 NO_ROUTE and 405 with Allow', async () => {
    const res = await client.call('GET', '/v1/nothing-here', { token: TOKENS.pharmacy });
    expect([res.status, res.body.error.code]).toEqual([404, 'NO_ROUTE']);
    expect((await client.call('GET', '/', {})).status).toBe(404);
    const wrong = await client.call('PUT', '/v1/prescriptions/013XJ9K2M4P6R8T0V0', { token: TOKENS.pharmacy });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
  });

  it('answers every error as {error:{code,message}} in French, never with a stack', async () => {
    const res = await client.call('POST', '/v1/prescriptions', { token: TOKENS.prescriber, body: { lines: 'DROP TABLE prescriptions;' } });
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.body.error.message).toMatch(/[a-zé]/);
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts|SQLITE|DROP TABLE/);
  });

  it('survives prototype-pollution keys in bodies', async () => {
    const raw = '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}},"reason":"erreur"}';
    const res = await client.call('POST', '/v1/executions/00000000-0000-4000-8000-000000000000/cancel', { token: TOKENS.pharmacy, raw });
    expect(res.status).toBe(404);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });
});

describe('mock controls', () => {
  it('are absent without --admin', async () => {
    const plain = await startAmServer({ seed: { actors: [], prescriptions: [] } });
    try {
      const res = await new AmTestClient(plain.url).call('POST', '/_mock/faults', { body: { down: true } });
      expect([res.status, res.body.error.code]).toEqual([404, 'NO_ROUTE']);
    } finally {
      await plain.close();
    }
  });

  it('with an admin secret, answer only requests that carry it in X-Mock-Admin (the embedded mock in tests)', async () => {
    const guarded = await startAmServer({ seed: { actors: [], prescriptions: [] }, adminToken: 'a-long-test-secret-0123' });
    try {
      const guardedClient = new AmTestClient(guarded.url);
      // A text/plain POST is what any web page may send cross-site: it must not reach the controls.
      const simple = await fetch(`${guarded.url}/_mock/reset`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' });
      expect(simple.status).toBe(404);
      const wrong = await guardedClient.call('POST', '/_mock/faults', {
        body: { down: true },
        headers: { [MOCK_ADMIN_HEADER]: 'a-long-test-secret-0124' },
      });
      expect([wrong.status, wrong.body.error.code]).toEqual([404, 'NO_ROUTE']);
      expect((await guardedClient.call('GET', '/v1/health')).status).toBe(200);
      const right = await guardedClient.call('POST', '/_mock/faults', {
        body: { down: true },
        headers: { [MOCK_ADMIN_HEADER]: 'a-long-test-secret-0123' },
      });
      expect(right.status).toBe(200);
      expect((await guardedClient.call('GET', '/v1/health')).status).toBe(503);
    } finally {
      await guarded.close();
    }
  });

  it('takes the server down and back', async () => {
    await client.call('POST', '/_mock/faults', { body: { down: true } });
    const down = await client.call('GET', '/v1/health');
    expect([down.status, down.body.error.code]).toEqual([503, 'UNAVAILABLE']);
    await client.call('POST', '/_mock/faults', { body: { down: false } });
    expect((await client.call('GET', '/v1/health')).status).toBe(200);
  });

  it('fails a share of calls and adds latency', async () => {
    await client.call('POST', '/_mock/faults', { body: { failRate: 1 } });
    expect((await client.get('013XJ9K2M4P6R8T0V0')).status).toBe(503);
    await client.call('POST', '/_mock/faults', { body: { latencyMs: 150 } });
    const started = performance.now();
    expect((await client.call('GET', '/v1/health')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('refuses bad fault settings with 422', async () => {
    expect((await client.call('POST', '/_mock/faults', { body: { failRate: 2 } })).status).toBe(422);
  });

  it('resets to the seed', async () => {
    await client.lease('013XJ9K2M4P6R8T0V0');
    await client.call('POST', '/_mock/reset');
    expect((await client.lease('013XJ9K2M4P6R8T0V0', TOKENS.otherPharmacy)).status).toBe(201);
  });
});

describe('Appli carte Vitale sessions', () => {
  it('creates a single-use QR payload that a pharmacy redeems for the beneficiary', async () => {
    const session = await client.call('POST', '/v1/apcv/sessions', { token: TOKENS.patient });
    expect(session.status).toBe(201);
    const match = /^APCV1:([0-9A-HJKMNP-TV-Z]{26}):(\d+)$/.exec(session.body.qrPayload);
    expect(match).not.toBeNull();
    expect(Number(match?.[2]) * 1000).toBe(Math.floor(Date.parse(session.body.expiresAt) / 1000) * 1000);
    const redeem = await client.call('POST', `/v1/apcv/sessions/${match?.[1]}/redeem`, { token: TOKENS.pharmacy });
    expect(redeem.status).toBe(200);
    expect(redeem.body).toEqual({
      nir: '279035121518989',
      lastName: 'DURAND',
      firstName: 'Léa',
      birthDate: '1979-03-12',
      sex: 'F',
      regime: '01',
      caisse: '751',
      centre: '0000',
    });
    const again = await client.call('POST', `/v1/apcv/sessions/${match?.[1]}/redeem`, { token: TOKENS.pharmacy });
    expect([again.status, again.body.error.code]).toEqual([410, 'APCV_USED']);
  });

  it('answers APCV_EXPIRED and APCV_UNKNOWN', async () => {
    const session = await client.call('POST', '/v1/apcv/sessions', { token: TOKENS.patient });
    const nonce = session.body.qrPayload.split(':')[1];
    await client.call('POST', '/_mock/clock', { body: { now: new Date(Date.now() + 6 * 60_000).toISOString() } });
    const expired = await client.call('POST', `/v1/apcv/sessions/${nonce}/redeem`, { token: TOKENS.pharmacy });
    expect([expired.status, expired.body.error.code]).toEqual([410, 'APCV_EXPIRED']);
    const unknown = await client.call('POST', `/v1/apcv/sessions/${'Z'.repeat(26)}/redeem`, { token: TOKENS.pharmacy });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'APCV_UNKNOWN']);
  });

  it('is for patients to create and pharmacies to redeem', async () => {
    expect((await client.call('POST', '/v1/apcv/sessions', { token: TOKENS.pharmacy })).status).toBe(403);
    expect((await client.call('POST', `/v1/apcv/sessions/${'Z'.repeat(26)}/redeem`, { token: TOKENS.patient })).status).toBe(403);
  });
});
