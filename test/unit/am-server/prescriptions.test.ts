import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidPrescriptionId } from '../../../src/shared/ids/prescription-id.js';
import { type AmTestClient, TOKENS, prescriptionBody, startDemoServer } from '../../helpers/am-fixture.js';
import type { RunningAmServer } from '../../../src/am-server/am-server.js';

let server: RunningAmServer;
let client: AmTestClient;
beforeAll(async () => ({ server, client } = await startDemoServer()));
afterAll(() => server.close());

describe('GET /v1/health and /v1/me', () => {
  it('answers health to anyone', async () => {
    const res = await client.call('GET', '/v1/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', version: expect.any(String) });
  });

  it('describes the caller without its token', async () => {
    const res = await client.call('GET', '/v1/me', { token: TOKENS.pharmacy });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ kind: 'pharmacy', finess: '750012345', name: 'Pharmacie du Marché', pharmacistRpps: '10001234565' });
    expect(JSON.stringify(res.body)).not.toContain(TOKENS.pharmacy);
  });

  it.each([undefined, 'not-a-known-token'])('refuses a missing or unknown token (%s) with 401', async (token) => {
    const res = await client.call('GET', '/v1/me', { token });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });
});

describe('POST /v1/prescriptions', () => {
  it('creates a prescription with a drawn, valid id and derived dates', async () => {
    const res = await client.call('POST', '/v1/prescriptions', {
      token: TOKENS.prescriber,
      body: prescriptionBody({ issuedAt: '2026-11-20' }),
    });
    expect(res.status).toBe(201);
    expect(isValidPrescriptionId(res.body.id)).toBe(true);
    expect(res.body).toMatchObject({ qrPayload: res.body.id, status: 'ACTIVE', issuedAt: '2026-11-20', validUntil: '2027-02-20' });
    expect(res.body.prescriber).toEqual({ rpps: '10003456786', name: 'Dr Anne Martin', amNumber: '751234567' });
    expect(res.body.lines[0]).toMatchObject({ lineId: 'L1', dispensings: [] });
    const read = await client.get(res.body.id);
    expect(read.body).toEqual(res.body);
  });

  it('lists every wrong field in details.fields', async () => {
    const body = prescriptionBody({
      patient: { nir: '279035121518988', lastName: 'X', firstName: 'Y', birthDate: '1979-02-30', sex: 'F' },
    });
    (body.lines[0] as Record<string, unknown>).substitutable = false;
    const res = await client.call('POST', '/v1/prescriptions', { token: TOKENS.prescriber, body });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('VALIDATION_ERROR');
    const fields = res.body.error.details.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['patient.nir', 'patient.birthDate', 'lines[0].nonSubstitutableReason']));
  });

  it('refuses a bad CIP13 key and an empty line list', async () => {
    const bad = prescriptionBody();
    (bad.lines[0] as { product: { cip13: string } }).product.cip13 = '3400930000015';
    expect(
      (await client.call('POST', '/v1/prescriptions', { token: TOKENS.prescriber, body: bad })).body.error.details.fields[0].field,
    ).toBe('lines[0].product.cip13');
    expect(
      (await client.call('POST', '/v1/prescriptions', { token: TOKENS.prescriber, body: prescriptionBody({ lines: [] }) })).status,
    ).toBe(422);
  });

  it('lets only prescribers write', async () => {
    const res = await client.call('POST', '/v1/prescriptions', { token: TOKENS.pharmacy, body: prescriptionBody() });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
  });
});

