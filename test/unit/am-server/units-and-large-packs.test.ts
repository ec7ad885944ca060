import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningAmServer } from '../../../src/am-server/am-server.js';
import { DEMO_PATIENTS } from '../../../src/am-server/demo/demo-actors.js';
import { SAMPLE_PRODUCTS, type SampleProductKey } from '../../../src/shared/demo/sample-products.js';
import { type AmTestClient, TOKENS, fullExecution, startDemoServer } from '../../helpers/am-fixture.js';

let server: RunningAmServer;
let client: AmTestClient;
beforeAll(async () => ({ server, client } = await startDemoServer()));
afterAll(() => server.close());
beforeEach(async () => void (await client.call('POST', '/_mock/reset')));

type LineInput = {
  product: SampleProductKey;
  durationDays: number;
  quantity: number;
  repeats?: number;
  narcotic?: boolean;
  unitsPerPack?: number | null;
};
const productOf = (key: SampleProductKey, unitsPerPack: number | null | undefined) => {
  const p = SAMPLE_PRODUCTS[key];
  return { cip13: p.cip13, label: p.label, ...(unitsPerPack === null ? {} : { unitsPerPack: unitsPerPack ?? p.packSize }) };
};
const create = (lines: LineInput[]) =>
  client.call('POST', '/v1/prescriptions', {
    token: TOKENS.prescriber,
    body: {
      patient: DEMO_PATIENTS.durand,
      lines: lines.map((l) => ({
        product: productOf(l.product, l.unitsPerPack),
        posology: '1 par jour',
        durationDays: l.durationDays,
        quantity: l.quantity,
        repeats: l.repeats ?? 0,
        narcotic: l.narcotic ?? false,
      })),
    },
  });

/** A new prescription, leased: its id, the lease and the resource. */
async function leasedNew(lines: LineInput[]) {
  const created = await create(lines);
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  const lease = (await client.lease(id)).body.leaseToken as string;
  return { id, lease, p: (await client.get(id)).body };
}

const item = (key: SampleProductKey, packs: number, units?: number) => ({
  cip13: SAMPLE_PRODUCTS[key].cip13,
  packs,
  ...(units === undefined ? {} : { units }),
});
function execution(
  p: Parameters<typeof fullExecution>[0],
  renewal: number,
  line: { status?: string; dispensed: ReturnType<typeof item>[]; type?: string },
) {
  const body = fullExecution(p, renewal);
  body.lines[0] = {
    lineId: 'L1',
    status: line.status ?? 'DISPENSED',
    dispensed: line.dispensed,
    deviation: { type: line.type ?? 'NONE', reason: line.type ? 'motif' : null, prescriberAgreement: null },
  };
  return body;
}

describe('units, not boxes', () => {
  it('serves one 90-unit pack for 90 days dispensed as prescribed, in full', async () => {
    const { id, lease, p } = await leasedNew([{ product: 'metformine1000x90', durationDays: 90, quantity: 1 }]);
    expect((await client.execute(id, lease, fullExecution(p))).status).toBe(201);
    const after = (await client.get(id)).body;
    expect(after.status).toBe('DISPENSED');
    expect(after.lines[0].dispensings).toEqual([expect.objectContaining({ renewalNumber: 0, packs: 1, units: 90, status: 'DISPENSED' })]);
  });

  it('counts 1 × 30 for 1 × 90 as 30 units: the renewal stays due for 60, then served, then refused', async () => {
    const { id, lease, p } = await leasedNew([{ product: 'metformine1000x90', durationDays: 90, quantity: 1 }]);
    expect(
      (
        await client.execute(
          id,
          lease,
          execution(p, 0, { status: 'PARTIAL', dispensed: [item('metformine1000', 1, 30)], type: 'QUANTITY_ADAPTED' }),
        )
      ).status,
    ).toBe(201);
    const partly = (await client.get(id)).body;
    expect(partly.status).toBe('PARTIALLY_DISPENSED');
    expect(partly.lines[0].dispensings).toEqual([expect.objectContaining({ renewalNumber: 0, units: 30, status: 'PARTIAL' })]);
    const tooMuch = await client.execute(
      id,
      lease,
      execution(p, 0, { dispensed: [item('metformine1000', 3, 90)], type: 'QUANTITY_ADAPTED' }),
    );
    expect([tooMuch.status, tooMuch.body.error.code, tooMuch.body.error.details.remainingUnits]).toEqual([422, 'QUANTITY_EXCEEDED', 60]);
    expect(
      (await client.execute(id, lease, execution(p, 0, { dispensed: [item('metformine1000', 2, 60)], type: 'QUANTITY_ADAPTED' }))).status,
    ).toBe(201);
    expect((await client.get(id)).body.status).toBe('DISPENSED');
  });

  it('serves 1 × 90 in full with the same units in 3 × 30 (QUANTITY_ADAPTED)', async () => {
    const { id, lease, p } = await leasedNew([{ product: 'metformine1000x90', durationDays: 90, quantity: 1 }]);
    expect(
      (await client.execute(id, lease, execution(p, 0, { dispensed: [item('metformine1000', 3, 90)], type: 'QUANTITY_ADAPTED' }))).status,
    ).toBe(201);
    expect((await client.get(id)).body.status).toBe('DISPENSED');
  });

  it('needs `units` on another CIP13 than the prescribed one, naming the field', async () => {
    const { id, lease, p } = await leasedNew([{ product: 'metformine1000x90', durationDays: 90, quantity: 1 }]);
    const res = await client.execute(id, lease, execution(p, 0, { dispensed: [item('metformine1000', 3)], type: 'QUANTITY_ADAPTED' }));
    expect([res.status, res.body.error.code]).toEqual([422, 'VALIDATION_ERROR']);
    expect(res.body.error.details.fields).toEqual([expect.objectContaining({ field: 'lines[0].dispensed[0].units' })]);
  });

  it('counts a pack as one unit on a line without unitsPerPack (older data)', async () => {
    const { id, lease, p } = await leasedNew([{ product: 'metformine1000', durationDays: 30, quantity: 2, unitsPerPack: null }]);
    expect(
      (
        await client.execute(
          id,
          lease,
          execution(p, 0, { status: 'PARTIAL', dispensed: [item('metformine1000', 1)], type: 'QUANTITY_ADAPTED' }),
        )
      ).status,
    ).toBe(201);
    expect((await client.get(id)).body.lines[0].dispensings).toEqual([expect.objectContaining({ units: 1, status: 'PARTIAL' })]);
  });
});

