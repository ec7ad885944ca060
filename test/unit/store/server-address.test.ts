import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../../src/main/bootstrap/config.js';
import { addressToUrl, poolConfig, targetFromUrl } from '../../../src/main/services/store/postgres/server-address.js';

const refused = (message: RegExp) => expect.objectContaining({ code: 'DATABASE_ADDRESS_REFUSED', message: expect.stringMatching(message) });

describe('the pharmacy’s server address: an address, never options', () => {
  it('refuses an option that names a file or changes the connection, before anything reads it', () => {
    for (const option of [
      'sslrootcert=/dev/zero',
      'sslcert=/etc/passwd',
      'options=-c%20statement_timeout%3D0',
      'host=10.0.0.9',
      'sslkey=/dev/zero',
    ]) {
      expect(() => poolConfig(`postgres://comptoir@127.0.0.1:5432/officine?${option}`)).toThrow(
        refused(/^Option « \w+ » refusée dans l’adresse du serveur/),
      );
    }
    expect(poolConfig('postgres://comptoir:mdp@127.0.0.1:5433/officine?application_name=x')).toMatchObject({
      host: '127.0.0.1',
      port: 5433,
      database: 'officine',
      user: 'comptoir',
      password: 'mdp',
      ssl: false,
    });
  });

  it('beyond this machine, encrypted: sslmode=require at least, refused without; the certificate checked only with COMPTOIR_DATABASE_CA', () => {
    expect(() => poolConfig('postgres://comptoir@192.168.1.10/officine?sslmode=disable', null)).toThrow(
      refused(/^Hors de ce poste, la connexion au serveur de l’officine doit être chiffrée/),
    );
    expect(() => poolConfig('postgres://comptoir@192.168.1.10/officine?sslmode=prefer', null)).toThrow(refused(/chiffrée/));
    expect(poolConfig('postgres://comptoir@192.168.1.10/officine', null)).toMatchObject({ ssl: { rejectUnauthorized: false } });
    expect(() => poolConfig('postgres://comptoir@serveur/officine?sslmode=verify-full', null)).toThrow(refused(/COMPTOIR_DATABASE_CA/));
    const ca = join(mkdtempSync(join(tmpdir(), 'comptoir-ca-')), 'ca.pem');
    writeFileSync(ca, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    expect(poolConfig('postgres://comptoir@serveur/officine?sslmode=verify-full', ca)).toMatchObject({
      ssl: { rejectUnauthorized: true, ca: expect.stringContaining('BEGIN CERTIFICATE') },
    });
    // A device named as the authority is never read (it would never end).
    expect(() => poolConfig('postgres://comptoir@serveur/officine?sslmode=require', '/dev/zero')).toThrow(
      refused(/Certificat de l’autorité du serveur illisible/),
    );
    // This machine may go unencrypted.
    expect(poolConfig('postgres://comptoir@localhost/officine', null)).toMatchObject({ ssl: false });
  });

  it('fields saved as an address and read back; the environment’s address refused at start with the reason', () => {
    const url = addressToUrl({ host: 'serveur-officine', port: 5432, database: 'officine', user: 'poste', password: 'p@ss:wd/é' });
    expect(url).toBe('postgres://poste:p%40ss%3Awd%2F%C3%A9@serveur-officine:5432/officine?sslmode=require');
    expect(targetFromUrl(url)).toEqual({
      host: 'serveur-officine',
      port: 5432,
      database: 'officine',
      user: 'poste',
      password: 'p@ss:wd/é',
      sslmode: 'require',
    });
    expect(() => readConfig({ COMPTOIR_DATABASE_URL: 'postgres://comptoir@127.0.0.1/officine?sslrootcert=/dev/zero' })).toThrow(
      ConfigError,
    );
    expect(() => readConfig({ COMPTOIR_DATABASE_URL: 'postgres://comptoir@10.1.2.3/officine?sslmode=disable' })).toThrow(
      /^COMPTOIR_DATABASE_URL refusée : Hors de ce poste/,
    );
  });
});
