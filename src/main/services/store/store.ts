import { AuditAnchoring, AuditTrail } from './audit-trail.js';
import { CancellationsRepository } from './cancellations.js';
import { ClaimLotsRepository, type StoredLot } from './claim-lots.js';
import { ClaimMessagesRepository } from './claim-messages.js';
import { FsesRepository } from './fses.js';
import { CatalogueMemo, CatalogueRepository } from './catalogue.js';
import { CatalogueImportsRepository } from './catalogue-imports.js';
import { DispensingsRepository } from './dispensings.js';
import { OutboxRepository, type OutboxItem } from './outbox.js';
import { PatientsRepository } from './patients.js';
import { PostgresEngine } from './postgres/postgres-engine.js';
import type { ServerTarget } from './postgres/server-address.js';
import { PrescribersRepository } from './prescribers.js';
import { CountersRepository } from './counters.js';
import { PrescriptionLocksRepository } from './prescription-locks.js';
import { RegistersRepository } from './registers.js';
import { ScorDocumentsRepository, type ScorDocument } from './scor-documents.js';
import { SettingsRepository } from './settings.js';
import { SqliteEngine } from './sqlite/sqlite-engine.js';
import type { Executor, StoreEngine } from './store-engine.js';
import { TariffsRepository } from './tariffs.js';

/** What a store shares with the transactions it opens. */
type Shared = { anchoring: AuditAnchoring; catalogueMemo: CatalogueMemo };

/**
 * The pharmacy's memory: a counter's SQLite file or the pharmacy's PostgreSQL database, behind the
 * same asynchronous repositories (services never know which engine they talk to). Inside
 * `transaction`, use the store it hands you: its repositories are that transaction's.
 */
export class Store {
  readonly patients: PatientsRepository;
  readonly prescribers: PrescribersRepository;
  readonly catalogue: CatalogueRepository;
  readonly catalogueImports: CatalogueImportsRepository;
  readonly dispensings: DispensingsRepository;
  readonly outbox: OutboxRepository;
  readonly cancellations: CancellationsRepository;
  readonly scor: ScorDocumentsRepository;
  readonly audit: AuditTrail;
  readonly settings: SettingsRepository;
  readonly tariffs: TariffsRepository;
  readonly registers: RegistersRepository;
  readonly locks: PrescriptionLocksRepository;
  readonly counters: CountersRepository;
  readonly fses: FsesRepository;
  readonly claimLots: ClaimLotsRepository;
  readonly claimMessages: ClaimMessagesRepository;

  constructor(
    readonly engine: StoreEngine,
    readonly workstation: string,
    private readonly ex: Executor = engine.db,
    private readonly shared: Shared = { anchoring: new AuditAnchoring(), catalogueMemo: new CatalogueMemo() },
    /** The counter this store serves (its permanent id): its own settings are kept apart from the pharmacy's. */
    readonly counterId: string | null = null,
  ) {
    this.patients = new PatientsRepository(ex, engine);
    this.prescribers = new PrescribersRepository(ex);
    this.catalogue = new CatalogueRepository(ex, shared.catalogueMemo);
    this.catalogueImports = new CatalogueImportsRepository(ex, shared.catalogueMemo);
    this.dispensings = new DispensingsRepository(ex, engine);
    this.outbox = new OutboxRepository(ex, engine);
    this.cancellations = new CancellationsRepository(ex);
    this.scor = new ScorDocumentsRepository(ex, engine);
    this.audit = new AuditTrail(ex, engine, workstation, shared.anchoring);
    this.settings = new SettingsRepository(ex, counterId, engine.kind === 'sqlite');
    this.tariffs = new TariffsRepository(ex);
    this.registers = new RegistersRepository(ex);
    this.locks = new PrescriptionLocksRepository(ex, engine);
    this.counters = new CountersRepository(ex);
    this.fses = new FsesRepository(ex, engine);
    this.claimLots = new ClaimLotsRepository(ex, engine);
    this.claimMessages = new ClaimMessagesRepository(ex);
  }

  /** The same store for one counter: its id, and the unique name the pharmacy gave it at start. */
  as(counter: { id: string; name: string }): Store {
    return new Store(this.engine, counter.name, this.ex, this.shared, counter.id);
  }

