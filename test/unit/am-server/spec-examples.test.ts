import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAmServer, type RunningAmServer } from '../../../src/am-server/am-server.js';
import { AmTestClient } from '../../helpers/am-fixture.js';

/** The contract's own examples (teleservice-api.md), as an outside test would copy them. */
let server: RunningAmServer;
let client: AmTestClient;
beforeAll(async () => {
  server = await startAmServer({ seed: JSON.parse(readFileSync('fixtures/seeds/spec-example-seed.json', 'utf8')), admin: true });
  client = new AmTestClient(server.url);
});
afterAll(() => server.close());

const EXAMPLE_EXECUTION = {
  executionId: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
  dispensedAt: '2026-11-26T10:12:00+01:00',
  renewalNumber: 0,
  phase: 2,
  pharmacistRpps: '10001234567',
  patient: { nir: '279035121518989', source: 'VITALE', override: null },
  lines: [
    {
      lineId: 'L1',
      status: 'DISPENSED',
      dispensed: [{ cip13: '3400930000014', packs: 2, batch: 'AB12', expiry: '2028-01-31' }],
      deviation: { type: 'NONE', reason: null, prescriberAgreement: null },
    },
  ],
  complementaryInfo: 'free text for the prescriber',
};

describe('the contract’s examples', () => {
  it('a seed with the example actors and prescription starts, and the example execution is accepted', async () => {
    await client.call('POST', '/_mock/clock', { body: { now: '2026-11-26T10:00:00+01:00' } });
    expect((await client.call('GET', '/v1/me', { token: 'lap-1' })).body).toEqual({
      kind: 'prescriber',
      rpps: '10003456789',
      name: 'Dr Anne Martin',
      amNumber: '751234567',
    });
    const lease = await client.lease('013XJ9K2M4P6R8T0V0', 'ph-1');
    expect(lease.status).toBe(201);
    const res = await client.execute('013XJ9K2M4P6R8T0V0', lease.body.leaseToken, EXAMPLE_EXECUTION, 'ph-1');
    expect(res.status).toBe(201);
    expect((await client.get('013XJ9K2M4P6R8T0V0', 'ph-1')).body.lines[0].flags).toEqual(['ALD']);
  });

  it('still refuses an RPPS whose key is wrong when it is not the pharmacy’s declared one', async () => {
    const lease = await client.lease('013XJ9K2M4P6R8T0V0', 'ph-1');
    const res = await client.execute(
      '013XJ9K2M4P6R8T0V0',
      lease.body.leaseToken,
      { ...EXAMPLE_EXECUTION, executionId: crypto.randomUUID(), renewalNumber: 1, pharmacistRpps: '10001234560' },
      'ph-1',
    );
    expect(res.status).toBe(422);
    expect(res.body.error.details.fields).toEqual([{ field: 'pharmacistRpps', message: 'RPPS invalide' }]);
  });
});
