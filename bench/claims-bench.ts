import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAmServer, type RunningAmServer } from '../src/am-server/am-server.js';
import { DEMO_PHARMACY } from '../src/am-server/demo/demo-actors.js';
import { demoSeed } from '../src/am-server/demo/demo-seed.js';
import { ClaimsService } from '../src/main/services/claims/claims-service.js';
import { OutboxSender } from '../src/main/services/counter/outbox-sender.js';
import { silentLogger } from '../src/main/services/logger.js';
import type { Store } from '../src/main/services/store/store.js';
import { TeleserviceClient } from '../src/main/services/teleservice/teleservice-client.js';
import type { Fse } from '../src/shared/claims/claims-schemas.js';
import { parisToday } from '../src/shared/format/paris-date.js';
import { seedReadyFses } from '../test/helpers/claims-seed.js';
import { openTestStore } from '../test/helpers/store-fixture.js';
import { percentile, sized, timed, type BenchScale, type Row } from './bench-kit.js';

/**
 * Getting paid (claims.md, « Speed »): a day's 300 FSEs into lots and sent (goal ≤ 3 s at
 * loopback), 10 000 mailbox messages applied (≤ 5 s), F7 opened over 10 000 FSEs (≤ 300 ms).
 * Real SQLite files, the real mock on loopback.
 */
export async function claimsBench(scale: BenchScale): Promise<Record<string, Row[]>> {
  const today = parisToday();
  const day = await withPharmacy(today, async ({ store, claims, server }) => {
    const fses = await seedReadyFses(store, sized(scale, 300, 20), today);
    piecesAtTheCaisse(server, fses);
    const [report, ms] = await timed(() => claims.transmit());
    return { fses: fses.length, lots: report.lots, ms: Math.round(ms), goal: '≤ 3 000 ms' };
  });
  const month = await withPharmacy(today, async ({ store, claims, server }) => {
    const count = sized(scale, 10_000, 60);
    const fses = await seedReadyFses(store, count, today);
    piecesAtTheCaisse(server, fses);
    await claims.transmit();
    await fetch(`${server.url}/_mock/sv/liquidate`, { method: 'POST' });
    const [{ applied }, ms] = await timed(() => claims.readMailbox());
    const opens: number[] = [];
    for (let i = 0; i < 7; i++) opens.push((await timed(() => claims.overview()))[1]);
    return {
      mailbox: {
        messages: applied,
        ms: Math.round(ms),
        perMessage: `${((ms * 1000) / Math.max(1, applied)).toFixed(0)} µs`,
        goal: '≤ 5 000 ms (10 000)',
      },
      f7: { fses: count, p50: Math.round(percentile(opens, 50)), p95: Math.round(percentile(opens, 95)), goal: '≤ 300 ms (10 000)' },
    };
  });
  return { day: [day], mailbox: [month.mailbox], f7: [month.f7] };
}

type Pharmacy = { store: Store; claims: ClaimsService; server: RunningAmServer };

async function withPharmacy<T>(today: string, work: (p: Pharmacy) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-claims-'));
  const server = await startAmServer({ db: join(dir, 'am.sqlite'), seed: demoSeed(today), admin: true });
  const store = await openTestStore(join(dir, 'comptoir.sqlite'));
  await store.settings.set('regulation.transmissionPhase', 2);
  const client = new TeleserviceClient({ baseUrl: server.url, token: DEMO_PHARMACY.token });
  const sender = new OutboxSender(store, client, silentLogger);
  try {
    return await work({
      store,
      server,
      claims: new ClaimsService(store, client, sender, silentLogger, () => DEMO_PHARMACY.pharmacistRpps),
    });
  } finally {
    await store.close();
    await server.close();
  }
}

/** Each FSE's pièce justificative, written straight into the mock's file (the scans are not what is measured). */
export function piecesAtTheCaisse(server: RunningAmServer, fses: Fse[]): void {
  const insert = server.service.db.prepare(
    `INSERT INTO scor_documents (document_id, finess, request_sha256, dispensing_id, circuit, prescription_id, prescribed_on, prescriber_rpps, received_at, pages, bytes, min_dpi, pdf, fse_number)
     VALUES (?, ?, ?, ?, 'PAPER', NULL, ?, NULL, ?, 1, 1, 200, ?, ?)`,
  );
  server.service.db.transaction(() => {
    for (const f of fses)
      insert.run(
        f.dispensingId,
        DEMO_PHARMACY.finess,
        createHash('sha256').update(f.fseNumber).digest('hex'),
        f.dispensingId,
        f.prescribedOn,
        new Date().toISOString(),
        Buffer.from('%PDF'),
        f.fseNumber,
      );
  })();
}
