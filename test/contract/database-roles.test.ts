import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { Store } from '../../src/main/services/store/store.js';
import { POSTGRES_LATEST_VERSION } from '../../src/main/services/store/postgres/migrations/index.js';
import { runComptoir } from '../helpers/processes.js';
import { testStores } from '../helpers/store-engines.js';

const stores = testStores();

async function asRole(url: string, query: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(query);
    return 'ok';
  } catch (error) {
    return (error as { code?: string; message: string }).code === '42501' ? 'permission denied' : (error as Error).message;
  } finally {
    await client.end();
  }
}

describe('the pharmacy’s server: an owner who migrates, a runtime role that only reads and writes rows', () => {
  it('a counter’s role never changes the schema; comptoir db migrate as the owner grants it rows, the registers only appended to, never truncated', async () => {
    const owner = await stores.url();
    await asRole(owner, 'CREATE ROLE poste LOGIN');
    const runtime = owner.replace('comptoir@', 'poste@');

    // A counter started before the owner migrated: refused in one sentence, nothing changed.
    await expect(Store.openPostgres(runtime, 'COMPTOIR-1')).rejects.toMatchObject({
      code: 'SCHEMA_UPDATE_NEEDED',
      message: expect.stringMatching(/lancez « comptoir db migrate » avec l’adresse de son propriétaire/),
    });

    const migrated = await runComptoir(['db', 'migrate'], { COMPTOIR_DATABASE_URL: runtime, COMPTOIR_DATABASE_ADMIN_URL: owner });
    expect(migrated.code, migrated.stderr).toBe(0);
    expect(migrated.stdout).toContain(`à jour : schéma ${POSTGRES_LATEST_VERSION}.`);
    expect(migrated.stdout).toContain('Rôle des postes « poste » : lignes lues et écrites, registres en ajout seul');

    const counter = await Store.openPostgres(runtime, 'COMPTOIR-1');
    try {
      await counter.transaction(async (tx) => {
        const p = await tx.patients.upsert({
          nir: null,
          lastName: 'ROLE',
          firstName: 'Test',
          birthDate: '1980-01-01',
          sex: 'F',
          source: 'MANUAL',
        });
        await tx.audit.append('10001234565', 'patient.created', String(p.id));
      });
      expect(await counter.audit.verify()).toMatchObject({ ok: true, entries: 1 });
    } finally {
      await counter.close();
    }
    for (const statement of [
      'UPDATE audit_log SET actor = actor',
      'DELETE FROM audit_log',
      'TRUNCATE audit_log',
      'TRUNCATE ordonnancier',
      'TRUNCATE patients',
      'DELETE FROM ordonnancier',
      'DROP TABLE patients',
      'ALTER TABLE patients ADD COLUMN x int',
      'DELETE FROM schema_version',
    ]) {
      expect([statement, await asRole(runtime, statement)]).toEqual([statement, 'permission denied']);
    }
    // Even the owner cannot truncate the append-only registers.
    expect(await asRole(owner, 'TRUNCATE audit_log')).toBe('audit log is append-only');
    expect(await asRole(owner, 'TRUNCATE ordonnancier')).toBe('ordonnancier entries are never deleted');
  }, 60_000);
});
