import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MOCK_ADMIN_HEADER } from '../../../src/am-server/am-server.js';
import { DEMO_PHARMACY } from '../../../src/am-server/demo/demo-actors.js';
import { startWorkstation, type Workstation } from '../../../src/main/bootstrap/start-workstation.js';
import { silentLogger } from '../../../src/main/services/logger.js';
import { PAPER_PRESCRIBER, withPaperPrescriber } from '../../helpers/paper-parties.js';

let ws: Workstation;
const ADMIN = randomBytes(24).toString('hex');
/** The embedded mock's controls, reachable in tests only with this secret. */
const mockControl = (path: string, body: object) =>
  fetch(`${ws.embeddedTeleserviceUrl}${path}`, { method: 'POST', headers: { [MOCK_ADMIN_HEADER]: ADMIN }, body: JSON.stringify(body) });
beforeEach(async () => {
  ws = await startWorkstation(
    { amUrl: null, amToken: null, dataDir: mkdtempSync(join(tmpdir(), 'comptoir-faults-')), embeddedMockAdminToken: ADMIN },
    'browser',
    silentLogger,
  );
  ws.sender.stop();
});
afterEach(() => ws.close());

const ID = '013XJ9K2M4P6R8T0V0';
async function retrieveAndPropose() {
  const got = await ws.dispatch('prescriptions.retrieve', { id: ID });
  if (!got.ok) throw new Error(got.error.message);
  const p = (got.value as { prescription: { lines: { lineId: string; product: { cip13: string }; quantity: number }[] } }).prescription;
  return {
    renewalNumber: 0,
    counterPatient: null,
    lines: p.lines.map((l) => ({ lineId: l.lineId, items: [{ cip13: l.product.cip13, packs: l.quantity }] })),
  };
}
const executionsAtServer = async () => {
  const res = await fetch(`${ws.embeddedTeleserviceUrl}/v1/prescriptions/${ID}/executions`, {
    headers: { Authorization: `Bearer ${DEMO_PHARMACY.token}` },
  });
  return res.status === 200 ? ((await res.json()) as { executions: unknown[] }).executions.length : 0;
};

