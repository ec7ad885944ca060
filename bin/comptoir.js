#!/usr/bin/env node
// Entry of the `comptoir` command: runs the built CLI (npm ci builds it through `prepare`).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli.mjs', import.meta.url));
if (!existsSync(cli)) {
  console.error("comptoir n'est pas construit : lancez « npm run build » puis recommencez.");
  process.exit(2);
}
await import(pathToFileURL(cli).href);
