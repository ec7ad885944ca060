import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PRESCRIPTIONS } from '../../../src/am-server/demo/demo-seed.js';
import type { RunningAmServer } from '../../../src/am-server/am-server.js';
import { canonicalJson } from '../../../src/shared/teleservice/canonical-json.js';
import { SAMPLE_PRODUCTS } from '../../../src/shared/demo/sample-products.js';
import { type AmTestClient, TOKENS, fullExecution, startDemoServer } from '../../helpers/am-fixture.js';

let server: RunningAmServer;
let client: AmTestClient;
beforeAll(async () => ({ server, client } = await startDemoServer()));
afterAll(() => server.close());
beforeEach(async () => void (await client.call('POST', '/_mock/reset')));

const STANDARD = '013XJ9K2M4P6R8T0V0';
const RENEWABLE = '010000000000000ABZ';
const NS_MTE = '01M9S346Q3D25VT4FZ';
const OPPOSED = DEMO_PRESCRIPTIONS.find((p) => p.daysAgo === 15)?.id ?? '';

async function leased(id: string, token = TOKENS.pharmacy) {
  const lease = await client.lease(id, token);
  const p = (await client.get(id, token)).body;
  return { lease: lease.body.leaseToken as string, p };
}

describe('POST /v1/prescriptions/{id}/executions', () => {
  it('accepts a full dispensing with a verifiable receipt and marks the prescription served', async () => {
    const { lease, p } = await leased(STANDARD);
    const body = fullExecution(p);
    const res = await client.execute(STANDARD, lease, body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      executionId: body.executionId,
      receipt: {
        receivedAt: expect.any(String),
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        signature: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    });
    const after = (await client.get(STANDARD)).body;
    expect(after.status).toBe('DISPENSED');
    expect(after.lines[0].dispensings).toEqual([
      {
        executionId: body.executionId,
        renewalNumber: 0,
        packs: 2,
        units: 2 * SAMPLE_PRODUCTS.amoxicilline1g.packSize,
        status: 'DISPENSED',
        dispensedAt: body.dispensedAt,
      },
    ]);
    const list = await client.call('GET', `/v1/prescriptions/${STANDARD}/executions`, { token: TOKENS.prescriber });
    expect(list.status).toBe(200);
    const stored = list.body.executions[0];
    const { receipt, cancelled, ...record } = stored;
    expect(cancelled).toBe(false);
    expect(createHash('sha256').update(canonicalJson(record)).digest('hex')).toBe(receipt.sha256);
    // the lease is complete: another pharmacy now hears "already dispensed", not "locked"
    expect((await client.lease(STANDARD, TOKENS.otherPharmacy)).body.error.code).toBe('ALREADY_DISPENSED');
  });

  it('needs a lease (428) held by this pharmacy (409)', async () => {
    const { lease, p } = await leased(STANDARD);
    const noLease = await client.execute(STANDARD, null, fullExecution(p));
    expect([noLease.status, noLease.body.error.code]).toEqual([428, 'LEASE_REQUIRED']);
    const wrong = await client.execute(STANDARD, 'forged', fullExecution(p));
    expect([wrong.status, wrong.body.error.code]).toEqual([409, 'LEASE_INVALID']);
    const other = await client.execute(STANDARD, lease, fullExecution(p), TOKENS.otherPharmacy);
    expect([other.status, other.body.error.code]).toEqual([409, 'LEASE_INVALID']);
  });

  it('refuses an expired lease', async () => {
    const { lease, p } = await leased(STANDARD);
    await client.call('POST', '/_mock/clock', { body: { now: new Date(Date.now() + 11 * 60_000).toISOString() } });
    expect((await client.execute(STANDARD, lease, fullExecution(p))).body.error.code).toBe('LEASE_INVALID');
  });

  it('wants every line exactly once', async () => {
    const { lease, p } = await leased(STANDARD);
    const missing = fullExecution(p);
    missing.lines = missing.lines.slice(1);
    const res = await client.execute(STANDARD, lease, missing);
    expect([res.status, res.body.error.code, res.body.error.details.lineIds]).toEqual([422, 'MISSING_LINES', ['L1']]);
    const unknown = fullExecution(p);
    unknown.lines[0] = { ...unknown.lines[0]!, lineId: 'L9' };
    const res2 = await client.execute(STANDARD, lease, unknown);
    expect([res2.status, res2.body.error.code]).toEqual([422, 'UNKNOWN_LINE']);
  });

  it('wants a reason for every deviation and for a line left undispensed', async () => {
    const { lease, p } = await leased(STANDARD);
    const body = fullExecution(p);
    body.lines[0]!.deviation = { type: 'QUANTITY_ADAPTED', reason: null, prescriberAgreement: null };
    expect((await client.execute(STANDARD, lease, body)).body.error).toMatchObject({ code: 'REASON_REQUIRED', details: { lineId: 'L1' } });
    const notDispensed = fullExecution(p);
    notDispensed.lines[2] = {
      lineId: 'L3',
      status: 'NOT_DISPENSED',
      dispensed: [],
      deviation: { type: 'NONE', reason: null, prescriberAgreement: null },
    };
    expect((await client.execute(STANDARD, lease, notDispensed)).body.error.code).toBe('REASON_REQUIRED');
  });

  it('wants the prescriber’s agreement for a posology change', async () => {
    const { lease, p } = await leased(STANDARD);
    const body = fullExecution(p);
    body.lines[0]!.deviation = { type: 'POSOLOGY_CHANGED', reason: 'erreur de posologie', prescriberAgreement: null };
    expect((await client.execute(STANDARD, lease, body)).body.error.code).toBe('AGREEMENT_REQUIRED');
    body.lines[0]!.deviation.prescriberAgreement = { date: '2026-11-26', channel: 'TEL' } as never;
    expect((await client.execute(STANDARD, lease, body)).status).toBe(201);
  });

  it('allows a generic substitution on a substitutable line', async () => {
    const { lease, p } = await leased(STANDARD);
    const body = fullExecution(p);
    body.lines[0]!.dispensed = [{ cip13: SAMPLE_PRODUCTS.clamoxyl1g.cip13, packs: 2, units: 12, batch: 'X', expiry: '2028-01-31' }];
    body.lines[0]!.deviation = { type: 'GENERIC_SUBSTITUTION', reason: 'substitution par le princeps en stock', prescriberAgreement: null };
    expect((await client.execute(STANDARD, lease, body)).status).toBe(201);
  });

  it('refuses a substitution on a non-substitutable line without agreement', async () => {
    const { lease, p } = await leased(NS_MTE);
    const body = fullExecution(p);
    body.lines[0]!.dispensed = [{ cip13: SAMPLE_PRODUCTS.levothyroxine75.cip13, packs: 1, units: 30, batch: 'X', expiry: '2028-01-31' }];
    body.lines[0]!.deviation = { type: 'GENERIC_SUBSTITUTION', reason: 'générique', prescriberAgreement: null };
    expect((await client.execute(NS_MTE, lease, body)).body.error).toMatchObject({ code: 'NOT_SUBSTITUTABLE', details: { lineId: 'L1' } });
    body.lines[0]!.deviation = { type: 'SHORTAGE', reason: 'rupture du princeps', prescriberAgreement: null };
    expect((await client.execute(NS_MTE, lease, body)).body.error.code).toBe('AGREEMENT_REQUIRED');
    body.lines[0]!.deviation = {
      type: 'GENERIC_SUBSTITUTION',
      reason: 'accord du médecin',
      prescriberAgreement: { date: '2026-11-26', channel: 'MSSANTE' },
    } as never;
    expect((await client.execute(NS_MTE, lease, body)).status).toBe(201);
  });

  it('counts renewals: 0…repeats, each once', async () => {
    const { lease, p } = await leased(RENEWABLE);
    for (const renewal of [0, 1]) expect((await client.execute(RENEWABLE, lease, fullExecution(p, renewal))).status).toBe(201);
    const again = await client.execute(RENEWABLE, lease, fullExecution(p, 1));
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'ALREADY_DISPENSED', details: { lineId: 'L1', renewalNumber: 1 } });
    expect((await client.get(RENEWABLE)).body.status).toBe('PARTIALLY_DISPENSED');
    expect((await client.execute(RENEWABLE, lease, fullExecution(p, 2))).status).toBe(201);
    expect((await client.get(RENEWABLE)).body.status).toBe('DISPENSED');
  });

  it('refuses a renewal number above repeats', async () => {
    const { lease, p } = await leased(RENEWABLE);
    const res = await client.execute(RENEWABLE, lease, fullExecution(p, 3));
    expect([res.status, res.body.error.code]).toEqual([422, 'RENEWAL_NOT_ALLOWED']);
  });

  it('adds partial dispensings up to the prescribed quantity, never beyond', async () => {
    const { lease, p } = await leased(STANDARD);
    const partial = fullExecution(p);
    partial.lines[0] = {
      ...partial.lines[0]!,
      status: 'PARTIAL',
      dispensed: [{ cip13: p.lines[0].product.cip13, packs: 1, batch: 'A', expiry: '2028-01-31' }],
    };
    partial.lines[1] = {
      lineId: 'L2',
      status: 'NOT_DISPENSED',
      dispensed: [],
      deviation: { type: 'SHORTAGE', reason: 'rupture', prescriberAgreement: null },
    };
    expect((await client.execute(STANDARD, lease, partial)).status).toBe(201);
    expect((await client.get(STANDARD)).body.status).toBe('PARTIALLY_DISPENSED');
    const tooMuch = fullExecution(p);
    tooMuch.lines = tooMuch.lines.map((l) =>
      l.lineId === 'L3'
        ? { lineId: 'L3', status: 'NOT_DISPENSED', dispensed: [], deviation: { type: 'NONE', reason: null, prescriberAgreement: null } }
        : l,
    );
    const res = await client.execute(STANDARD, lease, tooMuch);
    expect(res.body.error).toMatchObject({
      code: 'QUANTITY_EXCEEDED',
      details: { lineId: 'L1', remainingUnits: p.lines[0].product.unitsPerPack },
    });
    expect(res.status).toBe(422);
  });

  it('stops a patient mismatch unless an override reason is given', async () => {
    const { lease, p } = await leased(STANDARD);
    const body = fullExecution(p, 0, { patient: { nir: '185077512345608', source: 'VITALE', override: null } });
    expect((await client.execute(STANDARD, lease, body)).body.error.code).toBe('PATIENT_MISMATCH');
    const withReason = {
      ...body,
      executionId: crypto.randomUUID(),
      patient: { nir: '185077512345608', source: 'MANUAL', override: { reason: 'ayant droit : conjoint' } },
    };
    expect((await client.execute(STANDARD, lease, withReason)).status).toBe(201);
  });

  it('refuses a lease after validity (day after validUntil), not on its last day, and a cancelled prescription', async () => {
    const p = (await client.get(STANDARD)).body;
    await client.call('POST', '/_mock/clock', { body: { now: `${p.validUntil}T23:00:00+01:00` } });
    expect((await client.lease(STANDARD)).status).toBe(201);
    await client.call('POST', '/_mock/clock', {
      body: { now: new Date(Date.parse(`${p.validUntil}T12:00:00Z`) + 86_400_000).toISOString() },
    });
    const relet = await client.lease(STANDARD, TOKENS.otherPharmacy);
    expect([relet.status, relet.body.error.code]).toEqual([409, 'EXPIRED']);
    await client.call('POST', '/_mock/clock', { body: { now: null } });
    const { lease: lease2 } = await leased(RENEWABLE);
    const q = (await client.get(RENEWABLE)).body;
    await client.call('POST', `/v1/prescriptions/${RENEWABLE}/cancel`, { token: TOKENS.prescriber });
    const cancelled = await client.execute(RENEWABLE, lease2, fullExecution(q));
    expect([cancelled.status, cancelled.body.error.code]).toEqual([410, 'CANCELLED']);
  });

  it('answers 409 EXPIRED for renewal 0 when the lease outlived validity', async () => {
    const { p } = await leased(STANDARD);
    const ttlServer = await startDemoServer({ leaseTtlSeconds: 86_400 * 200 });
    try {
      const lease = (await ttlServer.client.lease(STANDARD)).body.leaseToken;
      await ttlServer.client.call('POST', '/_mock/clock', { body: { now: `${p.validUntil}T12:00:00+01:00` } });
      await ttlServer.client.call('POST', '/_mock/clock', {
        body: { now: new Date(Date.parse(`${p.validUntil}T12:00:00+01:00`) + 86_400_000).toISOString() },
      });
      const res = await ttlServer.client.execute(STANDARD, lease, fullExecution(p));
      expect([res.status, res.body.error.code]).toEqual([409, 'EXPIRED']);
    } finally {
      await ttlServer.server.close();
    }
  });
});

