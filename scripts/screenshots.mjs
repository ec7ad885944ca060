// `npm run screenshots`: runs the browser end-to-end tests with COMPTOIR_README_SCREENSHOTS=1, so the
// README's screens (docs/screenshots) are refreshed from the code as it is. `npm test` never writes there.
import { spawnSync } from 'node:child_process';

const run = spawnSync('npx', ['vitest', 'run', '--project', 'e2e'], {
  stdio: 'inherit',
  env: { ...process.env, COMPTOIR_README_SCREENSHOTS: '1' },
});
process.exit(run.status ?? 1);
