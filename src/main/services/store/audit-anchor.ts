import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { SecretStore } from '../secrets/secret-store.js';

export const AUDIT_ANCHOR_FILE = 'audit-anchor.json';
const backupAnchorSchema = z.object({
  seq: z.number().int().min(0),
  hash: z.string().regex(/^[0-9a-f]{64}:[0-9a-f]{64}$/),
  at: z.string().max(40),
  mac: z.string().regex(/^[0-9a-f]{64}$/),
});

function fileDigest(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** Where a backup's own anchor lives: beside it. */
export const backupAnchorFile = (backupFile: string): string => `${backupFile}.ancre`;
const SET_ASIDE_PREFIX = 'audit-anchor.ecartee-';

/** The chain's head as last seen by this workstation: an entry that must still be there, unchanged. */
export type AuditHead = { seq: number; hash: string };
export type AnchorProblem = { seq: number; message: string } | null;
export type AnchorReading =
  { state: 'anchored'; head: AuditHead; at: string } | { state: 'missing'; everAnchored: boolean } | { state: 'forged' };

const anchorSchema = z.object({
  seq: z.number().int().min(0),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.string().max(40),
  mac: z.string().regex(/^[0-9a-f]{64}$/),
});

/**
 * Anchors the audit chain outside the database. The chain alone is plain SHA-256: whoever can write
 * the database file can recompute it after changing a row. The anchor keeps the head (seq, hash),
 * signed with an HMAC key that lives in the secret store, in a file beside the database: a chain
 * rewritten at or before the anchored entry no longer has that hash there, and the anchor cannot be
 * re-signed without the key. Written after every transaction that appended (see Store.transaction).
 */
export class AuditAnchor {
  private readonly file: string;
  private cachedKey: string | null = null;

  constructor(
    private readonly dir: string,
    private readonly secrets: SecretStore,
  ) {
    this.file = join(dir, AUDIT_ANCHOR_FILE);
  }

  write(head: AuditHead, at = new Date().toISOString()): void {
    const mac = this.mac(this.key(), head, at);
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify({ ...head, at, mac }), { mode: 0o600 });
    renameSync(temporary, this.file);
  }

  read(): AnchorReading {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      // A key without its anchor: the anchor was removed. Neither: a folder from before anchoring.
      return { state: 'missing', everAnchored: this.secrets.get('audit.anchorKey') !== null };
    }
    const key = this.secrets.get('audit.anchorKey');
    let parsed: z.infer<typeof anchorSchema>;
    try {
      parsed = anchorSchema.parse(JSON.parse(text));
    } catch {
      return { state: 'forged' };
    }
    const head = { seq: parsed.seq, hash: parsed.hash };
    if (key === null || !timingSafeEqual(Buffer.from(this.mac(key, head, parsed.at), 'hex'), Buffer.from(parsed.mac, 'hex')))
      return { state: 'forged' };
    return { state: 'anchored', head, at: parsed.at };
  }

  /**
   * A backup's own anchor (`<backup>.ancre`): the head it was taken with, signed with the same key —
   * a copy edited afterwards (its chain recomputed) no longer matches, and cannot be re-signed (#28.3).
   */
  writeFor(backupFile: string, head: AuditHead, at = new Date().toISOString()): void {
    // The whole file's digest is signed with the head: any table edited afterwards, not the audit log only.
    const signed = { ...head, hash: `${head.hash}:${fileDigest(backupFile)}` };
    writeFileSync(backupAnchorFile(backupFile), JSON.stringify({ ...signed, at, mac: this.mac(this.key(), signed, at) }), { mode: 0o600 });
  }

  /** A backup's own anchor: none, one whose signature or file digest does not hold ('altered'), or the head it was taken with. */
  readFor(backupFile: string): { state: 'none' } | { state: 'altered' } | { state: 'anchored'; head: AuditHead } {
    let text: string;
    try {
      text = readFileSync(backupAnchorFile(backupFile), 'utf8');
    } catch {
      return { state: 'none' };
    }
    try {
      const parsed = backupAnchorSchema.parse(JSON.parse(text));
      const key = this.secrets.get('audit.anchorKey');
      const signed = { seq: parsed.seq, hash: parsed.hash };
      if (key === null || !timingSafeEqual(Buffer.from(this.mac(key, signed, parsed.at), 'hex'), Buffer.from(parsed.mac, 'hex')))
        return { state: 'altered' };
      const [hash = '', digest] = parsed.hash.split(':');
      return digest === fileDigest(backupFile) ? { state: 'anchored', head: { seq: parsed.seq, hash } } : { state: 'altered' };
    } catch {
      return { state: 'altered' };
    }
  }

  /** Keeps an anchor the chain no longer matches beside the new one, as evidence. */
  setAside(at = new Date()): void {
    try {
      renameSync(this.file, join(this.dir, `${SET_ASIDE_PREFIX}${at.toISOString().replace(/[:.]/g, '-')}.json`));
    } catch {
      // No anchor to keep.
    }
  }

  /** An anchor set aside at a start means the chain was changed while the workstation was stopped. */
  setAsideProblem(): AnchorProblem {
    const kept = readdirSync(this.dir)
      .filter((name) => name.startsWith(SET_ASIDE_PREFIX))
      .sort();
    if (kept.length === 0) return null;
    return {
      seq: 0,
      message: `Au démarrage, la chaîne ne correspondait plus à son ancre : modifiée pendant que le poste était arrêté, ou clé de l’ancre perdue (ancre conservée : ${kept[0]}).`,
    };
  }

  /** The key, created on first use (a new data folder, or one from before anchoring). */
  private key(): string {
    this.cachedKey ??= this.secrets.get('audit.anchorKey');
    if (this.cachedKey !== null) return this.cachedKey;
    const key = randomBytes(32).toString('hex');
    this.secrets.set('audit.anchorKey', key, { seal: false });
    return (this.cachedKey = key);
  }

  private mac(key: string, head: AuditHead, at: string): string {
    return createHmac('sha256', Buffer.from(key, 'hex')).update(`comptoir-audit-anchor\n${head.seq}\n${head.hash}\n${at}`).digest('hex');
  }
}

/** What an anchor says of a chain of `entries` rows (null: consistent). */
export function anchorProblem(reading: AnchorReading, entries: number, hashAt: (seq: number) => string | null): AnchorProblem {
  if (reading.state === 'missing')
    return entries === 0 || !reading.everAnchored
      ? null
      : { seq: 0, message: `Ancre du journal absente (${AUDIT_ANCHOR_FILE}) : rien ne prouve que la chaîne n’a pas été réécrite.` };
  if (reading.state === 'forged')
    return { seq: 0, message: 'Ancre du journal invalide : elle a été modifiée, ou sa clé n’est plus celle du poste.' };
  const { seq, hash } = reading.head;
  if (seq === 0) return null;
  const found = hashAt(seq);
  if (found === null) return { seq, message: `Entrées supprimées : l’ancre attend l’entrée ${seq}, le journal s’arrête avant.` };
  if (found !== hash) return { seq, message: `Chaîne réécrite : l’entrée ${seq} ne correspond plus à l’ancre posée hors de la base.` };
  return null;
}
