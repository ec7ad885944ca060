import { readFileSync, statSync } from 'node:fs';
import type pg from 'pg';
import { AppError } from '../../../../shared/contract/result.js';

/** The pharmacy's server as Configuration › Base de données takes it: an address, never free-form options. */
export type ServerAddress = { host: string; port: number; database: string; user: string; password: string };
/** How the connection is protected: `require` encrypts; `verify-full` also checks the server's certificate (COMPTOIR_DATABASE_CA). */
export type SslMode = 'disable' | 'prefer' | 'require' | 'verify-ca' | 'verify-full';
export type ServerTarget = ServerAddress & { sslmode: SslMode | null };

const SSL_MODES: SslMode[] = ['disable', 'prefer', 'require', 'verify-ca', 'verify-full'];
/** The only options an address may carry: anything else (sslrootcert=/dev/zero, options=…) is refused, never read. */
const ALLOWED_OPTIONS = new Set(['sslmode', 'application_name']);
const ENCRYPTED: (SslMode | null)[] = ['require', 'verify-ca', 'verify-full'];

const refused = (message: string) => new AppError('DATABASE_ADDRESS_REFUSED', message);

/** This machine: the only place a connection may go unencrypted. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host) || host.startsWith('/');
}

/** A postgres://… address (COMPTOIR_DATABASE_URL, an older saved one) as fields; refused if it carries other options. */
export function targetFromUrl(url: string): ServerTarget {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw refused('Adresse du serveur illisible : postgres://utilisateur@serveur:5432/base attendue.');
  }
  if (!/^postgres(ql)?:$/.test(u.protocol)) throw refused('Adresse du serveur : postgres://… attendue.');
  for (const key of u.searchParams.keys()) {
    if (!ALLOWED_OPTIONS.has(key))
      throw refused(
        `Option « ${key} » refusée dans l’adresse du serveur : seule sslmode est admise (le certificat se donne par COMPTOIR_DATABASE_CA).`,
      );
  }
  const sslmode = u.searchParams.get('sslmode');
  if (sslmode !== null && !SSL_MODES.includes(sslmode as SslMode)) throw refused(`sslmode « ${sslmode} » inconnu.`);
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  return {
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port: u.port ? Number(u.port) : 5432,
    database,
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    sslmode: sslmode as SslMode | null,
  };
}

/** The fields saved as an address (the secret store keeps it whole, with its password). */
export function addressToUrl(a: ServerAddress): string {
  const host = a.host.includes(':') ? `[${a.host}]` : a.host;
  const auth = `${encodeURIComponent(a.user)}${a.password ? `:${encodeURIComponent(a.password)}` : ''}`;
  return `postgres://${auth}@${host}:${a.port}/${encodeURIComponent(a.database)}${isLoopback(a.host) ? '' : '?sslmode=require'}`;
}

/**
 * What node-postgres is given: fields, never a connection string (it would read files an address
 * names). Beyond this machine the connection is encrypted (sslmode=require at least), and the
 * server's certificate checked when the installer gave its authority (COMPTOIR_DATABASE_CA).
 */
export function poolConfig(
  target: string | ServerTarget,
  ca: string | null = process.env.COMPTOIR_DATABASE_CA?.trim() || null,
): pg.PoolConfig {
  const t = typeof target === 'string' ? targetFromUrl(target) : target;
  if (!t.host || !t.database || !t.user) throw refused('Adresse du serveur incomplète : serveur, base et utilisateur sont nécessaires.');
  const encrypted = ENCRYPTED.includes(t.sslmode) || (!isLoopback(t.host) && t.sslmode === null);
  if (!isLoopback(t.host) && !encrypted)
    throw refused('Hors de ce poste, la connexion au serveur de l’officine doit être chiffrée (TLS) : sslmode=require au moins.');
  return {
    host: t.host,
    port: t.port,
    database: t.database,
    user: t.user,
    password: t.password || undefined,
    ssl: encrypted ? sslOptions(t.sslmode, ca) : false,
  };
}

/** `require`: encrypted (libpq's meaning); with an authority given, or verify-*: the certificate checked too. */
function sslOptions(mode: SslMode | null, caFile: string | null): pg.PoolConfig['ssl'] {
  if (caFile === null) {
    if (mode === 'verify-ca' || mode === 'verify-full')
      throw refused(`sslmode=${mode} demande l’autorité du serveur : COMPTOIR_DATABASE_CA.`);
    return { rejectUnauthorized: false };
  }
  let ca: string;
  try {
    // A certificate file: small and regular (never a device the read would never finish).
    const stat = statSync(caFile);
    if (!stat.isFile() || stat.size > 256 * 1024) throw new Error('not a certificate file');
    ca = readFileSync(caFile, 'utf8');
  } catch {
    throw refused('Certificat de l’autorité du serveur illisible : le fichier donné au lancement du poste est introuvable.');
  }
  return { ca, rejectUnauthorized: true, ...(mode === 'verify-ca' ? { checkServerIdentity: () => undefined } : {}) };
}