describe('GET /v1/prescriptions/{id}', () => {
  it('shows a prescription to any pharmacy, its prescriber and its patient', async () => {
    for (const token of [TOKENS.pharmacy, TOKENS.otherPharmacy, TOKENS.prescriber, TOKENS.patient]) {
      const res = await client.get('013XJ9K2M4P6R8T0V0', token);
      expect(res.status).toBe(200);
      expect(res.body.patient.lastName).toBe('DURAND');
    }
  });

  it('hides it from another prescriber and another patient', async () => {
    expect((await client.get('013XJ9K2M4P6R8T0V0', TOKENS.otherPrescriber)).status).toBe(403);
    expect((await client.get('010000000000000ABZ', TOKENS.patient)).status).toBe(403);
  });

  it.each([
    ['013XJ9K2M4P6R8T0V1', 'bad check character'],
    ['013XJ9K2M4P6R8T0V', 'too short'],
    ['023XJ9K2M4P6R8T0V0', 'wrong prefix'],
    ['013xj9k2m4p6r8t0v0', 'lower case'],
    ['%3Cscript%3Ealert(1)%3C%2Fscript%3E', 'markup'],
    ['%E0%A4%A', 'broken escape'],
    ['A'.repeat(3000), 'very long'],
  ])('answers 400 INVALID_ID for %s (%s), never echoing it', async (id) => {
    const res = await client.get(id);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_ID');
    expect(JSON.stringify(res.body)).not.toMatch(/<script|alert|AAAAAAAA/);
  });

  it('answers 404 for a valid id nobody wrote', async () => {
    const unknownValid = '01ZZZZZZZZZZZZZZZ';
    const { prescriptionCheckChar } = await import('../../../src/shared/ids/prescription-id.js');
    const res2 = await client.get(unknownValid + prescriptionCheckChar(unknownValid));
    expect(res2.status).toBe(404);
    expect(res2.body.error.code).toBe('NOT_FOUND');
  });

  it('answers 410 CANCELLED naming the id', async () => {
    const created = await client.call('POST', '/v1/prescriptions', { token: TOKENS.prescriber, body: prescriptionBody() });
    const cancel = await client.call('POST', `/v1/prescriptions/${created.body.id}/cancel`, { token: TOKENS.prescriber });
    expect(cancel.status).toBe(200);
    expect(cancel.body.status).toBe('CANCELLED');
    const res = await client.get(created.body.id);
    expect(res.status).toBe(410);
    expect(res.body.error).toMatchObject({ code: 'CANCELLED', details: { id: created.body.id } });
  });
});

describe('POST /v1/prescriptions/{id}/cancel', () => {
  it('is for its own prescriber only', async () => {
    const created = await client.call('POST', '/v1/prescriptions', { token: TOKENS.prescriber, body: prescriptionBody() });
    expect((await client.call('POST', `/v1/prescriptions/${created.body.id}/cancel`, { token: TOKENS.otherPrescriber })).status).toBe(403);
    expect((await client.call('POST', `/v1/prescriptions/${created.body.id}/cancel`, { token: TOKENS.pharmacy })).status).toBe(403);
  });

  it('refuses 409 ALREADY_DISPENSED when fully served', async () => {
    const { DEMO_PRESCRIPTIONS } = await import('../../../src/am-server/demo/demo-seed.js');
    const served = DEMO_PRESCRIPTIONS.find((p) => p.daysAgo === 20)?.id ?? '';
    expect((await client.get(served)).body.status).toBe('DISPENSED');
    const res = await client.call('POST', `/v1/prescriptions/${served}/cancel`, { token: TOKENS.prescriber });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('ALREADY_DISPENSED');
  });
});

describe('GET /v1/patients/{nir}/prescriptions', () => {
  it('lists the patient’s own prescriptions, newest first', async () => {
    const res = await client.call('GET', '/v1/patients/279035121518989/prescriptions', { token: TOKENS.patient });
    expect(res.status).toBe(200);
    const dates = res.body.prescriptions.map((p: { issuedAt: string }) => p.issuedAt);
    expect(dates.length).toBeGreaterThanOrEqual(3);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(res.body.prescriptions.every((p: { patient: { nir: string } }) => p.patient.nir === '279035121518989')).toBe(true);
  });

  it('is forbidden for anyone else', async () => {
    expect((await client.call('GET', '/v1/patients/185077512345608/prescriptions', { token: TOKENS.patient })).status).toBe(403);
    expect((await client.call('GET', '/v1/patients/279035121518989/prescriptions', { token: TOKENS.pharmacy })).status).toBe(403);
  });
});
