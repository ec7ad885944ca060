import { readFileSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CATALOGUE_HEADER, CATALOGUE_MAX_BYTES, CATALOGUE_MAX_ROWS, parseCatalogueCsv } from '../../../src/main/services/store/catalogue-csv.js';
import { monthlyIndicator } from '../../../src/main/services/store/indicator.js';
import { LATEST_VERSION, MIGRATIONS } from '../../../src/main/services/store/migrations/index.js';
import { openStoreDatabase, schemaVersion } from '../../../src/main/services/store/store-database.js';
import { Store } from '../../../src/main/services/store/store.js';
import { openTestStore, tempStoreFile } from '../../helpers/store-fixture.js';

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

  it('bring a version-1 file to the latest, keeping its outbox rows', () => {
    const file = tempStoreFile();
    const v1 = openStoreDatabase(file, MIGRATIONS.slice(0, 1));
    v1.prepare(`INSERT INTO dispensings (id, circuit, renewal_number, phase, pharmacist_rpps, workstation, created_at) VALUES ('d1', 'ON', 0, 2, '10001234565', 'p', '2026-11-01')`).run();
    v1.prepare(`INSERT INTO outbox (execution_id, dispensing_id, prescription_id, body_json, state, next_attempt_at, created_at, updated_at) VALUES ('e1', 'd1', 'P', '{"lines":[]}', 'PENDING', 'x', 'x', 'x')`).run();
    v1.close();
    const store = new Store(openStoreDatabase(file), 'p');
    expect(store.schemaVersion).toBe(LATEST_VERSION);
    expect(store.outbox.byExecutionId('e1')).toMatchObject({ state: 'PENDING', body: { lines: [] }, paper: null });
    store.close();
  });

  it('roll a failing migration back entirely', () => {
    const file = tempStoreFile();
    openStoreDatabase(file).close();
    const broken = { version: LATEST_VERSION + 1, name: 'broken', up: (db: Database.Database) => db.exec('CREATE TABLE half (x); SELECT * FROM no_such_table') };
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
    expect(() => openStoreDatabase(file)).toThrow(expect.objectContaining({ code: 'DATABASE_TOO_NEW', message: expect.stringMatching(/version plus récente.*Rien n’a été modifié/) }));
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});

describe('patients', () => {
  const store = openTestStore();
  const add = (lastName: string, firstName: string, birthDate: string, nir: string | null = null) => store.patients.upsert({ nir, lastName, firstName, birthDate, sex: 'F', source: 'MANUAL' });
  add('DURAND', 'Léa', '1979-03-12', '279035121518989');
  add('DURANDEAU', 'Louis', '1950-01-01');
  add('DUPONT', 'Élodie', '1990-05-05');
  add('ÉLIE', 'Jean', '1961-06-15');
  add('LEFÈVRE', 'Étienne', '1985-07-02', '185077512345608');

  it('finds by the start of a name, case- and accent-insensitive, exact name first', () => {
    expect(store.patients.search('dur').map((p) => p.lastName)).toEqual(['DURAND', 'DURANDEAU']);
    expect(store.patients.search('durand l').map((p) => `${p.lastName} ${p.firstName}`)).toEqual(['DURAND Léa', 'DURANDEAU Louis']);
    expect(store.patients.search('lefevre').map((p) => p.lastName)).toEqual(['LEFÈVRE']);
    expect(store.patients.search('LEFÈVRE etienne').map((p) => p.firstName)).toEqual(['Étienne']);
    expect(store.patients.search('elie').map((p) => p.lastName)).toEqual(['ÉLIE']);
    expect(store.patients.search('elo').map((p) => p.firstName)).toEqual(['Élodie']);
  });

  it('ranks a last-name match above a first-name match', () => {
    add('MARTIN', 'Élie', '2000-01-01');
    expect(store.patients.search('élie').map((p) => p.lastName)).toEqual(['ÉLIE', 'MARTIN']);
  });

  it('finds by NIR prefix and by birth date dd/mm/yyyy', () => {
    expect(store.patients.search('2790351').map((p) => p.lastName)).toEqual(['DURAND']);
    expect(store.patients.search('02/07/1985').map((p) => p.lastName)).toEqual(['LEFÈVRE']);
  });

  it('never lets a query operator through to FTS5', () => {
    for (const q of ['"', 'NEAR(a b)', 'a OR b', '*', 'dur" OR "x', '-', '^dur', '']) expect(() => store.patients.search(q)).not.toThrow();
  });

  it('updates the same NIR instead of doubling it', () => {
    const again = store.patients.upsert({ nir: '279035121518989', lastName: 'DURAND', firstName: 'Léa', birthDate: '1979-03-12', sex: 'F', source: 'VITALE' });
    expect(store.patients.byNir('279035121518989')).toMatchObject({ id: again.id, source: 'VITALE' });
    expect(store.patients.search('durand léa')).toHaveLength(1);
  });

  it('refuses a bad NIR key', () => {
    expect(() => add('X', 'Y', '2000-01-01', '279035121518988')).toThrow(/NIR invalide/);
  });
});