describe('faults during a dispensing', () => {
  it('a double validation (key repeat, double click) records and sends once', async () => {
    const proposal = await retrieveAndPropose();
    const input = { prescriptionId: ID, proposal, complementaryInfo: null, patientSource: 'VITALE' as const };
    const [a, b] = await Promise.all([ws.dispatch('counter.validate', input), ws.dispatch('counter.validate', input)]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    const refused = (a.ok ? b : a) as { ok: false; error: { code: string; message: string } };
    expect(['ALREADY_VALIDATING', 'PRESCRIPTION_NOT_RETRIEVED']).toContain(refused.error.code);
    expect(refused.error.message).toMatch(/[a-zé]/);
    expect(await ws.store.dispensings.count()).toBe(1);
    expect(await executionsAtServer()).toBe(1);
  });

  it('the same validation made again after its answer was lost (same validationId) is the first one, never a second dispensing', async () => {
    const proposal = await retrieveAndPropose();
    const input = { prescriptionId: ID, proposal, complementaryInfo: null, patientSource: 'VITALE' as const, validationId: randomUUID() };
    const first = await ws.dispatch('counter.validate', input);
    // The answer never reached the screen (the server went away after the commit): the pharmacist presses F9 again.
    const again = await ws.dispatch('counter.validate', input);
    expect(first).toMatchObject({ ok: true, value: { dispensingId: input.validationId, transmission: 'SENT' } });
    expect(again).toMatchObject({
      ok: true,
      value: {
        dispensingId: input.validationId,
        executionId: (first as { value: { executionId: string } }).value.executionId,
        transmission: 'SENT',
      },
    });
    expect(await ws.store.dispensings.count()).toBe(1);
    expect(await executionsAtServer()).toBe(1);
  });

  it('a paper prescription validated again with the same validationId is the first dispensing', async () => {
    await withPaperPrescriber(ws.store);
    const input = {
      prescribedOn: new Date().toISOString().slice(0, 10),
      prescriberRpps: PAPER_PRESCRIBER.rpps,
      counterPatient: { nir: null, lastName: 'DURAND', firstName: 'Léa', birthDate: '1979-03-12' },
      patientSource: 'MANUAL' as const,
      validationId: randomUUID(),
      lines: [{ kind: 'CATALOGUE' as const, cip13: '3400930001011', packs: 1, durationDays: 6, batch: null, expiry: null }],
    };
    const first = await ws.dispatch('paper.validate', input);
    const again = await ws.dispatch('paper.validate', input);
    expect(first).toMatchObject({ ok: true, value: { dispensingId: input.validationId, scanRequired: true } });
    expect(again).toEqual(first);
    expect(await ws.store.dispensings.count()).toBe(1);
  });

  it('a full disk refuses the validation in French, loses nothing, and the same validation then goes through once', async () => {
    const proposal = await retrieveAndPropose();
    // Fill the file up to a page limit: the next write finds the disk full.
    const pages = ws.store.engine.sqlite!.pragma('page_count', { simple: true }) as number;
    ws.store.engine.sqlite!.pragma(`max_page_count = ${pages + 8}`);
    ws.store.engine.sqlite!.exec('CREATE TABLE filler (x BLOB)');
    expect(() => {
      for (;;) ws.store.engine.sqlite!.prepare('INSERT INTO filler VALUES (zeroblob(512))').run();
    }).toThrow(/full/i);
    const input = {
      prescriptionId: ID,
      proposal,
      complementaryInfo: 'Patient prévenu du changement de boîte. '.repeat(48),
      patientSource: 'VITALE' as const,
    };
    const full = await ws.dispatch('counter.validate', input);
    expect(full).toEqual({ ok: false, error: { code: 'DISK_FULL', message: expect.stringMatching(/^Disque plein/) } });
    expect(await ws.store.dispensings.count()).toBe(0);
    expect(await ws.store.outbox.list()).toEqual([]);
    ws.store.engine.sqlite!.pragma('max_page_count = 1073741823');
    const again = await ws.dispatch('counter.validate', input);
    expect(again).toMatchObject({ ok: true, value: { transmission: 'SENT' } });
    expect(await executionsAtServer()).toBe(1);
  });

  it('the lease expiring mid-dispensing is taken again at sending, never doubling', async () => {
    const proposal = await retrieveAndPropose();
    await mockControl('/_mock/clock', { now: new Date(Date.now() + 20 * 60_000).toISOString() });
    const done = await ws.dispatch('counter.validate', { prescriptionId: ID, proposal, complementaryInfo: null, patientSource: 'VITALE' });
    expect(done).toMatchObject({ ok: true, value: { transmission: 'SENT' } });
    expect(await executionsAtServer()).toBe(1);
  });

  it('a rule broken at validation is refused with its French sentence, and nothing is recorded', async () => {
    const proposal = await retrieveAndPropose();
    proposal.lines[0]!.items[0]!.packs = 9;
    const res = await ws.dispatch('counter.validate', { prescriptionId: ID, proposal, complementaryInfo: null, patientSource: 'VITALE' });
    expect(res).toEqual({ ok: false, error: { code: 'RULE_QUANTITY_EXCEEDED', message: expect.stringMatching(/Quantité supérieure/) } });
    expect(await ws.store.dispensings.count()).toBe(0);
  });

  it('never hands a token or a secret to the renderer', async () => {
    for (const call of ['app.status', 'settings.get', 'diagnostic.get'] as const) {
      const res = await ws.dispatch(call, {});
      expect(JSON.stringify(res)).not.toMatch(new RegExp(`${DEMO_PHARMACY.token}|demo-pharmacie|Bearer`));
    }
  });
});

describe('degraded mode', () => {
  it('goes on from this workstation’s copy when the server is away, and the renewal arrives once it is back', async () => {
    const id = '010000000000000ABZ';
    const propose = (p: { lines: { lineId: string; product: { cip13: string }; quantity: number }[] }, renewalNumber: number) => ({
      renewalNumber,
      counterPatient: null,
      lines: p.lines.map((l) => ({ lineId: l.lineId, items: [{ cip13: l.product.cip13, packs: l.quantity }] })),
    });
    const first = await ws.dispatch('prescriptions.retrieve', { id });
    if (!first.ok) throw new Error(first.error.message);
    const p = (first.value as { prescription: Parameters<typeof propose>[0] }).prescription;
    expect(
      (
        await ws.dispatch('counter.validate', {
          prescriptionId: id,
          proposal: propose(p, 0),
          complementaryInfo: null,
          patientSource: 'VITALE',
        })
      ).ok,
    ).toBe(true);

    await mockControl('/_mock/faults', { down: true });
    const unknown = await ws.dispatch('prescriptions.retrieve', { id: '01M9S346Q3D25VT4FZ' });
    expect(unknown).toEqual({
      ok: false,
      error: { code: 'UNAVAILABLE', message: expect.stringMatching(/Téléservice injoignable.*jamais délivrée sur ce poste/) },
    });
    const again = await ws.dispatch('prescriptions.retrieve', { id });
    expect(again).toMatchObject({ ok: true, value: { degraded: true, lease: { expiresAt: null } } });
    // Renewal 1 the same day as renewal 0: a chevauchement, with its reason.
    const renewal = { ...propose(p, 1), overlapReason: 'départ à l’étranger' };
    const assessment = await ws.dispatch('counter.assess', { prescriptionId: id, proposal: renewal });
    expect(assessment).toMatchObject({ ok: true, value: { proposedRenewal: 1, blocking: false } });
    const pending = await ws.dispatch('counter.validate', {
      prescriptionId: id,
      proposal: renewal,
      complementaryInfo: null,
      patientSource: 'VITALE',
    });
    expect(pending).toMatchObject({
      ok: true,
      value: { transmission: 'PENDING', message: expect.stringMatching(/partira dès son retour/) },
    });

    await mockControl('/_mock/faults', {});
    expect(await ws.sender.sendDue()).toEqual({ sent: 0, retried: 0, refused: 0 });
    expect(await ws.sender.sendDue(true)).toEqual({ sent: 1, retried: 0, refused: 0 });
    const res = await fetch(`${ws.embeddedTeleserviceUrl}/v1/prescriptions/${id}/executions`, {
      headers: { Authorization: `Bearer ${DEMO_PHARMACY.token}` },
    });
    const { executions } = (await res.json()) as { executions: { renewalNumber: number }[] };
    expect(executions.map((e) => e.renewalNumber)).toEqual([0, 1]);
  });
});

describe('degraded mode from the paper', () => {
  const STANDARD_LINES = { amox: '3400930001011', paracetamol: '3400930001035' };

  it('records what was dispensed from the paper, and builds and sends the execution once the server is back', async () => {
    await mockControl('/_mock/faults', { down: true });
    expect(await ws.dispatch('prescriptions.retrieve', { id: ID })).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    const recorded = await ws.dispatch('degraded.validate', {
      prescriptionId: '013X-J9K2-M4P6-R8T0-V0',
      renewalNumber: 0,
      counterNir: null,
      patientSource: 'VITALE',
      complementaryInfo: null,
      items: [
        { cip13: STANDARD_LINES.amox, packs: 2, batch: 'L1', expiry: null },
        { cip13: STANDARD_LINES.paracetamol, packs: 1, batch: null, expiry: null },
      ],
    });
    expect(recorded).toMatchObject({ ok: true, value: { transmission: 'PENDING', message: expect.stringMatching(/^Mode dégradé/) } });
    expect(await ws.store.dispensings.count()).toBe(1);
    await mockControl('/_mock/faults', {});
    expect(await ws.sender.sendDue(true)).toEqual({ sent: 1, retried: 0, refused: 0 });
    const res = await fetch(`${ws.embeddedTeleserviceUrl}/v1/prescriptions/${ID}/executions`, {
      headers: { Authorization: `Bearer ${DEMO_PHARMACY.token}` },
    });
    const [execution] = (
      (await res.json()) as { executions: { lines: { lineId: string; status: string; deviation: { reason: string | null } }[] }[] }
    ).executions;
    expect(execution?.lines.map((l) => l.status)).toEqual(['DISPENSED', 'DISPENSED', 'NOT_DISPENSED']);
    expect(execution?.lines[2]?.deviation.reason).toMatch(/mode dégradé/);
    // The register's entry, written before the prescription was known, is completed by a correction referring to it.
    const dispensingId = (recorded as { value: { dispensingId: string } }).value.dispensingId;
    const entries = await ws.store.registers.ofDispensing(dispensingId);
    const entry = entries.find((e) => e.kind === 'ENTRY')!;
    expect([entry.prescriber, entry.prescribedOn]).toEqual([null, null]);
    expect(entries.filter((e) => e.kind === 'CORRECTION')).toEqual([
      expect.objectContaining({
        refersTo: entry.number,
        prescriber: expect.stringMatching(/^Dr /),
        prescribedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        packs: 0,
        cip13: entry.cip13,
      }),
    ]);
  });

  it('records a degraded-mode validation made again (same validationId) once, and sends it once', async () => {
    await mockControl('/_mock/faults', { down: true });
    const input = {
      prescriptionId: ID,
      renewalNumber: 0,
      counterNir: null,
      patientSource: 'VITALE' as const,
      complementaryInfo: null,
      validationId: randomUUID(),
      items: [{ cip13: STANDARD_LINES.amox, packs: 2, batch: null, expiry: null }],
    };
    const first = await ws.dispatch('degraded.validate', input);
    const again = await ws.dispatch('degraded.validate', input);
    expect(again).toMatchObject({
      ok: true,
      value: { dispensingId: input.validationId, executionId: (first as { value: { executionId: string } }).value.executionId },
    });
    expect(await ws.store.dispensings.count()).toBe(1);
    await mockControl('/_mock/faults', {});
    expect(await ws.sender.sendDue(true)).toEqual({ sent: 1, retried: 0, refused: 0 });
  });

  it('asks the price of a pack the catalogue does not price, and records the one typed', async () => {
    await mockControl('/_mock/faults', { down: true });
    const paracetamol = (await ws.store.catalogue.product(STANDARD_LINES.paracetamol))!;
    await ws.store.catalogue.upsertMany([{ ...paracetamol, priceCents: null }]);
    const input = (unitPriceCents?: number) => ({
      prescriptionId: ID,
      renewalNumber: 0,
      counterNir: null,
      patientSource: 'VITALE' as const,
      complementaryInfo: null,
      items: [
        {
          cip13: STANDARD_LINES.paracetamol,
          packs: 1,
          batch: null,
          expiry: null,
          ...(unitPriceCents === undefined ? {} : { unitPriceCents }),
        },
      ],
    });
    expect(await ws.dispatch('degraded.validate', input())).toMatchObject({
      ok: false,
      error: { code: 'RULE_PRICE_REQUIRED', message: expect.stringMatching(/^Prix à saisir : « PARACÉTAMOL 1 g/) },
    });
    expect(await ws.store.dispensings.count()).toBe(0);
    const recorded = await ws.dispatch('degraded.validate', input(225));
    expect(recorded).toMatchObject({ ok: true });
    const { dispensingId } = (recorded as { value: { dispensingId: string } }).value;
    expect((await ws.store.dispensings.byId(dispensingId))?.saleLines).toEqual([
      expect.objectContaining({ cip13: STANDARD_LINES.paracetamol, unitPriceCents: 225 }),
    ]);
    await ws.store.catalogue.upsertMany([paracetamol]);
    await mockControl('/_mock/faults', {});
  });

  it('refuses a validation id already used for another prescription, recording nothing', async () => {
    await mockControl('/_mock/faults', { down: true });
    const input = (prescriptionId: string) => ({
      prescriptionId,
      renewalNumber: 0,
      counterNir: null,
      patientSource: 'VITALE' as const,
      complementaryInfo: null,
      validationId: '6f1c1a8e-4c1b-4d5e-9a2b-1c3d5e7f9a0b',
      items: [{ cip13: STANDARD_LINES.amox, packs: 1, batch: null, expiry: null }],
    });
    expect(await ws.dispatch('degraded.validate', input(ID))).toMatchObject({ ok: true });
    const count = await ws.store.dispensings.count();
    expect(await ws.dispatch('degraded.validate', input('010000000000000ABZ'))).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_ID_REUSED' },
    });
    expect(await ws.store.dispensings.count()).toBe(count);
    await mockControl('/_mock/faults', {});
  });

  it('leaves « à régulariser » a paper dispensing the prescription does not match', async () => {
    await mockControl('/_mock/faults', { down: true });
    await ws.dispatch('degraded.validate', {
      prescriptionId: ID,
      renewalNumber: 0,
      counterNir: null,
      patientSource: 'MANUAL',
      complementaryInfo: null,
      items: [{ cip13: '3400930001240', packs: 1, batch: null, expiry: null }],
    });
    await mockControl('/_mock/faults', {});
    expect(await ws.sender.sendDue(true)).toEqual({ sent: 0, retried: 0, refused: 1 });
    expect(await ws.store.outbox.list(['REFUSED'])).toEqual([
      expect.objectContaining({ lastErrorCode: 'PAPER_UNMATCHED', lastErrorMessage: expect.stringMatching(/^À régulariser : VENTOLINE/) }),
    ]);
    expect(await executionsAtServer()).toBe(0);
  });
});

