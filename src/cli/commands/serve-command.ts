import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError, readConfig } from '../../main/bootstrap/config.js';
import { startWorkstation } from '../../main/bootstrap/start-workstation.js';
import { BrowserHost } from '../../main/host/browser-host.js';
import { createFileLogger } from '../../main/services/logging/file-logger.js';
import { UsageError, intOption, onStopSignal } from '../cli-kit.js';

export const SERVE_USAGE = 'comptoir serve [--port N] [--open] [--first-run]';

/** `comptoir serve`: the workstation in browser mode (development and end-to-end tests). */
export async function serveCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { port: { type: 'string' }, open: { type: 'boolean', default: false }, 'first-run': { type: 'boolean', default: false } },
    strict: true,
  });
  let config;
  try {
    config = { ...readConfig(), firstRun: values['first-run'] };
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
  const log = createFileLogger(config.dataDir, (line) => process.stderr.write(`${line}\n`));
  const workstation = await startWorkstation(config, 'browser', log);
  const rendererDir = fileURLToPath(new URL('./renderer/', import.meta.url));
  const host = new BrowserHost(workstation, rendererDir, log);
  const url = await host.listen(intOption(values.port, 'port', 0, 65_535) ?? 0);
  // One write: the address, then the one-time one that opens it (its token becomes this browser's cookie).
  const launch = host.launchUrl();
  process.stdout.write(`workstation on ${url}\nouvrir une fois : ${launch}\n`);
  if (values.open) openInBrowser(launch);
  onStopSignal(async () => {
    await host.close();
    await workstation.close();
  });
}

function openInBrowser(url: string): void {
  const command = process.platform === 'win32' ? 'cmd' : process.platform === 'darwin' ? 'open' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url];
  const child = spawn(command, args, { stdio: 'ignore', detached: true });
  child.on('error', () => process.stdout.write(`Ouvrez ${url} dans votre navigateur.\n`));
  child.unref();
}
