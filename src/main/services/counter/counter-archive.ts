import { existsSync } from 'node:fs';
import type { HistoryEntryView } from '../../../shared/contract/counter-schemas.js';
import { AppError } from '../../../shared/contract/result.js';
import type { OrdonnancierFilter } from '../store/registers.js';
import { Store } from '../store/store.js';
import { dispensingHistory, ordonnancierEntries, ordonnancierPrint, type PrintingPharmacy } from './register-views.js';

/**
 * A counter's own file once the counter works on the pharmacy's server: its archive. Nothing is
 * written to it any more; its « Historique » and « Ordonnancier » stay consultable and printable
 * (the registers are kept 10 years). Opened the first time it is asked for.
 */
export class CounterArchive {
  private opened: Store | null = null;

  constructor(
    /** The file, when the counter is on the server (null: the store in use is the file itself). */
    private readonly file: string | null,
    private readonly counterName: string,
  ) {}

  get available(): boolean {
    return this.file !== null && existsSync(this.file);
  }

  history(query: string): Promise<HistoryEntryView[]> {
    return dispensingHistory(this.store(), query);
  }

  ordonnancier(filter: OrdonnancierFilter) {
    return ordonnancierEntries(this.store(), filter);
  }

  ordonnancierPdf(pharmacy: PrintingPharmacy, filter: OrdonnancierFilter) {
    return ordonnancierPrint(this.store(), pharmacy, filter);
  }

  async close(): Promise<void> {
    await this.opened?.close();
    this.opened = null;
  }

  private store(): Store {
    if (!this.available) throw new AppError('NO_ARCHIVE', 'Ce poste n’a pas d’archive : il n’a jamais travaillé sur son propre fichier.');
    this.opened ??= Store.openSqlite(this.file!, this.counterName);
    return this.opened;
  }
}