describe('a large pack serves the renewals it covers', () => {
  const renewableTwice: LineInput[] = [{ product: 'metformine1000', durationDays: 30, quantity: 1, repeats: 2 }];

  it('one 90-unit pack for a 30-unit line renewable twice serves renewals 0, 1 and 2', async () => {
    const { id, lease, p } = await leasedNew(renewableTwice);
    expect(
      (await client.execute(id, lease, execution(p, 0, { dispensed: [item('metformine1000x90', 1, 90)], type: 'LARGE_PACK' }))).status,
    ).toBe(201);
    const after = (await client.get(id)).body;
    expect(after.status).toBe('DISPENSED');
    const [, first, second] = after.lines[0].dispensings;
    expect(after.lines[0].dispensings.map((d: { renewalNumber: number; units: number }) => [d.renewalNumber, d.units])).toEqual([
      [0, 30],
      [1, 30],
      [2, 30],
    ]);
    expect([first.coveredBy, second.coveredBy, first.executionId]).toEqual([
      'LARGE_PACK',
      'LARGE_PACK',
      after.lines[0].dispensings[0].executionId,
    ]);
    expect((await client.lease(id)).body.error.code).toBe('ALREADY_DISPENSED');
  });

  it('refuses a renewal already served by the large pack', async () => {
    const { id, lease, p } = await leasedNew([{ product: 'metformine1000', durationDays: 30, quantity: 1, repeats: 3 }]);
    expect(
      (await client.execute(id, lease, execution(p, 0, { dispensed: [item('metformine1000x90', 1, 90)], type: 'LARGE_PACK' }))).status,
    ).toBe(201);
    const again = await client.execute(id, lease, fullExecution(p, 2));
    expect([again.status, again.body.error.code, again.body.error.details]).toEqual([
      409,
      'ALREADY_DISPENSED',
      { lineId: 'L1', renewalNumber: 2 },
    ]);
    expect((await client.execute(id, lease, fullExecution(p, 3))).status).toBe(201);
  });

  it('answers QUANTITY_EXCEEDED beyond everything that remains, and beyond the renewal without LARGE_PACK', async () => {
    const { id, lease, p } = await leasedNew(renewableTwice);
    const beyond = await client.execute(
      id,
      lease,
      execution(p, 0, { dispensed: [item('metformine1000x90', 1, 90), item('metformine1000', 1, 30)], type: 'LARGE_PACK' }),
    );
    expect([beyond.status, beyond.body.error.code, beyond.body.error.details.remainingUnits]).toEqual([422, 'QUANTITY_EXCEEDED', 90]);
    const withoutLargePack = await client.execute(
      id,
      lease,
      execution(p, 0, { dispensed: [item('metformine1000x90', 1, 90)], type: 'QUANTITY_ADAPTED' }),
    );
    expect([withoutLargePack.status, withoutLargePack.body.error.details.remainingUnits]).toEqual([422, 30]);
  });

  it('cancelling the large pack frees every renewal it covered', async () => {
    const { id, lease, p } = await leasedNew(renewableTwice);
    const body = execution(p, 0, { dispensed: [item('metformine1000x90', 1, 90)], type: 'LARGE_PACK' });
    expect((await client.execute(id, lease, body)).status).toBe(201);
    const cancelled = await client.call('POST', `/v1/executions/${body.executionId}/cancel`, {
      token: TOKENS.pharmacy,
      body: { reason: 'erreur de boîte' },
    });
    expect([cancelled.status, cancelled.body.cancelled]).toEqual([200, true]);
    const after = (await client.get(id)).body;
    expect([after.status, after.lines[0].dispensings]).toEqual(['ACTIVE', []]);
    const again = (await client.lease(id)).body.leaseToken as string;
    expect((await client.execute(id, again, fullExecution(p, 2))).status).toBe(201);
  });
});

describe('narcotics at prescription time', () => {
  it.each([
    [{ repeats: 1, durationDays: 28 }, 'lines[0].repeats'],
    [{ repeats: 0, durationDays: 29 }, 'lines[0].durationDays'],
  ])('refuses a narcotic line %j, naming %s', async (line, field) => {
    const res = await create([{ product: 'skenan30', quantity: 2, narcotic: true, ...line }]);
    expect([res.status, res.body.error.code]).toEqual([422, 'VALIDATION_ERROR']);
    expect(res.body.error.details.fields.map((f: { field: string }) => f.field)).toEqual([field]);
  });

  it('accepts a narcotic of 28 days, never renewable, and says it is one', async () => {
    const res = await create([{ product: 'skenan30', quantity: 2, durationDays: 28, narcotic: true }]);
    expect(res.status).toBe(201);
    expect(res.body.lines[0]).toMatchObject({ narcotic: true, repeats: 0, product: { unitsPerPack: 14 } });
  });
});