describe('idempotency', () => {
  it('answers the same executionId and body with the first receipt, even after the lease ended', async () => {
    const { lease, p } = await leased(STANDARD);
    const body = fullExecution(p);
    const first = await client.execute(STANDARD, lease, body);
    const replay = await client.execute(STANDARD, lease, body);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(first.body);
    const executions = await client.call('GET', `/v1/prescriptions/${STANDARD}/executions`, { token: TOKENS.pharmacy });
    expect(executions.body.executions).toHaveLength(1);
  });

  it('answers 409 IDEMPOTENCY_CONFLICT for the same id with another body', async () => {
    const { lease, p } = await leased(RENEWABLE);
    const body = fullExecution(p);
    await client.execute(RENEWABLE, lease, body);
    const res = await client.execute(RENEWABLE, lease, { ...body, renewalNumber: 1 });
    expect([res.status, res.body.error.code]).toEqual([409, 'IDEMPOTENCY_CONFLICT']);
  });

  it('applies a request whose answer was lost exactly once, and the replay gets the receipt', async () => {
    const { lease, p } = await leased(STANDARD);
    const body = fullExecution(p);
    await client.call('POST', '/_mock/faults', { body: { dropResponseRate: 1 } });
    await expect(client.execute(STANDARD, lease, body)).rejects.toThrow();
    await client.call('POST', '/_mock/faults', { body: {} });
    const replay = await client.execute(STANDARD, lease, body);
    expect(replay.status).toBe(200);
    expect(replay.body.executionId).toBe(body.executionId);
    const executions = await client.call('GET', `/v1/prescriptions/${STANDARD}/executions`, { token: TOKENS.pharmacy });
    expect(executions.body.executions).toHaveLength(1);
  });
});

