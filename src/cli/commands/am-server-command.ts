import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AmServer } from '../../am-server/am-server.js';
import { parisDate } from '../../am-server/clock.js';
import { demoSeed } from '../../am-server/demo/demo-seed.js';
import { SeedError } from '../../am-server/seed.js';
import { isLoopbackHost } from '../../shared/teleservice/teleservice-url.js';
import { UsageError, intOption, onStopSignal } from '../cli-kit.js';

export const AM_SERVER_USAGE =
  'comptoir am-server [--port N] [--host 127.0.0.1] [--db FICHIER] [--seed FICHIER | --demo] [--admin] [--lease-ttl SECONDES]';

/** `comptoir am-server`: the mock téléservice, on loopback unless --host says otherwise. */
export async function amServerCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      db: { type: 'string' },
      seed: { type: 'string' },
      demo: { type: 'boolean', default: false },
      admin: { type: 'boolean', default: false },
      'lease-ttl': { type: 'string' },
    },
    strict: true,
  });
  // The mock's controls (faults, clock, reset) answer whoever reaches them: never beyond this machine.
  if (values.admin && !isLoopbackHost(values.host))
    throw new UsageError(`--admin refusé avec --host ${values.host} : les commandes du simulateur restent sur cette machine (127.0.0.1).`);
  const seed = values.seed !== undefined ? readSeed(values.seed) : values.demo ? demoSeed(parisDate(new Date())) : undefined;
  const server = new AmServer({
    db: values.db,
    seed,
    admin: values.admin,
    leaseTtlSeconds: intOption(values['lease-ttl'], 'lease-ttl', 1, 86_400),
  });
  const running = await server.listen(intOption(values.port, 'port', 0, 65_535) ?? 0, values.host);
  process.stdout.write(`listening on ${running.url}\n`);
  onStopSignal(() => running.close());
}

function readSeed(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`Fichier de seed illisible : ${file}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new SeedError(`Le fichier de seed n'est pas un JSON valide : ${file}`);
  }
}
