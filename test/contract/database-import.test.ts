import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/main/services/store/sqlite/migrations/index.js';
import { migrate } from '../../src/main/services/store/sqlite/sqlite-database.js';
import { recordPaperPrescription, type PaperPrescriptionInput } from '../../src/main/services/counter/paper-prescription.js';
import { Store } from '../../src/main/services/store/store.js';
import { SAMPLE_PRODUCTS } from '../../src/shared/demo/sample-products.js';
import { runComptoir } from '../helpers/processes.js';
import { testStores } from '../helpers/store-engines.js';
import { openTestStore, tempStoreFile } from '../helpers/store-fixture.js';
import { PAPER_PRESCRIBER, withPaperPrescriber } from '../helpers/paper-parties.js';

const stores = testStores();
const paper = (n: number): PaperPrescriptionInput => ({
  prescribedOn: '2026-11-20',
  prescriberRpps: PAPER_PRESCRIBER.rpps,
  securePrescription: true,
  counterPatient: { nir: null, lastName: `PATIENT${n}`, firstName: 'Test', birthDate: '1980-01-01' },
  patientSource: 'MANUAL',
  lines: [{ kind: 'CATALOGUE', cip13: SAMPLE_PRODUCTS.skenan30.cip13, packs: 1, durationDays: 7, batch: null, expiry: null }],
  collector: null,
});

describe('comptoir db migrate and db import', () => {
  it('moves a one-counter pharmacy onto the server: every row, numbers that go on, the audit chain verified', async () => {
    const file = tempStoreFile();
    const counter = await withPaperPrescriber(await openTestStore(file));
    for (let i = 0; i < 12; i++) {
      await counter.transaction(async (tx) => {
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
    for (let i = 0; i < 5; i++) await recordPaperPrescription(counter, paper(i), '10001234565');
    await counter.scor.attach((await counter.dispensings.history(''))[0]!.id, Buffer.from('%PDF-1.7 scan'), 1, 300);
    const before = {
      patients: await counter.patients.count(),
      dispensings: await counter.dispensings.count(),
      audit: (await counter.audit.verify()).entries,
    };
    await counter.close();

    const url = await stores.url();
    const env = { COMPTOIR_DATABASE_URL: url };
    const migrated = await runComptoir(['db', 'migrate'], env);
    expect([migrated.code, migrated.stdout.trim()]).toEqual([0, 'Base de l’officine (PostgreSQL) à jour : schéma 12.']);
    const fileBefore = createHash('sha256').update(readFileSync(file)).digest('hex');
    const imported = await runComptoir(['db', 'import', '--from', file], env);
    expect(imported.code, imported.stderr).toBe(0);
    // The counter's file is read, never written: not migrated, not checkpointed (#28.3).
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(fileBefore);
    expect(imported.stdout).toMatch(
      /^Import terminé : patients 12, .*dispensings 5, .*Journal d’audit vérifié sur le serveur : 17 entrée\(s\)\./,
    );

    const server = await Store.openPostgres(url, 'COMPTOIR-2');
    try {
      expect({
        patients: await server.patients.count(),
        dispensings: await server.dispensings.count(),
        audit: (await server.audit.verify()).entries,
      }).toEqual(before);
      expect((await server.patients.search('patient1')).map((p) => p.lastName)).toEqual(['PATIENT1', 'PATIENT10', 'PATIENT11']);
      // Numbers go on where the counter left them: a new patient, invoice, ordonnancier entry.
      const added = await server.patients.upsert({
        nir: null,
        lastName: 'NOUVEAU',
        firstName: 'Patient',
        birthDate: '1990-01-01',
        sex: 'M',
        source: 'MANUAL',
      });
      expect(added.id).toBe(13);
      const next = (await recordPaperPrescription(server, paper(99), '10001234565')).dispensingId;
      expect((await server.dispensings.byId(next))?.invoiceNumber).toBe(6);
      expect((await server.registers.ofDispensing(next)).map((e) => e.number)).toEqual([6]);
      expect((await server.scor.open()).filter((d) => d.state === 'PENDING')).toHaveLength(1);
    } finally {
      await server.close();
    }
    const again = await runComptoir(['db', 'import', '--from', file], env);
    expect([again.code, again.stderr.trim()]).toEqual([
      1,
      'La base de l’officine contient déjà des patients, des délivrances ou un journal : rien n’a été importé.',
    ]);
  }, 60_000);

  it('imports an older counter file without touching it: the file keeps its schema, its copy is brought up to date (#28.3)', async () => {
    const file = tempStoreFile();
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    migrate(
      old,
      MIGRATIONS.filter((m) => m.version <= 17),
    );
    old
      .prepare(
        `INSERT INTO patients (nir, last_name, first_name, last_name_key, first_name_key, birth_date, sex, source, created_at, updated_at)
         VALUES (NULL, 'ANCIEN', 'Fichier', 'ancien', 'fichier', '1970-01-01', 'M', 'MANUAL', '2026-01-01', '2026-01-01')`,
      )
      .run();
    old.close();
    const before = createHash('sha256').update(readFileSync(file)).digest('hex');
    const imported = await runComptoir(['db', 'import', '--from', file], { COMPTOIR_DATABASE_URL: await stores.url() });
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/patients 1/);
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(before);
    const reread = new Database(file, { readonly: true });
    expect(reread.pragma('user_version', { simple: true })).toBe(17);
    reread.close();
  });

  it('says « Serveur de l’officine injoignable » when the server does not answer', async () => {
    const res = await runComptoir(['db', 'migrate'], { COMPTOIR_DATABASE_URL: 'postgres://comptoir@127.0.0.1:1/officine' });
    expect([res.code, res.stderr.trim()]).toEqual([1, "Serveur de l'officine injoignable."]);
  });
});