describe('GET executions and cancelling an execution', () => {
  it('shows the prescriber what was and was not dispensed, unless the patient opposed', async () => {
    const { lease, p } = await leased(OPPOSED);
    await client.execute(OPPOSED, lease, fullExecution(p));
    const res = await client.call('GET', `/v1/prescriptions/${OPPOSED}/executions`, { token: TOKENS.prescriber });
    expect([res.status, res.body.error.code]).toEqual([403, 'PATIENT_OPPOSITION']);
    expect((await client.call('GET', `/v1/prescriptions/${OPPOSED}/executions`, { token: TOKENS.pharmacy })).status).toBe(200);
  });

  it('is forbidden to a pharmacy that did not execute it and to another prescriber', async () => {
    expect((await client.call('GET', `/v1/prescriptions/${STANDARD}/executions`, { token: TOKENS.otherPharmacy })).status).toBe(403);
    expect((await client.call('GET', `/v1/prescriptions/${STANDARD}/executions`, { token: TOKENS.otherPrescriber })).status).toBe(403);
  });

  it('lets the sending pharmacy cancel, freeing the quantities', async () => {
    const { lease, p } = await leased(STANDARD);
    const body = fullExecution(p);
    await client.execute(STANDARD, lease, body);
    const forbidden = await client.call('POST', `/v1/executions/${body.executionId}/cancel`, {
      token: TOKENS.otherPharmacy,
      body: { reason: 'erreur' },
    });
    expect(forbidden.status).toBe(403);
    const unknown = await client.call('POST', `/v1/executions/${crypto.randomUUID()}/cancel`, {
      token: TOKENS.pharmacy,
      body: { reason: 'erreur' },
    });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'NOT_FOUND']);
    const res = await client.call('POST', `/v1/executions/${body.executionId}/cancel`, {
      token: TOKENS.pharmacy,
      body: { reason: 'erreur de patient' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ executionId: body.executionId, cancelled: true });
    expect((await client.get(STANDARD)).body.status).toBe('ACTIVE');
    const list = await client.call('GET', `/v1/prescriptions/${STANDARD}/executions`, { token: TOKENS.prescriber });
    expect(list.body.executions[0].cancelled).toBe(true);
    const lease2 = (await client.lease(STANDARD)).body.leaseToken;
    expect((await client.execute(STANDARD, lease2, fullExecution(p))).status).toBe(201);
  });
});
