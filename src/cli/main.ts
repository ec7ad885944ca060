import { SeedError } from '../am-server/seed.js';
import { AppError } from '../shared/contract/result.js';
import { UsageError, fail } from './cli-kit.js';
import { AM_SERVER_USAGE, amServerCommand } from './commands/am-server-command.js';
import { AUDIT_USAGE, auditCommand } from './commands/audit-command.js';
import { BACKUP_USAGE, RESTORE_USAGE, backupCommand, restoreCommand } from './commands/backup-command.js';
import { CATALOGUE_USAGE, catalogueCommand } from './commands/catalogue-command.js';
import { DB_USAGE, dbCommand } from './commands/db-command.js';
import { DECODE_USAGE, decodeCommand } from './commands/decode-command.js';
import { HID_LIST_USAGE, hidListCommand } from './commands/hid-list-command.js';
import { HID_REPLAY_USAGE, hidReplayCommand } from './commands/hid-replay-command.js';
import { LAP_USAGE, lapCommand } from './commands/lap-command.js';
import { SERVE_USAGE, serveCommand } from './commands/serve-command.js';
import { TARIFFS_USAGE, tariffsCommand } from './commands/tariffs-command.js';

type Command = { usage: string; run: (args: string[]) => Promise<void> };

/** The `comptoir` commands; each lives in its own file under commands/. */
const COMMANDS: Record<string, Command> = {
  'am-server': { usage: AM_SERVER_USAGE, run: amServerCommand },
  'hid-replay': { usage: HID_REPLAY_USAGE, run: hidReplayCommand },
  'hid-list': { usage: HID_LIST_USAGE, run: hidListCommand },
  serve: { usage: SERVE_USAGE, run: serveCommand },
  decode: { usage: DECODE_USAGE, run: decodeCommand },
  lap: { usage: LAP_USAGE, run: lapCommand },
  audit: { usage: AUDIT_USAGE, run: auditCommand },
  tarifs: { usage: TARIFFS_USAGE, run: tariffsCommand },
  backup: { usage: BACKUP_USAGE, run: backupCommand },
  restore: { usage: RESTORE_USAGE, run: restoreCommand },
  db: { usage: DB_USAGE, run: dbCommand },
  catalogue: { usage: CATALOGUE_USAGE, run: catalogueCommand },
};

async function main(argv: string[]): Promise<void> {
  const [name, ...args] = argv;
  const command = name === undefined ? undefined : COMMANDS[name];
  if (!command) {
    const list = Object.values(COMMANDS)
      .map((c) => `  ${c.usage}`)
      .join('\n');
    fail(
      `${name === undefined || name === '--help' ? '' : `Commande inconnue : ${name}\n`}Commandes :\n${list}`,
      name === '--help' ? 0 : 2,
    );
  }
  try {
    await command.run(args);
  } catch (error) {
    if (error instanceof UsageError || error instanceof SeedError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      fail(`${(error as Error).message}\nUsage : ${command.usage}`);
    }
    if ((error as { code?: string }).code === 'EADDRINUSE') fail('Ce port est déjà utilisé : choisissez-en un autre avec --port.', 1);
    if (error instanceof AppError) fail(error.message, 1);
    throw error;
  }
}

await main(process.argv.slice(2));
