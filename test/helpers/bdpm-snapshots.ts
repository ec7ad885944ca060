import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The real BDPM snapshots (../shared/bdpm/ beside the project, as catalogue.md says): 2017-03-18,
 * 2026-01-28 and 2026-07-24. COMPTOIR_BDPM_SNAPSHOTS names another place. The product ships none.
 */
export const BDPM_SNAPSHOTS: string | null =
  [process.env.COMPTOIR_BDPM_SNAPSHOTS, fileURLToPath(new URL('../../../shared/bdpm', import.meta.url)), '/work/shared/bdpm'].find(
    (d): d is string => Boolean(d) && existsSync(d!),
  ) ?? null;

export const snapshot = (day: '2017-03-18' | '2026-01-28' | '2026-07-24'): string => {
  if (!BDPM_SNAPSHOTS) throw new Error('the BDPM snapshots (../shared/bdpm) are not on this machine');
  return `${BDPM_SNAPSHOTS}/${day}`;
};
