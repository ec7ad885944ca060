import { randomUUID } from 'node:crypto';
import { demoSeed } from '../../src/am-server/demo/demo-seed.js';
import { DEMO_OTHER_PHARMACY, DEMO_PATIENT_TOKENS, DEMO_PHARMACY, DEMO_PRESCRIBERS } from '../../src/am-server/demo/demo-actors.js';
import { startAmServer, type RunningAmServer } from '../../src/am-server/am-server.js';
import type { Prescription } from '../../src/shared/teleservice/schemas.js';

export const TOKENS: Record<'pharmacy' | 'otherPharmacy' | 'prescriber' | 'otherPrescriber' | 'patient', string> = {
  pharmacy: DEMO_PHARMACY.token,
  otherPharmacy: DEMO_OTHER_PHARMACY.token,
  prescriber: DEMO_PRESCRIBERS.martin.token,
  otherPrescriber: DEMO_PRESCRIBERS.benali.token,
  patient: DEMO_PATIENT_TOKENS.durand,
};

export const TODAY = new Date().toISOString().slice(0, 10);

export type Answer = { status: number; body: any; headers: Headers };

/** A client of the real server on loopback, speaking raw HTTP as an outside test would. */
export class AmTestClient {
  constructor(readonly url: string) {}

  async call(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.raw !== undefined) body = options.raw;
    else if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(this.url + path, { method, headers, body });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
  }

  lease(id: string, token = TOKENS.pharmacy) {
    return this.call('POST', `/v1/prescriptions/${id}/lease`, { token });
  }

  get(id: string, token = TOKENS.pharmacy) {
    return this.call('GET', `/v1/prescriptions/${id}`, { token });
  }

  execute(id: string, leaseToken: string | null, body: unknown, token = TOKENS.pharmacy) {
    return this.call('POST', `/v1/prescriptions/${id}/executions`, {
      token,
      body,
      headers: leaseToken ? { 'X-Lease-Token': leaseToken } : {},
    });
  }
}

export async function startDemoServer(
  options: { db?: string; leaseTtlSeconds?: number } = {},
): Promise<{ server: RunningAmServer; client: AmTestClient }> {
  const server = await startAmServer({ seed: demoSeed(TODAY), admin: true, ...options });
  return { server, client: new AmTestClient(server.url) };
}

export type TestLine = {
  lineId: string;
  status: string;
  dispensed: { cip13: string; packs: number; units?: number; batch?: string; expiry?: string }[];
  deviation: { type: string; reason: string | null; prescriberAgreement: { date: string; channel: string } | null };
};
export type TestExecution = { executionId: string; renewalNumber: number; lines: TestLine[]; [key: string]: unknown };

/** An execution that serves every line as prescribed for the given renewal. */
export function fullExecution(p: Prescription, renewalNumber = 0, overrides: Record<string, unknown> = {}): TestExecution {
  return {
    executionId: randomUUID(),
    dispensedAt: new Date().toISOString(),
    renewalNumber,
    phase: 2,
    pharmacistRpps: DEMO_PHARMACY.pharmacistRpps,
    patient: { nir: p.patient.nir, source: 'VITALE', override: null },
    lines: p.lines.map((l) => ({
      lineId: l.lineId,
      status: 'DISPENSED',
      dispensed: [{ cip13: l.product.cip13, packs: l.quantity, batch: 'LOT1', expiry: '2028-01-31' }],
      deviation: { type: 'NONE', reason: null, prescriberAgreement: null },
    })),
    complementaryInfo: null,
    ...overrides,
  };
}

export function prescriptionBody(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'STANDARD',
    patient: { nir: '279035121518989', lastName: 'DURAND', firstName: 'Léa', birthDate: '1979-03-12', sex: 'F' },
    lines: [
      {
        kind: 'MEDICINE',
        product: { cip13: '3400930000014', label: 'PRODUIT TEST 10 mg, boîte de 30' },
        posology: '1 comprimé le matin',
        durationDays: 30,
        quantity: 1,
        repeats: 2,
        substitutable: true,
        nonSubstitutableReason: null,
        flags: [],
      },
    ],
    ...overrides,
  };
}
