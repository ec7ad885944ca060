import { readFileSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CATALOGUE_HEADER,
  CATALOGUE_MAX_BYTES,
  CATALOGUE_MAX_ROWS,
  parseCatalogueCsv,
} from '../../../src/main/services/store/catalogue-csv.js';
import { monthlyIndicator } from '../../../src/main/services/store/indicator.js';
import { LATEST_VERSION, MIGRATIONS } from '../../../src/main/services/store/sqlite/migrations/index.js';
import { openStoreDatabase, schemaVersion } from '../../../src/main/services/store/sqlite/sqlite-database.js';
import { Store } from '../../../src/main/services/store/store.js';
import { ENGINES, testStores } from '../../helpers/store-engines.js';
import { tempStoreFile } from '../../helpers/store-fixture.js';

describe('migrations', () => {
  it('create the schema from empty, readable by the user only', () => {
    const file = tempStoreFile();
    const db = openStoreDatabase(file);
    expect(schemaVersion(db)).toBe(MIGRATIONS.at(-1)?.version);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
    expect(statSync(file).mode & 0o077).toBe(0);
  });

  it('bring every earlier version up, each step in its own transaction', () => {
    const file = tempStoreFile();
    openStoreDatabase(file, MIGRATIONS.slice(0, 1)).close();
    const next = { version: 3, name: 'test column', up: (db: Database.Database) => db.exec('ALTER TABLE patients ADD COLUMN phone TEXT') };
    const db = openStoreDatabase(file, [...MIGRATIONS, next]);
    expect(schemaVersion(db)).toBe(3);
    expect(db.prepare("SELECT name FROM pragma_table_info('patients') WHERE name = 'phone'").get()).toBeTruthy();
    db.close();
  });

  it('bring a version-1 file to the latest, keeping its outbox rows', async () => {
    const file = tempStoreFile();
    const v1 = openStoreDatabase(file, MIGRATIONS.slice(0, 1));
    v1.prepare(
      `INSERT INTO dispensings (id, circuit, renewal_number, phase, pharmacist_rpps, workstation, created_at) VALUES ('d1', 'ON', 0, 2, '10001234565', 'p', '2026-11-01')`,
    ).run();
    v1.prepare(
      `INSERT INTO outbox (execution_id, dispensing_id, prescription_id, body_json, state, next_attempt_at, created_at, updated_at) VALUES ('e1', 'd1', 'P', '{"lines":[]}', 'PENDING', 'x', 'x', 'x')`,
    ).run();
    v1.close();
    const store = Store.openSqlite(file, 'p');
    expect(await store.engine.schemaVersion()).toBe(LATEST_VERSION);
    expect(await store.outbox.byExecutionId('e1')).toMatchObject({ state: 'PENDING', body: { lines: [] }, paper: null });
    await store.close();
  });

  it('roll a failing migration back entirely', () => {
    const file = tempStoreFile();
    openStoreDatabase(file).close();
    const broken = {
      version: LATEST_VERSION + 1,
      name: 'broken',
      up: (db: Database.Database) => db.exec('CREATE TABLE half (x); SELECT * FROM no_such_table'),
    };
    expect(() => openStoreDatabase(file, [...MIGRATIONS, broken])).toThrow();
    const db = new Database(file);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    db.close();
  });

  it('refuse a database from a newer version, untouched', () => {
    const file = tempStoreFile();
    openStoreDatabase(file).close();
    const raw = new Database(file);
    raw.pragma('user_version = 99');
    raw.close();
    const before = readFileSync(file);
    expect(() => openStoreDatabase(file)).toThrow(
      expect.objectContaining({ code: 'DATABASE_TOO_NEW', message: expect.stringMatching(/version plus récente.*Rien n’a été modifié/) }),
    );
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});

const stores = testStores();

describe.each(ENGINES)('patients (%s)', (engine) => {
  let store: Store;
  const add = (lastName: string, firstName: string, birthDate: string, nir: string | null = null) =>
    store.patients.upsert({ nir, lastName, firstName, birthDate, sex: 'F', source: 'MANUAL' });
  const names = async (q: string) => (await store.patients.search(q)).map((p) => p.lastName);
  beforeAll(async () => {
    store = await stores.open(engine);
    await add('DURAND', 'Léa', '1979-03-12', '279035121518989');
    await add('DURANDEAU', 'Louis', '1950-01-01');
    await add('DUPONT', 'Élodie', '1990-05-05');
    await add('ÉLIE', 'Jean', '1961-06-15');
    await add('LEFÈVRE', 'Étienne', '1985-07-02', '185077512345608');
  }, 30_000);

  it('finds by the start of a name, case- and accent-insensitive, exact name first', async () => {
    expect(await names('dur')).toEqual(['DURAND', 'DURANDEAU']);
    expect((await store.patients.search('durand l')).map((p) => `${p.lastName} ${p.firstName}`)).toEqual(['DURAND Léa', 'DURANDEAU Louis']);
    expect(await names('lefevre')).toEqual(['LEFÈVRE']);
    expect((await store.patients.search('LEFÈVRE etienne')).map((p) => p.firstName)).toEqual(['Étienne']);
    expect(await names('elie')).toEqual(['ÉLIE']);
    expect((await store.patients.search('elo')).map((p) => p.firstName)).toEqual(['Élodie']);
  });

  it('ranks a last-name match above a first-name match', async () => {
    await add('MARTIN', 'Élie', '2000-01-01');
    expect(await names('élie')).toEqual(['ÉLIE', 'MARTIN']);
  });

  it('finds by NIR prefix and by birth date dd/mm/yyyy', async () => {
    expect(await names('2790351')).toEqual(['DURAND']);
    expect(await names('02/07/1985')).toEqual(['LEFÈVRE']);
  });

  it('never lets a query operator through to the text search', async () => {
    for (const q of ['"', 'NEAR(a b)', 'a OR b', '*', 'dur" OR "x', '-', '^dur', '', '%', '_', '\\', "d'ur"])
      await expect(store.patients.search(q)).resolves.toBeInstanceOf(Array);
  });

  it('updates the same NIR instead of doubling it', async () => {
    const again = await store.patients.upsert({
      nir: '279035121518989',
      lastName: 'DURAND',
      firstName: 'Léa',
      birthDate: '1979-03-12',
      sex: 'F',
      source: 'VITALE',
    });
    expect(await store.patients.byNir('279035121518989')).toMatchObject({ id: again.id, source: 'VITALE' });
    expect(await store.patients.search('durand léa')).toHaveLength(1);
  });

  it('refuses a bad NIR key', async () => {
    await expect(add('X', 'Y', '2000-01-01', '279035121518988')).rejects.toThrow(/NIR invalide/);
  });
});

describe('catalogue file', () => {
  it('imports the sample catalogue (a few hundred products), on both engines', async () => {
    const parsed = parseCatalogueCsv(readFileSync('fixtures/catalogue/sample-catalogue.csv', 'utf8'), true);
    if ('error' in parsed) throw new Error(parsed.error);
    expect(parsed.rejected).toEqual([]);
    expect(parsed.products.length).toBeGreaterThan(300);
    for (const engine of ENGINES) {
      const store = await stores.open(engine);
      await store.transaction((tx) => tx.catalogue.upsertMany(parsed.products));
      expect(await store.catalogue.product('3400930001011'), engine).toMatchObject({
        genericGroup: 'AMOXICILLINE-1G',
        packSize: 6,
        list: 'I',
        priceCents: 350,
        sample: true,
      });
    }
  }, 30_000);

  it('takes the optional billing columns (tfr_eur, specifique), and still the old ten-column files', async () => {
    const header = 'cip13;libelle;forme;unites_par_boite;groupe_generique;liste;contraceptif;biosimilaire;taux_remboursement;prix_eur';
    const withBilling = parseCatalogueCsv(
      [
        `${header};tfr_eur;specifique`,
        '3400930001011;AMOXICILLINE 1 g;cp;6;AMOX-1G;I;0;0;65;3,50;2,90;0',
        '3400930001028;SPECIFIQUE;cp;6;;I;0;0;65;3,50;;1',
        '3400930001035;X;cp;6;;I;0;0;65;3,50;2,9x;0',
      ].join('\n'),
    );
    if ('error' in withBilling) throw new Error(withBilling.error);
    expect(withBilling.products.map((p) => [p.tfrCents, p.specific])).toEqual([
      [290, false],
      [null, true],
    ]);
    expect(withBilling.rejected).toEqual([{ line: 4, message: expect.stringContaining('tfr_eur') }]);
    const store = await stores.open('sqlite');
    await store.catalogue.upsertMany(withBilling.products);
    expect(await store.catalogue.product('3400930001011')).toMatchObject({ tfrCents: 290, specific: false });
    const old = parseCatalogueCsv([header, '3400930001011;AMOXICILLINE 1 g;cp;6;AMOX-1G;I;0;0;65;3,50'].join('\n'));
    expect('error' in old ? old.error : old.products[0]).toMatchObject({ priceCents: 350 });
    expect(parseCatalogueCsv(`${header};tfr`)).toEqual({ error: expect.stringContaining('tfr_eur;specifique') });
  });

  it('rejects bad rows with their line numbers, keeping the good ones', () => {
    const csv = [
      'cip13;libelle;forme;unites_par_boite;groupe_generique;liste;contraceptif;biosimilaire;taux_remboursement;prix_eur',
      '3400930000014;BON PRODUIT;comprimé;30;G1;I;0;0;65;12,50',
      '3400930000015;MAUVAISE CLÉ;comprimé;30;G1;I;0;0;65;1,00',
      '3400930000014;DOUBLON;comprimé;30;G1;I;0;0;65;1,00',
      '3400930001011;<script>alert(1)</script>;comprimé;30;G1;I;0;0;65;1,00',
      '3400930001028;SANS UNITÉS;comprimé;0;G1;I;0;0;65;1,00',
      '3400930001035;LISTE INCONNUE;comprimé;8;;III;0;0;65;1,00',
      '3400930001042;PRIX;comprimé;8;;;0;0;65;12.50',
      '3400930001059;TROP;DE;COLONNES;;;;;;;;',
    ].join('\n');
    const parsed = parseCatalogueCsv(csv);
    if ('error' in parsed) throw new Error(parsed.error);
    expect(parsed.products.map((p) => p.cip13)).toEqual(['3400930000014']);
    expect(parsed.products[0]?.priceCents).toBe(1250);
    expect(parsed.rejected.map((r) => r.line)).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(parsed.rejected[0]?.message).toMatch(/CIP13 invalide/);
    expect(parsed.rejected[1]?.message).toMatch(/en double/);
  });

  it('refuses a file over the row cap or the size cap, with a French message, without reading past the cap', () => {
    const header = CATALOGUE_HEADER.join(';');
    const row = '3400930000014;X;cp;30;;;0;0;65;1,00';
    const atCap = parseCatalogueCsv([header, ...Array<string>(CATALOGUE_MAX_ROWS).fill('')].join('\n'));
    expect('error' in atCap).toBe(false);
    expect(parseCatalogueCsv([header, ...Array<string>(CATALOGUE_MAX_ROWS + 1).fill(row)].join('\n'))).toEqual({
      error: expect.stringMatching(/^Fichier trop long \(200\s000 lignes au plus\)/),
    });
    expect(parseCatalogueCsv(header + '\n' + 'x'.repeat(CATALOGUE_MAX_BYTES))).toEqual({ error: 'Fichier trop gros (64 Mio au plus).' });
  });

  it('refuses a file without the documented header', () => {
    expect(parseCatalogueCsv('cip;label\n3400930000014;X')).toEqual({ error: expect.stringMatching(/^En-tête attendu/) });
  });
});

/** What someone who can write the database does, on either engine: the append-only triggers out of the way. */
async function tamper(store: Store, statement: string): Promise<void> {
  if (store.engine.sqlite)
    store.engine.sqlite.exec(`DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete; ${statement}`);
  else
    await sql
      .raw(`ALTER TABLE audit_log DISABLE TRIGGER USER; ${statement}; ALTER TABLE audit_log ENABLE TRIGGER USER`)
      .execute(store.engine.db);
}

describe.each(ENGINES)('audit trail (%s)', (engine) => {
  it('chains entries, refuses changes, and finds a tampered row', async () => {
    const store = await stores.open(engine, 'poste-1');
    for (let i = 0; i < 5; i++) await store.audit.append('10001234565', 'dispensing.recorded', `P${i}`, { n: i });
    expect(await store.audit.verify()).toEqual({ ok: true, entries: 5, anchored: false });
    await expect(store.engine.db.updateTable('audit_log').set({ action: 'x' }).where('seq', '=', 3).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(store.engine.db.deleteFrom('audit_log').where('seq', '=', 3).execute()).rejects.toThrow(/append-only/);
    await tamper(store, `UPDATE audit_log SET details_json = '{"n":42}' WHERE seq = 3`);
    expect(await store.audit.verify()).toMatchObject({ ok: false, firstBadSeq: 3, message: expect.stringMatching(/Entrée 3 modifiée/) });
  });

  it('finds a removed row', async () => {
    const store = await stores.open(engine, 'poste-1');
    for (let i = 0; i < 4; i++) await store.audit.append('10001234565', 'x', null, { i });
    await tamper(store, 'DELETE FROM audit_log WHERE seq = 2');
    expect(await store.audit.verify()).toMatchObject({ ok: false, firstBadSeq: 3 });
  });

  it('keeps one chain in one order when appends race (several counters at once on PostgreSQL)', async () => {
    const first = await stores.open(engine, 'poste-1');
    await Promise.all(Array.from({ length: 40 }, (_, i) => first.transaction((tx) => tx.audit.append('10001234565', 'race', `R${i}`))));
    expect(await first.audit.verify()).toEqual({ ok: true, entries: 40, anchored: false });
  });
});

describe.each(ENGINES)('settings and indicator (%s)', (engine) => {
  it('validates settings and keeps defaults', async () => {
    const store = await stores.open(engine);
    expect(await store.settings.get('regulation.transmissionPhase')).toBe(1);
    await store.settings.set('regulation.transmissionPhase', 2);
    expect(await store.settings.get('regulation.transmissionPhase')).toBe(2);
    await expect(store.settings.set('pharmacy.identity', { finess: '12', name: 'X', pharmacistRpps: '10001234565' })).rejects.toThrow();
  });

  it('gives the monthly share through the Ordonnance Numérique against 35 %', async () => {
    const store = await stores.open(engine);
    // The second dispensing of B's renewal completes the first (it knew of it: its second part).
    const record = (circuit: 'ON' | 'PAPER', prescriptionId: string | null, createdAt: string, renewalPart = 0) =>
      store.dispensings.insert({
        id: crypto.randomUUID(),
        circuit,
        prescriptionId,
        renewalNumber: 0,
        phase: 2,
        pharmacistRpps: '10001234565',
        patientNir: null,
        patientSource: null,
        patientOverrideReason: null,
        prescription: null,
        execution: null,
        complementaryInfo: null,
        workstation: 'p',
        createdAt,
        saleLines: [],
        renewalPart,
      });
    await record('ON', 'A', '2026-10-02T10:00:00Z');
    await record('PAPER', null, '2026-10-03T10:00:00Z');
    await record('PAPER', null, '2026-10-04T10:00:00Z');
    await record('PAPER', null, '2026-10-05T10:00:00Z');
    await record('ON', 'B', '2026-11-02T10:00:00Z');
    await record('ON', 'B', '2026-11-20T10:00:00Z', 1);
    await record('PAPER', null, '2026-11-03T10:00:00Z');
    const months = await monthlyIndicator(store.engine.db, '2026-09', '2026-11');
    expect(months).toEqual([
      { month: '2026-09', prescriptions: 0, viaOrdonnanceNumerique: 0, share: 0, meetsThreshold: false, trend: null },
      { month: '2026-10', prescriptions: 4, viaOrdonnanceNumerique: 1, share: 0.25, meetsThreshold: false, trend: 0.25 },
      { month: '2026-11', prescriptions: 2, viaOrdonnanceNumerique: 1, share: 0.5, meetsThreshold: true, trend: 0.25 },
    ]);
  });
});
