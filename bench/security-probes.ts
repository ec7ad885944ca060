import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { STORE_FILE } from '../src/main/bootstrap/data-folder.js';
import { createLogger } from '../src/main/services/logger.js';
import { startServe, type Workstation } from '../test/helpers/browser.js';
import { runComptoir } from '../test/helpers/processes.js';
import { scannedOrdonnancePdf } from '../src/main/services/pdf/scanned-ordonnance-pdf.js';
import type { Row } from './bench-kit.js';
import { hostileFileProbes } from './hostile-files-probes.js';

type Probe = { finding: string; probe: string; expected: string; observed: () => Promise<string> };

/** Opens the browser host's WebSocket as a local program would; 'open' or 'refused'. */
function openSocket(
  ws: Workstation,
  session: string | null,
  origin: string,
): Promise<{ state: 'open' | 'refused'; socket: WebSocket | null }> {
  const url = `${ws.url.replace('http', 'ws')}/ipc`;
  return new Promise((resolve) => {
    const socket = new WebSocket(url, {
      headers: { Origin: origin, ...(session === null ? {} : { Cookie: `comptoir_session_${new URL(ws.url).port}=${session}` }) },
    });
    socket.on('open', () => resolve({ state: 'open', socket }));
    socket.on('error', () => resolve({ state: 'refused', socket: null }));
  });
}

/** One contract call over an open socket: 'ok', or the error code with the field the dispatcher names. */
function callOver(socket: WebSocket, call: string, input: unknown): Promise<string> {
  return new Promise((resolve) => {
    socket.once('message', (data) => {
      const { result } = JSON.parse(String(data)) as { result: { ok: boolean; error?: { code: string; message: string } } };
      const field = /\(([\w.]+)\)/.exec(result.error?.message ?? '')?.[1];
      resolve(result.ok ? 'ok' : `${result.error?.code ?? '?'}${field ? ` ${field}` : ''}`);
    });
    socket.send(JSON.stringify({ id: 1, call, input }));
  });
}

/** Several calls, one after the other (one answer per call on the socket). */
async function callsOver(socket: WebSocket, calls: [string, unknown][]): Promise<string> {
  const outcomes: string[] = [];
  for (const [call, input] of calls) outcomes.push(await callOver(socket, call, input));
  return outcomes.join(', ');
}

function statusWithHost(ws: Workstation, host: string): Promise<number> {
  const port = new URL(ws.url).port;
  return new Promise((resolve) =>
    request({ host: '127.0.0.1', port, path: '/', headers: { Host: host } }, (res) => resolve(res.statusCode ?? 0)).end(),
  );
}

/** The session cookie the first browser got for the one-time launch address (the test helper traded it). */
const sessionOf = async (ws: Workstation) => ws.sessionCookie;
const modeOf = (path: string) => `0${(statSync(path).mode & 0o777).toString(8)}`;

/** The built Electron shell against the fake electron module: what it did with hostile navigation and permissions. */
function electronShell(): Promise<{
  guards: Record<string, Record<string, unknown>>;
  permissionProbes: Record<string, boolean>;
  protocolProbes: Record<string, { status: number }>;
  applicationMenu: unknown;
  keys: Record<string, boolean>;
}> {
  const dir = join('test', 'helpers', 'fake-electron');
  const child = spawn(process.execPath, ['--import', `./${dir}/register.mjs`, `${dir}/drive-shell.mjs`], {
    env: { ...process.env, COMPTOIR_DATA_DIR: mkdtempSync(join(tmpdir(), 'probe-shell-')) },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) =>
    child.on('close', () => {
      const line = out.split('\n').find((l) => l.startsWith('{"privilegedSchemes"'));
      if (line) resolve(JSON.parse(line));
      else reject(new Error('shell driver gave no report'));
    }),
  );
}

