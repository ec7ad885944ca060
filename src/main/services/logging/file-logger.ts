import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger, type Logger } from '../logger.js';

export const LOG_FILE = 'comptoir.log';
const MAX_BYTES = 1024 * 1024;
const KEEP = 5;

/** Rotates comptoir.log → comptoir.log.1 … .5 once it passes 1 MiB. */
function rotate(dir: string): void {
  const file = join(dir, LOG_FILE);
  if (!existsSync(file) || statSync(file).size < MAX_BYTES) return;
  rmSync(join(dir, `${LOG_FILE}.${KEEP}`), { force: true });
  for (let i = KEEP - 1; i >= 1; i--) {
    const from = join(dir, `${LOG_FILE}.${i}`);
    if (existsSync(from)) renameSync(from, join(dir, `${LOG_FILE}.${i + 1}`));
  }
  renameSync(file, join(dir, `${LOG_FILE}.1`));
}

/**
 * Logs as JSON lines in the user's data folder (logs/), rotated, with no personal data (the logger
 * drops NIR-, name- and token-like fields); also echoed to stderr for the console.
 */
export function createFileLogger(dataDir: string, echo: (line: string) => void = () => undefined): Logger {
  const dir = join(dataDir, 'logs');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  let writes = 0;
  return createLogger((line) => {
    if (writes++ % 100 === 0) rotate(dir);
    appendFileSync(join(dir, LOG_FILE), `${line}\n`, { mode: 0o600 });
    echo(line);
  });
}
