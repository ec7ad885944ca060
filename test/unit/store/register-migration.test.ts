import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../src/main/services/store/sqlite/migrations/index.js';
import { migrate } from '../../../src/main/services/store/sqlite/sqlite-database.js';

describe('the ordonnancier rebuilt by a migration', () => {
  it('migration 13 (corrections) keeps every entry, its number, its reference and the append-only triggers of an existing ordonnancier', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db as never, MIGRATIONS.slice(0, 12));
    db.exec(
      `INSERT INTO dispensings (id, circuit, prescription_id, renewal_number, phase, pharmacist_rpps, patient_nir, patient_source, patient_override_reason, prescription_json, execution_json, complementary_info, workstation, created_at) VALUES ('d1','PAPER',NULL,0,1,'x',NULL,'MANUAL',NULL,NULL,NULL,NULL,'p','2026-01-01')`,
    );
    db.exec(
      `INSERT INTO ordonnancier (number, dispensing_id, kind, refers_to, recorded_at, cip13, product, list, packs, patient_address) VALUES (1,'d1','ENTRY',NULL,'2026-01-01','3400930000014','A','I',2,'rue'), (2,'d1','CANCELLATION',1,'2026-01-02','3400930000014','A','I',-2,'rue')`,
    );
    migrate(db as never, MIGRATIONS);
    expect(db.prepare('SELECT number, kind, refers_to, packs, patient_address FROM ordonnancier ORDER BY number').all()).toEqual([
      { number: 1, kind: 'ENTRY', refers_to: null, packs: 2, patient_address: 'rue' },
      { number: 2, kind: 'CANCELLATION', refers_to: 1, packs: -2, patient_address: 'rue' },
    ]);
    expect(() => db.exec('UPDATE ordonnancier SET packs = 3')).toThrow(/never changed/);
    expect(() => db.exec('DELETE FROM ordonnancier')).toThrow(/never deleted/);
    db.exec(
      `INSERT INTO ordonnancier (number, dispensing_id, kind, refers_to, recorded_at, cip13, product, list, packs) VALUES (3,'d1','CORRECTION',1,'2026-01-03','3400930000014','A','I',0)`,
    );
    expect(() =>
      db.exec(
        `INSERT INTO ordonnancier (number, dispensing_id, kind, refers_to, recorded_at, cip13, product, list, packs) VALUES (4,'d1','CORRECTION',99,'2026-01-03','3400930000014','A','I',0)`,
      ),
    ).toThrow(/FOREIGN KEY/);
    expect(db.prepare("SELECT sql FROM sqlite_master WHERE name='ordonnancier'").get()).toMatchObject({
      sql: expect.stringContaining('REFERENCES "ordonnancier"'),
    });
  });
});