describe('a téléservice that accepts the connection and never answers (workstation.md: unreachable after 8 s at most)', () => {
  const hang = () => mockControl('/_mock/faults', { latencyMs: 60_000 });
  const timed = async <T>(work: Promise<T>): Promise<{ value: T; ms: number }> => {
    const started = performance.now();
    const value = await work;
    return { value, ms: performance.now() - started };
  };

  it('F3 offers degraded mode within 8 s, retries included', { timeout: 20_000 }, async () => {
    await hang();
    const { value, ms } = await timed(ws.dispatch('prescriptions.retrieve', { id: ID }));
    expect(value).toMatchObject({ ok: false, error: { code: 'TELESERVICE_UNREACHABLE' } });
    expect(ms).toBeLessThan(8_000);
  });

  it('recording never waits on the network: validated, then sent in the background once it answers', { timeout: 20_000 }, async () => {
    const proposal = await retrieveAndPropose();
    await hang();
    const { value, ms } = await timed(
      ws.dispatch('counter.validate', { prescriptionId: ID, proposal, complementaryInfo: null, patientSource: 'VITALE' }),
    );
    expect(value).toMatchObject({ ok: true, value: { transmission: 'PENDING', message: expect.stringMatching(/enregistrée/) } });
    expect(ms).toBeLessThan(2_000);
    expect(await ws.store.dispensings.count()).toBe(1);

    const paper = await timed(
      ws.dispatch('degraded.validate', {
        prescriptionId: '010000000000000ABZ',
        renewalNumber: 0,
        counterNir: null,
        patientSource: 'VITALE',
        complementaryInfo: null,
        items: [{ cip13: '3400930001011', packs: 1, batch: null, expiry: null }],
      }),
    );
    expect(paper.value).toMatchObject({ ok: true, value: { transmission: 'PENDING' } });
    expect(paper.ms).toBeLessThan(2_000);
    expect(await ws.store.dispensings.count()).toBe(2);
  });
});
