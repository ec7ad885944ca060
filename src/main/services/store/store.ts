import { AuditTrail } from './audit-trail.js';
import { CancellationsRepository } from './cancellations.js';
import { CatalogueRepository } from './catalogue.js';
import { DispensingsRepository } from './dispensings.js';
import { OutboxRepository } from './outbox.js';
import { PatientsRepository } from './patients.js';
import { PrescribersRepository } from './prescribers.js';
import { ScorDocumentsRepository } from './scor-documents.js';
import { RegistersRepository } from './registers.js';
import { SettingsRepository } from './settings.js';
import { TariffsRepository } from './tariffs.js';
import { openStoreDatabase, schemaVersion, type StoreDb } from './store-database.js';

/** The pharmacy's own memory: one SQLite file, its repositories, one transaction helper. */
export class Store {
  readonly patients: PatientsRepository;
  readonly prescribers: PrescribersRepository;
  readonly catalogue: CatalogueRepository;
  readonly dispensings: DispensingsRepository;
  readonly outbox: OutboxRepository;
  readonly cancellations: CancellationsRepository;
  readonly scor: ScorDocumentsRepository;
  readonly audit: AuditTrail;
  readonly settings: SettingsRepository;
  readonly tariffs: TariffsRepository;
  readonly registers: RegistersRepository;

  constructor(
    readonly db: StoreDb,
    readonly workstation: string,
  ) {
    this.patients = new PatientsRepository(db);
    this.prescribers = new PrescribersRepository(db);
    this.catalogue = new CatalogueRepository(db);
    this.dispensings = new DispensingsRepository(db);
    this.outbox = new OutboxRepository(db);
    this.cancellations = new CancellationsRepository(db);
    this.scor = new ScorDocumentsRepository(db);
    this.audit = new AuditTrail(db, workstation);
    this.settings = new SettingsRepository(db);
    this.tariffs = new TariffsRepository(db);
    this.registers = new RegistersRepository(db);
  }

  static open(file: string, workstation: string): Store {
    return new Store(openStoreDatabase(file), workstation);
  }

  get schemaVersion(): number {
    return schemaVersion(this.db);
  }

  /** All or nothing (BEGIN IMMEDIATE: two workstations on one file never interleave writes). */
  transaction<T>(fn: () => T): T {
    const result = this.db.transaction(fn).immediate();
    this.audit.anchorIfAppended();
    return result;
  }

  close(): void {
    this.db.close();
  }
}