  /** The counter's own file (migrations run at opening). */
  static openSqlite(file: string, workstation: string): Store {
    return new Store(SqliteEngine.open(file), workstation);
  }

  /** The pharmacy's shared database (migrations run at opening, under a lock). */
  static async openPostgres(url: string | ServerTarget, workstation: string): Promise<Store> {
    return new Store(await PostgresEngine.open(url, { applicationName: `comptoir ${workstation}`.slice(0, 60) }), workstation);
  }

  /**
   * All or nothing. Inside one already, joins it. The audit anchor follows once the outermost
   * transaction has committed.
   */
  async transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    if (this.ex.isTransaction) return fn(this);
    const result = await this.engine.db
      .transaction()
      .execute((trx) => fn(new Store(this.engine, this.workstation, trx, this.shared, this.counterId)));
    await this.audit.anchorIfAppended();
    return result;
  }

  /**
   * Sends one waiting execution with it held for this counter: on PostgreSQL its row stays locked
   * (FOR UPDATE SKIP LOCKED) in a transaction kept open through the send, so no other counter sends
   * it meanwhile, and a counter that dies mid-send lets it go; `record` writes the outcome in that same
   * transaction. A counter's own SQLite file has no other sender: no lock, each outcome its own
   * transaction. Null when another counter holds the item or it no longer waits.
   */
  withClaimedOutboxItem<T>(
    executionId: string,
    work: (item: OutboxItem, record: (fn: (tx: Store) => Promise<void>) => Promise<void>) => Promise<T>,
  ): Promise<T | null> {
    return this.withClaimed(
      async (s) => {
        const item = await s.outbox.byExecutionId(executionId);
        return item?.state === 'PENDING' ? item : null;
      },
      (tx) => tx.outbox.claim(executionId),
      work,
    );
  }

  /** A scanned ordonnance waiting to be sent, held as an outbox item is (one counter sends each). */
  withClaimedScorDocument<T>(
    documentId: string,
    work: (document: ScorDocument, record: (fn: (tx: Store) => Promise<void>) => Promise<void>) => Promise<T>,
  ): Promise<T | null> {
    return this.withClaimed(
      async (s) => {
        const d = await s.scor.byDocumentId(documentId);
        return d?.state === 'PENDING' ? d : null;
      },
      (tx) => tx.scor.claim(documentId),
      work,
    );
  }

  /** A lot of FSEs waiting to be sent, held as an outbox item is (one counter sends each). */
  withClaimedLot<T>(
    lotId: string,
    work: (lot: StoredLot, record: (fn: (tx: Store) => Promise<void>) => Promise<void>) => Promise<T>,
  ): Promise<T | null> {
    return this.withClaimed(
      async (s) => {
        const lot = await s.claimLots.byId(lotId);
        return lot?.state === 'PENDING' ? lot : null;
      },
      (tx) => tx.claimLots.claim(lotId),
      work,
    );
  }

  /** Any transmission queue's item: read and held (the pharmacy's server), or just read (a counter's own file). */
  private async withClaimed<I, T>(
    read: (s: Store) => Promise<I | null>,
    claim: (tx: Store) => Promise<I | null>,
    work: (item: I, record: (fn: (tx: Store) => Promise<void>) => Promise<void>) => Promise<T>,
  ): Promise<T | null> {
    if (!this.engine.shared || this.ex.isTransaction) {
      const item = await read(this);
      return item ? work(item, (fn) => this.transaction(fn)) : null;
    }
    const result = await this.engine.db.transaction().execute(async (trx) => {
      const tx = new Store(this.engine, this.workstation, trx, this.shared, this.counterId);
      const item = await claim(tx);
      return item ? { value: await work(item, (fn) => fn(tx)) } : null;
    });
    await this.audit.anchorIfAppended();
    return result ? result.value : null;
  }

  /**
   * Prescriptions sent at once. The téléservice's latency, not its work, bounds a catch-up: 1 000
   * executions at 100 ms take 100 s one by one, about 7 s sixteen at a time. On PostgreSQL each send
   * holds a connection of the counter's pool (and the other counters send too).
   */
  get parallelSends(): number {
    return this.engine.kind === 'sqlite' ? 16 : 4;
  }

  async close(): Promise<void> {
    await this.engine.close();
  }
}
