import { join } from 'node:path';
import { SecretStore } from '../secrets/secret-store.js';
import { AuditAnchor } from '../store/audit-anchor.js';
import { auditHashesOf, type ChainWitness } from '../store/sqlite/sqlite-backup-check.js';

/** The counter's database file in its data folder (the bootstrap's STORE_FILE, said here without importing it). */
const LIVE_FILE = 'comptoir.sqlite';

/**
 * What this folder's records say a backup's chain must contain (#28.3): its own signed anchor, written
 * when it was taken; without one (a copy from elsewhere), the folder's anchored entry (a backup at
 * least as recent), or the live database's entry at the backup's head (an older one), the live
 * database itself agreeing with the anchor. A folder never anchored has nothing to compare with.
 */
export function backupWitness(dataDir: string, backupFile: string): ChainWitness {
  const anchor = new AuditAnchor(dataDir, new SecretStore(dataDir));
  const own = anchor.readFor(backupFile);
  const reading = anchor.read();
  if (own.state === 'none' && reading.state === 'missing' && !reading.everAnchored) return null;
  return {
    agrees: (backupHashAt, head) => {
      if (own.state === 'altered') return 'elle n’a plus le contenu avec lequel elle a été prise';
      if (own.state === 'anchored')
        return backupHashAt(own.head.seq) === own.head.hash && head.seq === own.head.seq
          ? null
          : 'elle n’a plus le contenu avec lequel elle a été prise';
      if (reading.state !== 'anchored') return reading.state === 'forged' ? 'l’ancre du poste est altérée' : 'l’ancre du poste a disparu';
      const anchored = reading.head;
      if (head.seq >= anchored.seq)
        return backupHashAt(anchored.seq) === anchored.hash ? null : `son entrée n° ${anchored.seq} n’est pas celle ancrée`;
      const live = auditHashesOf(join(dataDir, LIVE_FILE));
      if (!live) return 'plus ancienne que l’ancre, sans ancre propre, et aucune base en place pour la comparer';
      if (live(anchored.seq) !== anchored.hash) return 'la base en place ne concorde pas non plus avec l’ancre';
      return live(head.seq) === head.hash ? null : `son entrée n° ${head.seq} diffère de celle de la base en place`;
    },
  };
}