describe('catalogue file', () => {
  it('imports the sample catalogue (a few hundred products)', () => {
    const parsed = parseCatalogueCsv(readFileSync('fixtures/catalogue/sample-catalogue.csv', 'utf8'), true);
    if ('error' in parsed) throw new Error(parsed.error);
    expect(parsed.rejected).toEqual([]);
    expect(parsed.products.length).toBeGreaterThan(300);
    const store = Store.open(tempStoreFile(), 'poste');
    store.catalogue.upsertMany(parsed.products);
    expect(store.catalogue.product('3400930001011')).toMatchObject({ genericGroup: 'AMOXICILLINE-1G', packSize: 6, list: 'I', priceCents: 350, sample: true });
  });

  it('takes the optional billing columns (tfr_eur, specifique), and still the old ten-column files', () => {
    const header = 'cip13;libelle;forme;unites_par_boite;groupe_generique;liste;contraceptif;biosimilaire;taux_remboursement;prix_eur';
    const withBilling = parseCatalogueCsv([`${header};tfr_eur;specifique`, '3400930001011;AMOXICILLINE 1 g;cp;6;AMOX-1G;I;0;0;65;3,50;2,90;0', '3400930001028;SPECIFIQUE;cp;6;;I;0;0;65;3,50;;1', '3400930001035;X;cp;6;;I;0;0;65;3,50;2,9x;0'].join('\n'));
    if ('error' in withBilling) throw new Error(withBilling.error);
    expect(withBilling.products.map((p) => [p.tfrCents, p.specific])).toEqual([[290, false], [null, true]]);
    expect(withBilling.rejected).toEqual([{ line: 4, message: expect.stringContaining('tfr_eur') }]);
    const store = Store.open(tempStoreFile(), 'poste');
    store.catalogue.upsertMany(withBilling.products);
    expect(store.catalogue.product('3400930001011')).toMatchObject({ tfrCents: 290, specific: false });
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
    expect(parseCatalogueCsv([header, ...Array<string>(CATALOGUE_MAX_ROWS + 1).fill(row)].join('\n'))).toEqual({ error: expect.stringMatching(/^Fichier trop long \(200\s000 lignes au plus\)/) });
    expect(parseCatalogueCsv(header + '\n' + 'x'.repeat(CATALOGUE_MAX_BYTES))).toEqual({ error: 'Fichier trop gros (64 Mio au plus).' });
  });

  it('refuses a file without the documented header', () => {
    expect(parseCatalogueCsv('cip;label\n3400930000014;X')).toEqual({ error: expect.stringMatching(/^En-tête attendu/) });
  });
});

describe('audit trail', () => {
  it('chains entries and finds a tampered row', () => {
    const file = tempStoreFile();
    const store = Store.open(file, 'poste-1');
    for (let i = 0; i < 5; i++) store.audit.append('10001234565', 'dispensing.recorded', `P${i}`, { n: i });
    expect(store.audit.verify()).toEqual({ ok: true, entries: 5, anchored: false });
    expect(() => store.db.prepare('UPDATE audit_log SET action = ? WHERE seq = 3').run('x')).toThrow(/append-only/);
    expect(() => store.db.prepare('DELETE FROM audit_log WHERE seq = 3').run()).toThrow(/append-only/);
    store.close();
    const raw = new Database(file);
    raw.exec('DROP TRIGGER audit_log_no_update');
    raw.prepare(`UPDATE audit_log SET details_json = '{"n":42}' WHERE seq = 3`).run();
    raw.close();
    const reopened = Store.open(file, 'poste-1');
    expect(reopened.audit.verify()).toMatchObject({ ok: false, firstBadSeq: 3, message: expect.stringMatching(/Entrée 3 modifiée/) });
  });

  it('finds a removed row', () => {
    const file = tempStoreFile();
    const store = Store.open(file, 'poste-1');
    for (let i = 0; i < 4; i++) store.audit.append('10001234565', 'x', null, { i });
    store.close();
    const raw = new Database(file);
    raw.exec('DROP TRIGGER audit_log_no_delete');
    raw.prepare('DELETE FROM audit_log WHERE seq = 2').run();
    raw.close();
    expect(Store.open(file, 'poste-1').audit.verify()).toMatchObject({ ok: false, firstBadSeq: 3 });
  });
});

describe('settings and indicator', () => {
  it('validates settings and keeps defaults', () => {
    const store = openTestStore();
    expect(store.settings.get('regulation.transmissionPhase')).toBe(2);
    store.settings.set('regulation.transmissionPhase', 1);
    expect(store.settings.get('regulation.transmissionPhase')).toBe(1);
    expect(() => store.settings.set('pharmacy.identity', { finess: '12', name: 'X', pharmacistRpps: '10001234565' })).toThrow();
  });

  it('gives the monthly share through the Ordonnance Numérique against 35 %', () => {
    const store = openTestStore();
    const record = (circuit: 'ON' | 'PAPER', prescriptionId: string | null, createdAt: string) =>
      store.dispensings.insert({ id: crypto.randomUUID(), circuit, prescriptionId, renewalNumber: 0, phase: 2, pharmacistRpps: '10001234565', patientNir: null, patientSource: null, patientOverrideReason: null, prescription: null, execution: null, complementaryInfo: null, workstation: 'p', createdAt, saleLines: [] });
    record('ON', 'A', '2026-10-02T10:00:00Z');
    record('PAPER', null, '2026-10-03T10:00:00Z');
    record('PAPER', null, '2026-10-04T10:00:00Z');
    record('PAPER', null, '2026-10-05T10:00:00Z');
    record('ON', 'B', '2026-11-02T10:00:00Z');
    record('ON', 'B', '2026-11-20T10:00:00Z');
    record('PAPER', null, '2026-11-03T10:00:00Z');
    const months = monthlyIndicator(store.db, '2026-09', '2026-11');
    expect(months).toEqual([
      { month: '2026-09', prescriptions: 0, viaOrdonnanceNumerique: 0, share: 0, meetsThreshold: false, trend: null },
      { month: '2026-10', prescriptions: 4, viaOrdonnanceNumerique: 1, share: 0.25, meetsThreshold: false, trend: 0.25 },
      { month: '2026-11', prescriptions: 2, viaOrdonnanceNumerique: 1, share: 0.5, meetsThreshold: true, trend: 0.25 },
    ]);
  });
});
