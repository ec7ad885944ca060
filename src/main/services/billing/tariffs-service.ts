import { DEFAULT_TARIFFS, HONORAIRE_CODES, parseTariffFile, tariffOn, type Tariff } from '../../../shared/billing/tariffs.js';
import { parisToday } from '../../../shared/format/paris-date.js';
import { AppError } from '../../../shared/contract/result.js';
import { formatDateFr } from '../../../shared/format/fr.js';
import type { Store } from '../store/store.js';

export type TariffView = Tariff & { origin: 'default' | 'imported' };

/**
 * The honoraires' tariffs (billing.md): the ones in force today, code by code, with whether they
 * come from the defaults or from the pharmacy's file; a file imported all or nothing (one bad row
 * refuses it, naming every bad line), and written in the audit trail.
 */
export class TariffsService {
  constructor(
    private readonly store: Store,
    private readonly actor: () => string,
  ) {}

  async inForce(day = parisToday()): Promise<{ inForce: TariffView[]; imported: Tariff[] }> {
    const imported = await this.store.tariffs.list();
    const inForce = HONORAIRE_CODES.map((code) => {
      const t = tariffOn(imported, code, day);
      return { ...t, origin: DEFAULT_TARIFFS.includes(t) ? ('default' as const) : ('imported' as const) };
    });
    return { inForce, imported };
  }

  async importFile(text: string): Promise<{ imported: number }> {
    const parsed = parseTariffFile(text);
    if (!parsed.ok)
      throw new AppError(
        'TARIFFS_REFUSED',
        `Fichier refusé, rien n’a été importé : ${parsed.errors.map((e) => `ligne ${e.line} : ${e.message}`).join(' ; ')}`,
      );
    if (parsed.tariffs.length === 0) throw new AppError('TARIFFS_EMPTY', 'Fichier sans tarif : rien n’a été importé.');
    // A tariff never reaches back over days already invoiced: what was billed stays what was billed.
    const lastInvoiced = await this.store.dispensings.lastInvoicedAt();
    const lastDay = lastInvoiced ? parisToday(new Date(lastInvoiced)) : null;
    const early = lastDay ? parsed.tariffs.find((t) => t.since < lastDay) : undefined;
    if (early && lastDay)
      throw new AppError(
        'TARIFFS_BACKDATED',
        `Fichier refusé, rien n’a été importé : le tarif ${early.code} part du ${formatDateFr(early.since)}, or des délivrances sont facturées jusqu’au ${formatDateFr(lastDay)} ; datez-le de ce jour ou d’après.`,
      );
    await this.store.transaction(async (tx) => {
      await tx.tariffs.put(parsed.tariffs);
      await tx.audit.append(this.actor(), 'tariffs.imported', null, { tariffs: parsed.tariffs.map((t) => `${t.code}@${t.since}`) });
    });
    return { imported: parsed.tariffs.length };
  }
}
