import type { CatalogueStatusView } from '../../../shared/contract/settings-schemas.js';
import { parisToday } from '../../../shared/format/paris-date.js';
import type { EventBus } from '../event-bus.js';
import type { Store } from '../store/store.js';
import { count, importBdpm, readBdpmZip, summaryLines, type BdpmImportSummary } from './bdpm-import.js';
import { importPharmacyFile } from './pharmacy-file.js';

/**
 * « Configuration › Catalogue »: the base in force and its last import; a zip of the BDPM or the
 * pharmacy's own file imported from the screen (the same imports as `comptoir catalogue import`),
 * its progress pushed to the screen. A counter keeps dispensing on the previous catalogue meanwhile.
 */
export class CatalogueService {
  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly actor: () => string,
  ) {}

  async status(): Promise<CatalogueStatusView> {
    const c = await this.store.catalogueImports.counts();
    const last = await this.store.catalogueImports.last();
    const source = c.BDPM > 0 ? 'BDPM' : c.FILE > 0 ? 'FILE' : c.SAMPLE > 0 ? 'SAMPLE' : null;
    return {
      source,
      inForce: c.BDPM + c.FILE + c.SAMPLE,
      bySource: { BDPM: c.BDPM, FILE: c.FILE, SAMPLE: c.SAMPLE },
      withdrawn: c.withdrawn,
      last: last ? { at: last.at, source: last.source, publishedOn: last.publishedOn, lines: linesOf(last.source, last.summary) } : null,
    };
  }

  async importZip(name: string, zipBase64: string): Promise<{ lines: string[]; view: CatalogueStatusView }> {
    const source = readBdpmZip(name, Buffer.from(zipBase64, 'base64'), parisToday());
    const summary = await importBdpm(this.store, source, {
      actor: this.actor(),
      onProgress: (done, total) => this.bus.emit('catalogue.progress', { done, total }),
    });
    return { lines: summaryLines(summary), view: await this.status() };
  }

  async importFile(text: string): Promise<{ lines: string[]; view: CatalogueStatusView }> {
    const done = await importPharmacyFile(this.store, text, this.actor());
    return {
      lines: [`Fichier de l’officine importé : ${count(done.overlaid)} produit(s) complété(s), ${count(done.added)} ajouté(s).`],
      view: await this.status(),
    };
  }
}

/** The recorded summary of an import, in the words the command prints. */
function linesOf(source: 'BDPM' | 'FILE', summary: unknown): string[] {
  if (source === 'FILE') {
    const s = summary as { overlaid?: number; added?: number };
    return [`Fichier de l’officine : ${count(s.overlaid ?? 0)} produit(s) complété(s), ${count(s.added ?? 0)} ajouté(s).`];
  }
  const s = summary as Omit<BdpmImportSummary, 'publishedOn'>;
  return summaryLines({ ...s, publishedOn: null });
}