function probes(ws: Workstation): Probe[] {
  const socketWith = async (session: string | null, origin = ws.url) => (await openSocket(ws, session, origin)).state;
  const withSocket = async <T>(use: (s: WebSocket) => Promise<T>): Promise<T> => {
    const { socket } = await openSocket(ws, await sessionOf(ws), ws.url);
    if (!socket) throw new Error('the served page’s own socket was refused');
    try {
      return await use(socket);
    } finally {
      socket.close();
    }
  };
  const post = async (path: string, type: string, origin?: string) =>
    (
      await fetch(`${ws.url}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': type, ...(origin ? { Origin: origin } : {}) },
        body: '{"text":"013XJ9K2M4P6R8T0V0"}',
      })
    ).status;
  let shell: ReturnType<typeof electronShell> | null = null;
  const theShell = () => (shell ??= electronShell());
  return [
    { finding: '1', probe: 'WebSocket with a forged Origin, no cookie', expected: 'refused', observed: () => socketWith(null) },
    { finding: '1', probe: 'WebSocket with a guessed cookie', expected: 'refused', observed: () => socketWith('forged') },
    {
      finding: '1',
      probe: 'WebSocket with the launch address’s cookie (control)',
      expected: 'open',
      observed: async () => socketWith(await sessionOf(ws)),
    },
    {
      finding: '28.2',
      probe: 'GET / by another local program (no cookie): the page, a secret in it?',
      expected: '401, no secret',
      observed: async () => {
        const answer = await fetch(ws.url);
        return `${answer.status}, ${(await answer.text()).includes(ws.sessionCookie) ? 'secret given' : 'no secret'}`;
      },
    },
    {
      finding: '28.2',
      probe: 'the one-time launch address opened a second time',
      expected: '401',
      observed: async () => {
        const launch = /ouvrir une fois : (http:\/\/\S+)/.exec(ws.started.output())?.[1] ?? `${ws.url}/?t=none`;
        return String((await fetch(launch, { redirect: 'manual' })).status);
      },
    },
    {
      finding: '11',
      probe: 'Host: evil.example (DNS rebinding)',
      expected: '421',
      observed: async () => String(await statusWithHost(ws, `evil.example:${new URL(ws.url).port}`)),
    },
    {
      finding: '—',
      probe: 'virtual e-reader: text/plain POST, then foreign Origin',
      expected: '415, 403',
      observed: async () =>
        `${await post('/_dev/e-reader/scan', 'text/plain')}, ${await post('/_dev/e-reader/scan', 'application/json', 'https://evil.example')}`,
    },
    {
      finding: '2',
      probe: 'embedded mock: POST /_mock/faults, /_mock/reset as any web page could',
      expected: '404, 404',
      observed: async () =>
        (
          await Promise.all(
            ['/_mock/faults', '/_mock/reset'].map(
              async (p) =>
                (
                  await fetch(`${ws.embeddedAmUrl}${p}`, {
                    method: 'POST',
                    headers: { 'Content-Type': 'text/plain' },
                    body: '{"down":true}',
                  })
                ).status,
            ),
          )
        ).join(', '),
    },
    {
      finding: '2',
      probe: 'comptoir am-server --admin --host 0.0.0.0',
      expected: 'exit 2',
      observed: async () => `exit ${(await runComptoir(['am-server', '--admin', '--host', '0.0.0.0', '--port', '0'])).code}`,
    },
    {
      finding: '3',
      probe: 'settings.save téléservice at http://evil.example, file:, javascript:',
      expected: Array(3).fill('INVALID_INPUT teleservice.url').join(', '),
      observed: () =>
        withSocket((s) =>
          callsOver(
            s,
            ['http://evil.example/v1', 'file:///etc/passwd', 'javascript:alert(1)'].map((url) => [
              'settings.save',
              { teleservice: { mode: 'remote', url, token: 'probe-token-123' } },
            ]),
          ),
        ),
    },
    {
      finding: '4',
      probe: 'data folder, database, -wal, secrets.json modes',
      expected: '0700 0600 0600 0600',
      observed: async () =>
        [ws.dataDir, join(ws.dataDir, STORE_FILE), join(ws.dataDir, `${STORE_FILE}-wal`), join(ws.dataDir, 'secrets.json')]
          .map((p) => (existsSync(p) ? modeOf(p) : 'absent'))
          .join(' '),
    },
    {
      finding: '4',
      probe: 'token saved in the settings, then searched in the database bytes',
      expected: 'absent',
      observed: () =>
        withSocket(async (s) => {
          await callOver(s, 'settings.save', {
            teleservice: { mode: 'remote', url: 'https://teleservice.example', token: 'probe-secret-7f3a9c' },
          });
          const bytes = [STORE_FILE, `${STORE_FILE}-wal`]
            .filter((n) => existsSync(join(ws.dataDir, n)))
            .map((n) => readFileSync(join(ws.dataDir, n)));
          await callOver(s, 'settings.save', { teleservice: { mode: 'embedded' } });
          return bytes.some((b) => b.includes('probe-secret-7f3a9c')) ? 'found' : 'absent';
        }),
    },
    {
      finding: '9',
      probe: 'counter.assess with a 20-character NIR; 1 000 justifications',
      expected: 'INVALID_INPUT proposal.counterPatient.nir, INVALID_INPUT proposal.justifications',
      observed: () =>
        withSocket((s) => {
          const proposal = { renewalNumber: 0, counterPatient: null, lines: [] };
          const justifications = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, { reason: 'x' }]));
          return callsOver(s, [
            [
              'counter.assess',
              { prescriptionId: '013XJ9K2M4P6R8T0V0', proposal: { ...proposal, counterPatient: { nir: '1'.repeat(20) } } },
            ],
            ['counter.assess', { prescriptionId: '013XJ9K2M4P6R8T0V0', proposal: { ...proposal, justifications } }],
          ]);
        }),
    },
    {
      finding: '#28.1',
      probe: 'Numérisation of a 33-byte PNG declaring 20 000 × 20 000 pixels',
      expected: 'SCAN_IMAGE_TOO_LARGE',
      observed: async () => {
        const bomb = new Uint8Array(33);
        bomb.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
        new DataView(bomb.buffer).setUint32(16, 20_000);
        new DataView(bomb.buffer).setUint32(20, 20_000);
        return scannedOrdonnancePdf(bomb, 'image/png').then(
          () => 'decoded',
          (e: { code?: string }) => e.code ?? 'error',
        );
      },
    },
    {
      finding: '10',
      probe: 'a Corsican NIR with spaces written to the log',
      expected: 'masked',
      observed: async () => {
        let line = '';
        createLogger((l) => (line = l)).info('probe', { note: 'patient 2 85 05 2A 123 456 78' });
        return line.includes('2A 123 456') ? 'in clear' : 'masked';
      },
    },
    {
      finding: '5',
      probe: 'comptoir audit verify on the running folder (chain + anchor)',
      expected: 'exit 0',
      observed: async () => `exit ${(await runComptoir(['audit', 'verify', '--data-dir', ws.dataDir])).code}`,
    },
    {
      finding: '—',
      probe: 'comptoir restore while the workstation runs on the folder',
      expected: 'WORKSTATION_RUNNING',
      observed: async () =>
        /\[(\w+)\]/.exec((await runComptoir(['restore', join(ws.dataDir, STORE_FILE), '--data-dir', ws.dataDir])).stderr)?.[1] ??
        'accepted',
    },
    {
      finding: '6',
      probe: 'Electron shell: application menu; F12 in a packaged build',
      expected: 'none, blocked',
      observed: async () => {
        const seen = await theShell();
        return `${seen.applicationMenu === null ? 'none' : 'default'}, ${seen.keys.F12 ? 'blocked' : 'opens DevTools'}`;
      },
    },
    {
      finding: '7',
      probe: 'Electron shell: camera for app://, microphone, camera for another origin',
      expected: 'granted, refused, refused',
      observed: async () => {
        const p = (await theShell()).permissionProbes;
        return [p.cameraFromApp, p.microphoneFromApp, p.cameraFromElsewhere].map((v) => (v ? 'granted' : 'refused')).join(', ');
      },
    },
    {
      finding: '7',
      probe: 'Electron shell: another web contents navigates away, opens a window',
      expected: 'prevented, deny',
      observed: async () => {
        const g = (await theShell()).guards.otherContents!;
        return `${g.navigateAway ? 'prevented' : 'allowed'}, ${String(g.windowOpen)}`;
      },
    },
    {
      finding: '8',
      probe: 'Electron app://: ../ traversal, malformed %, symlink out',
      expected: '404 404 404',
      observed: async () => {
        const p = (await theShell()).protocolProbes;
        return [p.traversal, p.malformedPercent, p.symlinkOut].map((x) => x?.status).join(' ');
      },
    },
  ];
}

/** Each probe of the security review, tried against a running `comptoir serve`, the CLI and the built shell. */
export async function securityProbes(): Promise<Row[]> {
  const ws = await startServe({ COMPTOIR_MOCK_ADMIN_TOKEN: '' });
  const rows: Row[] = [];
  try {
    for (const p of [...probes(ws), ...hostileFileProbes()]) {
      const observed = await p.observed().catch((e: Error) => `error: ${e.message}`);
      rows.push({
        finding: p.finding,
        probe: p.probe,
        expected: p.expected,
        observed,
        outcome: observed === p.expected ? 'as expected' : 'FINDING OPEN',
      });
    }
  } finally {
    ws.started.child.kill('SIGTERM');
  }
  return rows;
}
