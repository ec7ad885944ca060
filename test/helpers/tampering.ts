import type Database from 'better-sqlite3';
import { entryHash, GENESIS } from '../../src/main/services/store/audit-trail.js';
import type { Store } from '../../src/main/services/store/store.js';

/** `count` patients created as the counter does, each with its audit entry. */
export async function auditedPatients(store: Store, from: number, count: number): Promise<void> {
  for (let i = from; i < from + count; i++)
    await store.transaction(async (tx) => {
      const p = await tx.patients.upsert({
        nir: null,
        lastName: `PATIENT${i}`,
        firstName: 'Test',
        birthDate: '1980-01-01',
        sex: 'F',
        source: 'MANUAL',
      });
      await tx.audit.append('10001234565', 'patient.created', String(p.id));
    });
}

type AuditRow = {
  seq: number;
  at: string;
  workstation: string;
  actor: string;
  action: string;
  subject: string | null;
  details_json: string;
};

/**
 * What an attacker who has the file and knows the chain's rule does: one entry changed, every hash
 * after it recomputed, the append-only triggers dropped for the edit and put back exactly.
 */
export function rewriteAuditChain(db: Database.Database, seq: number, change: (row: AuditRow) => AuditRow): void {
  const triggers = db.prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'").all();
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  let prev = GENESIS;
  for (const original of db.prepare<[], AuditRow>('SELECT * FROM audit_log ORDER BY seq').all()) {
    const r = original.seq === seq ? change(original) : original;
    const hash = entryHash(prev, {
      at: r.at,
      workstation: r.workstation,
      actor: r.actor,
      action: r.action,
      subject: r.subject,
      details: JSON.parse(r.details_json),
    });
    db.prepare('UPDATE audit_log SET actor = ?, subject = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(
      r.actor,
      r.subject,
      prev,
      hash,
      r.seq,
    );
    prev = hash;
  }
  for (const t of triggers) db.exec(t.sql);
}
