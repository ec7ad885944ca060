import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoSeed } from '../../../src/am-server/demo/demo-seed.js';
import { AmTestClient, TODAY, TOKENS, fullExecution } from '../../helpers/am-fixture.js';
import { exited, runComptoir, startComptoir, type Started } from '../../helpers/processes.js';

const running: Started[] = [];
afterEach(() => {
  for (const s of running.splice(0)) s.child.kill('SIGKILL');
});

function files() {
  const dir = mkdtempSync(join(tmpdir(), 'am-server-'));
  const seed = join(dir, 'seed.json');
  writeFileSync(seed, JSON.stringify(demoSeed(TODAY)));
  return { db: join(dir, 'am.sqlite'), seed };
}

async function start(args: string[]) {
  const started = await startComptoir(['am-server', ...args], /^listening on http:\/\/127\.0\.0\.1:\d+$/);
  running.push(started);
  return { started, client: new AmTestClient(started.firstLine.replace('listening on ', '').trim()) };
}

describe('comptoir am-server as a process', () => {
  it('prints its address, serves, and stops cleanly on SIGTERM', async () => {
    const { db, seed } = files();
    const { started, client } = await start(['--port', '0', '--db', db, '--seed', seed]);
    expect((await client.call('GET', '/v1/health')).status).toBe(200);
    started.child.kill('SIGTERM');
    expect(await exited(started.child)).toEqual({ code: 0, signal: null });
  });

  it('loses nothing it acknowledged across a kill -9 and a restart on the same file', async () => {
    const { db, seed } = files();
    const first = await start(['--port', '0', '--db', db, '--seed', seed]);
    const id = '010000000000000ABZ';
    const lease = (await first.client.lease(id)).body.leaseToken as string;
    const p = (await first.client.get(id)).body;
    const body = fullExecution(p);
    const accepted = await first.client.execute(id, lease, body);
    expect(accepted.status).toBe(201);
    first.started.child.kill('SIGKILL');
    await exited(first.started.child);

    const second = await start(['--port', '0', '--db', db, '--seed', seed]);
    const after = (await second.client.get(id)).body;
    expect(after.status).toBe('PARTIALLY_DISPENSED');
    expect(after.lines[0].dispensings).toHaveLength(1);
    const replay = await second.client.execute(id, lease, body);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(accepted.body);
    expect((await second.client.lease(id, TOKENS.otherPharmacy)).status).toBe(423);
  });

  it('refuses a bad seed and bad options with exit 2 and a French sentence', async () => {
    const { seed } = files();
    writeFileSync(seed, JSON.stringify({ actors: [{ token: 'x', kind: 'wizard' }] }));
    const bad = await runComptoir(['am-server', '--seed', seed]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/seed invalide/);
    const port = await runComptoir(['am-server', '--port', 'abc']);
    expect(port.code).toBe(2);
    expect(port.stderr).toMatch(/--port attend un entier/);
  });

  it('refuses --admin on any host but loopback: the mock controls never leave this machine', async () => {
    for (const host of ['0.0.0.0', '192.168.1.10', '::']) {
      const open = await runComptoir(['am-server', '--admin', '--host', host, '--port', '0']);
      expect(open.code, host).toBe(2);
      expect(open.stderr).toMatch(/--admin refusé avec --host/);
    }
  });
});
