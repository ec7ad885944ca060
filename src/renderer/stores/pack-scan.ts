import type { Prescription } from '../../shared/teleservice/schemas.js';
import { isLongTreatment, measureLine } from '../../shared/rules/line-units.js';
import { servedFor } from '../../shared/rules/renewals.js';
import { RULE_LIMITS } from '../../shared/rules/rule-limits.js';
import type { ItemEntry, LineEntry } from './counter-proposal.js';

/** The rules' measure without the catalogue: the prescription's own units per pack. */
const noCatalogue = { facts: () => null, packsOfGroup: () => [] };

/**
 * How many boxes of a pack of `packSize` units a line needs now: what this renewal still lacks, or,
 * for a large pack of a long treatment (3 months and more), what this and the later renewals lack.
 */
export function proposedPacks(p: Prescription, renewal: number, lineId: string, packSize: number): number {
  const line = p.lines.find((l) => l.lineId === lineId);
  if (!line || packSize <= 0 || renewal > line.repeats) return 1;
  const measure = measureLine(line, noCatalogue);
  const lacking = (r: number): number => Math.max(0, measure.due - servedFor(line, r, measure).units);
  const large =
    isLongTreatment(line) &&
    (packSize >= RULE_LIMITS.quarterlyPackUnits || packSize * (line.durationDays / measure.due) >= RULE_LIMITS.longTreatmentDays);
  let units = lacking(renewal);
  if (large) for (let r = renewal + 1; r <= line.repeats; r++) units += lacking(r);
  return Math.max(1, Math.ceil(units / packSize));
}

export type ScannedPack = { cip13: string; label: string; batch: string; expiry: string };

/**
 * One scan, one box: a pack read onto a line takes one box of it that has no lot yet (a line of 2
 * boxes read twice gives two boxes, each with its own lot and expiry), or the same lot once more,
 * or else adds a box. A pack of the line's group read first on an untouched line becomes its
 * product, with the boxes it needs (`packsIfNew`).
 */
export function placeScannedPack(entry: LineEntry, scan: ScannedPack, packsIfNew: number): LineEntry {
  const { extra, notDispensed, refusedGeneric, ...main } = entry;
  let items: ItemEntry[] = [main, ...extra];
  const untouched = items.every((i) => i.batch === '') && extra.length === 0 && !notDispensed;
  if (untouched && !items.some((i) => i.cip13 === scan.cip13))
    items = [{ ...main, cip13: scan.cip13, label: scan.label, packs: String(packsIfNew) }];
  const box: ItemEntry = { cip13: scan.cip13, label: scan.label, packs: '1', batch: scan.batch, expiry: scan.expiry };
  const packs = (i: ItemEntry): number => Number.parseInt(i.packs, 10) || 0;
  const open = items.findIndex((i) => i.cip13 === scan.cip13 && i.batch === '' && packs(i) >= 1);
  const sameLot = items.findIndex((i) => i.cip13 === scan.cip13 && i.batch !== '' && i.batch === scan.batch);
  if (open >= 0 && packs(items[open]!) === 1) items[open] = { ...items[open]!, batch: scan.batch, expiry: scan.expiry };
  else if (open >= 0) items.splice(open, 1, box, { ...items[open]!, packs: String(packs(items[open]!) - 1) });
  else if (sameLot >= 0) items[sameLot] = { ...items[sameLot]!, packs: String(packs(items[sameLot]!) + 1) };
  else items.push(box);
  const [first, ...rest] = items;
  return { ...first!, extra: rest, notDispensed: false, ...(refusedGeneric === undefined ? {} : { refusedGeneric }) };
}
