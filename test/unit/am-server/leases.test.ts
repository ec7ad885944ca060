import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PRESCRIPTIONS } from '../../../src/am-server/demo/demo-seed.js';
import type { RunningAmServer } from '../../../src/am-server/am-server.js';
import { type AmTestClient, TOKENS, startDemoServer } from '../../helpers/am-fixture.js';

let server: RunningAmServer;
let client: AmTestClient;
beforeAll(async () => ({ server, client } = await startDemoServer()));
afterAll(() => server.close());
beforeEach(async () => void (await client.call('POST', '/_mock/reset')));

const ACTIVE = '013XJ9K2M4P6R8T0V0';
const demoId = (daysAgo: number, status?: string) => DEMO_PRESCRIPTIONS.find((p) => p.daysAgo === daysAgo && p.status === status)?.id ?? '';

describe('POST /v1/prescriptions/{id}/lease', () => {
  it('grants 201 then, to the same pharmacy, 200 with the same token extended', async () => {
    const first = await client.lease(ACTIVE);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ leaseToken: expect.any(String), expiresAt: expect.stringMatching(/T.*[+-]\d\d:\d\d$/) });
    await new Promise((r) => setTimeout(r, 1100));
    const again = await client.lease(ACTIVE);
    expect(again.status).toBe(200);
    expect(again.body.leaseToken).toBe(first.body.leaseToken);
    expect(Date.parse(again.body.expiresAt)).toBeGreaterThan(Date.parse(first.body.expiresAt));
  });

  it('answers 423 to another pharmacy with since and expiresAt, never who holds it', async () => {
    await client.lease(ACTIVE);
    const res = await client.lease(ACTIVE, TOKENS.otherPharmacy);
    expect(res.status).toBe(423);
    expect(res.body.error.code).toBe('LOCKED_BY_OTHER_DISPENSER');
    expect(res.body.error.details).toEqual({ since: expect.any(String), expiresAt: expect.any(String) });
    expect(JSON.stringify(res.body)).not.toMatch(/750012345|March|10001234565/);
  });

  it('has exactly one winner when two pharmacies race', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => client.lease(ACTIVE, i % 2 === 0 ? TOKENS.pharmacy : TOKENS.otherPharmacy)),
    );
    const winners = new Set(answers.filter((a) => a.status === 201 || a.status === 200).map((a) => a.body.leaseToken));
    expect(winners.size).toBe(1);
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.every((a) => [200, 201, 423].includes(a.status))).toBe(true);
  });

  it('is free again once the lease expired', async () => {
    await client.lease(ACTIVE);
    await client.call('POST', '/_mock/clock', { body: { now: new Date(Date.now() + 11 * 60_000).toISOString() } });
    const res = await client.lease(ACTIVE, TOKENS.otherPharmacy);
    expect(res.status).toBe(201);
  });

  it('refuses a served, a cancelled and an expired prescription', async () => {
    expect((await client.lease(demoId(20))).body.error.code).toBe('ALREADY_DISPENSED');
    expect((await client.lease(demoId(20))).status).toBe(409);
    const cancelled = await client.lease(demoId(9, 'CANCELLED'));
    expect([cancelled.status, cancelled.body.error.code]).toEqual([410, 'CANCELLED']);
    const expired = await client.lease(demoId(120));
    expect([expired.status, expired.body.error.code]).toEqual([409, 'EXPIRED']);
  });

  it('is for pharmacies only', async () => {
    expect((await client.lease(ACTIVE, TOKENS.prescriber)).status).toBe(403);
    expect((await client.lease(ACTIVE, TOKENS.patient)).status).toBe(403);
  });
});

describe('DELETE /v1/prescriptions/{id}/lease', () => {
  it('releases with the right token (204), then the other pharmacy may take it', async () => {
    const lease = await client.lease(ACTIVE);
    const res = await client.call('DELETE', `/v1/prescriptions/${ACTIVE}/lease`, {
      token: TOKENS.pharmacy,
      headers: { 'X-Lease-Token': lease.body.leaseToken },
    });
    expect(res.status).toBe(204);
    expect((await client.lease(ACTIVE, TOKENS.otherPharmacy)).status).toBe(201);
  });

  it.each([
    ['a wrong token', 'nope', TOKENS.pharmacy],
    ['no token', undefined, TOKENS.pharmacy],
    ['another pharmacy', 'same', TOKENS.otherPharmacy],
  ])('answers 409 LEASE_INVALID for %s', async (_label, header, token) => {
    const lease = await client.lease(ACTIVE);
    const value = header === 'same' ? lease.body.leaseToken : header;
    const res = await client.call('DELETE', `/v1/prescriptions/${ACTIVE}/lease`, {
      token,
      headers: value ? { 'X-Lease-Token': value } : {},
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('LEASE_INVALID');
  });
});
