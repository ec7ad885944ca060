import { readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDataFolder } from '../../../src/main/bootstrap/data-folder.js';
import { AUDIT_ANCHOR_FILE } from '../../../src/main/services/store/audit-anchor.js';
import { entryHash, type AuditEntry } from '../../../src/main/services/store/audit-trail.js';
import { Store } from '../../../src/main/services/store/store.js';
import { runComptoir } from '../../helpers/processes.js';
import { tempStoreFile } from '../../helpers/store-fixture.js';

type Row = { seq: number; at: string; workstation: string; actor: string; action: string; subject: string | null; details_json: string };

/**
 * What someone who can write the database file and knows the algorithm does: change rows, then
 * recompute every hash so the chain is consistent again.
 */
function rewriteChain(file: string, change: (raw: Database.Database) => void): void {
  const raw = new Database(file);
  raw.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  change(raw);
  let prev = '0'.repeat(64);
  for (const row of raw.prepare<[], Row>('SELECT * FROM audit_log ORDER BY seq').all()) {
    const entry: AuditEntry = {
      at: row.at,
      workstation: row.workstation,
      actor: row.actor,
      action: row.action,
      subject: row.subject,
      details: JSON.parse(row.details_json),
    };
    const hash = entryHash(prev, entry);
    raw.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?').run(prev, hash, row.seq);
    prev = hash;
  }
  raw.close();
}

async function folderWithEntries(count: number): Promise<{ dir: string; file: string }> {
  const file = tempStoreFile();
  const { store } = await openDataFolder(dirname(file), 'poste-1');
  for (let i = 0; i < count; i++) await store.transaction((tx) => tx.audit.append('10001234565', 'dispensing.recorded', `P${i}`, { n: i }));
  await store.close();
  return { dir: dirname(file), file };
}

const verifyReadOnly = async (dir: string) => {
  const { store } = await openDataFolder(dir, 'audit', null, { readOnlyAnchor: true });
  try {
    return await store.audit.verify();
  } finally {
    await store.close();
  }
};

describe('the audit chain anchored outside the database', () => {
  it('anchors the head after each committed transaction, in a 0600 file, with its key outside the database', async () => {
    const { dir, file } = await folderWithEntries(3);
    const anchor = JSON.parse(readFileSync(join(dir, AUDIT_ANCHOR_FILE), 'utf8'));
    expect(anchor.seq).toBe(3);
    expect(statSync(join(dir, AUDIT_ANCHOR_FILE)).mode & 0o777).toBe(0o600);
    const key = JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8')).secrets['audit.anchorKey'].value as string;
    expect(readFileSync(file).includes(Buffer.from(key))).toBe(false);
    expect(await verifyReadOnly(dir)).toEqual({ ok: true, entries: 3, anchored: true });
  });

  it('catches a chain recomputed after a change, which the chain alone cannot see', async () => {
    const { dir, file } = await folderWithEntries(4);
    rewriteChain(file, (raw) => raw.prepare(`UPDATE audit_log SET details_json = '{"n":42}' WHERE seq = 2`).run());
    // The old weakness: the chain alone is consistent again.
    const plain = Store.openSqlite(file, 'x');
    expect(await plain.audit.verify()).toMatchObject({ ok: true, entries: 4 });
    await plain.close();
    expect(await verifyReadOnly(dir)).toMatchObject({
      ok: false,
      firstBadSeq: 4,
      message: expect.stringMatching(/Chaîne réécrite : l’entrée 4/),
    });
  });

  it('catches entries removed from the end and the chain recomputed', async () => {
    const { dir, file } = await folderWithEntries(5);
    rewriteChain(file, (raw) => raw.prepare('DELETE FROM audit_log WHERE seq > 3').run());
    expect(await verifyReadOnly(dir)).toMatchObject({ ok: false, firstBadSeq: 5, message: expect.stringMatching(/Entrées supprimées/) });
  });

  it('catches an anchor edited without its key, and an anchor removed', async () => {
    const { dir, file } = await folderWithEntries(3);
    const anchorFile = join(dir, AUDIT_ANCHOR_FILE);
    const anchor = JSON.parse(readFileSync(anchorFile, 'utf8'));
    rewriteChain(file, (raw) => raw.prepare(`UPDATE audit_log SET actor = '10003456786' WHERE seq = 1`).run());
    const newHead = new Database(file).prepare<[], { hash: string }>('SELECT hash FROM audit_log WHERE seq = 3').get()!.hash;
    writeFileSync(anchorFile, JSON.stringify({ ...anchor, hash: newHead }));
    expect(await verifyReadOnly(dir)).toMatchObject({ ok: false, message: expect.stringMatching(/Ancre du journal invalide/) });
    writeFileSync(anchorFile, '');
    expect(await verifyReadOnly(dir)).toMatchObject({ ok: false, message: expect.stringMatching(/Ancre du journal invalide/) });
    rmSync(anchorFile);
    expect(await verifyReadOnly(dir)).toMatchObject({ ok: false, message: expect.stringMatching(/Ancre du journal absente/) });
  });

  it('keeps the evidence when a workstation starts on a rewritten chain: the old anchor is set aside, never overwritten', async () => {
    const { dir, file } = await folderWithEntries(3);
    rewriteChain(file, (raw) => raw.prepare(`UPDATE audit_log SET subject = 'P9' WHERE seq = 3`).run());
    const reopened = await openDataFolder(dir, 'poste-1');
    expect(reopened.auditAnchorProblem?.message).toMatch(/Chaîne réécrite/);
    await reopened.store.transaction((tx) => tx.audit.append('10001234565', 'x', null));
    await reopened.store.close();
    expect(readdirSync(dir).filter((n) => n.startsWith('audit-anchor.ecartee-'))).toHaveLength(1);
    expect(await verifyReadOnly(dir)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/modifiée pendant que le poste était arrêté, ou clé/),
    });
  });

  it('never anchors an entry of a transaction that rolled back', async () => {
    const { dir } = await folderWithEntries(2);
    const { store } = await openDataFolder(dir, 'poste-1');
    await expect(
      store.transaction(async (tx) => {
        await tx.audit.append('10001234565', 'dispensing.recorded', 'P-rolled-back');
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    await store.transaction((tx) => tx.audit.append('10001234565', 'x', null));
    await store.close();
    expect(JSON.parse(readFileSync(join(dir, AUDIT_ANCHOR_FILE), 'utf8')).seq).toBe(3);
    expect(await verifyReadOnly(dir)).toEqual({ ok: true, entries: 3, anchored: true });
  });

  it('comptoir audit verify exits 1 on a recomputed chain, and never re-anchors what it verifies', async () => {
    const { dir, file } = await folderWithEntries(3);
    const ok = await runComptoir(['audit', 'verify', '--data-dir', dir]);
    expect([ok.code, ok.stdout.trim()]).toEqual([0, 'Journal d’audit intègre : 3 entrée(s) vérifiée(s), ancre hors base concordante.']);
    rewriteChain(file, (raw) => raw.prepare(`UPDATE audit_log SET details_json = '{"n":7}' WHERE seq = 1`).run());
    for (let i = 0; i < 2; i++) {
      const bad = await runComptoir(['audit', 'verify', '--data-dir', dir]);
      expect(bad.code).toBe(1);
      expect(bad.stdout).toMatch(/ALTÉRÉ : Chaîne réécrite/);
    }
  });
});
