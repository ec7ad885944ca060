import { bill, type Bill, type BillableItem, type BillingContext } from '../../../shared/billing/billing.js';
import { parisToday } from '../../../shared/format/paris-date.js';
import type { CounterPatient, DispensingProposal } from '../../../shared/rules/dispensing-types.js';
import { RULE_LIMITS } from '../../../shared/rules/rule-limits.js';
import type { Prescription } from '../../../shared/teleservice/schemas.js';
import type { PaperPrescriptionInput } from '../counter/paper-prescription.js';
import type { CatalogueRepository } from '../store/catalogue.js';
import { unitPriceOf } from './hand-prices.js';
import { groupsOf } from '../../../shared/rules/product-facts.js';
import type { DispensingRecord } from '../store/dispensings.js';
import type { Store } from '../store/store.js';

type PatientSource = 'VITALE' | 'APCV' | 'MANUAL';

/**
 * What the current dispensing costs and who pays it (billing.md), from the store's facts: the
 * catalogue's prices, rates, TFR and "specific" marks, the called patient's mutuelle certificate,
 * the tariffs in force today.
 */
export class BillingPreview {
  constructor(private readonly store: Store) {}

  async ordonnanceNumerique(p: Prescription, proposal: DispensingProposal, source: PatientSource): Promise<Bill> {
    const items: BillableItem[] = [];
    for (const line of proposal.lines) {
      const prescribed = p.lines.find((l) => l.lineId === line.lineId);
      const ald = prescribed?.flags.includes('ALD') ?? false;
      for (const i of line.items.filter((x) => x.packs > 0)) {
        const item = await this.item(i.cip13, i.packs, i.label ?? null, ald, i.unitPriceCents);
        // Tiers payant contre génériques: only on a substitutable line whose group has a generic.
        const generic = line.refusedGeneric && prescribed?.substitutable ? await cheapestGenericPrice(this.store.catalogue, i.cip13) : null;
        items.push(generic === null ? item : { ...item, refusedGenericPriceCents: generic });
      }
    }
    return bill(items, await this.context(proposal.counterPatient ?? { nir: p.patient.nir, birthDate: p.patient.birthDate }, source));
  }

  async paper(input: PaperPrescriptionInput): Promise<Bill> {
    const items: BillableItem[] = [];
    for (const l of input.lines) {
      items.push(
        l.kind === 'FREE'
          ? {
              label: l.label,
              packs: l.packs,
              unitPriceCents: l.priceCents ?? 0,
              priceMissing: l.priceCents === null,
              rate: 0,
              tfrCents: null,
              ald: false,
              specific: false,
              largePack: false,
            }
          : await this.item(l.cip13, l.packs, null, false, l.unitPriceCents),
      );
    }
    return bill(items, await this.context(input.counterPatient, input.patientSource));
  }

  /** A recorded dispensing's amounts, from its sale lines (prices and rates as sold), on its own day. */
  async ofRecord(record: DispensingRecord): Promise<Bill> {
    // What was billed stays what was billed: later tariffs, prices or certificates never change a reprint.
    if (record.bill) return record.bill;
    const items: BillableItem[] = [];
    for (const s of record.saleLines) {
      const product = await this.store.catalogue.product(s.cip13);
      const ald = record.prescription?.lines.find((l) => l.lineId === s.lineId)?.flags.includes('ALD') ?? false;
      items.push({
        label: s.label,
        packs: s.packs,
        unitPriceCents: s.unitPriceCents ?? 0,
        rate: s.reimbursementRate ?? 0,
        tfrCents: product?.tfrCents ?? null,
        ald,
        specific: product?.specific ?? false,
        largePack: (product?.packSize ?? 0) >= RULE_LIMITS.quarterlyPackUnits,
        refusedGenericPriceCents: s.refusedGenericCents ?? null,
      });
    }
    const known = record.patientNir ? await this.store.patients.byNir(record.patientNir) : null;
    const source = (record.patientSource ?? 'MANUAL') as PatientSource;
    return bill(items, {
      ...(await this.context(known ? { nir: known.nir, birthDate: known.birthDate } : null, source)),
      day: parisToday(new Date(record.createdAt)),
    });
  }

  /** A pack's amounts; without a catalogue price, the one typed at the counter (0 until typed: the rules block meanwhile). */
  private async item(
    cip13: string,
    packs: number,
    label: string | null,
    ald: boolean,
    typedPriceCents?: number | null,
  ): Promise<BillableItem> {
    const p = await this.store.catalogue.product(cip13);
    const price = unitPriceOf(p, typedPriceCents);
    return {
      label: p?.label ?? label ?? `CIP ${cip13}`,
      packs,
      unitPriceCents: price ?? 0,
      priceMissing: price === null,
      rate: p?.reimbursementRate ?? 0,
      tfrCents: p?.tfrCents ?? null,
      ald,
      specific: p?.specific ?? false,
      largePack: (p?.packSize ?? 0) >= RULE_LIMITS.longTreatmentDays,
    };
  }

  private async context(patient: CounterPatient | null, source: PatientSource): Promise<BillingContext> {
    const known = patient?.nir ? await this.store.patients.byNir(patient.nir) : null;
    const certificate = known ? await this.store.patients.tiersPayant(known.id) : null;
    return {
      day: parisToday(),
      withPrescription: true,
      patientBirthDate: patient?.birthDate ?? known?.birthDate ?? null,
      amoThirdParty: source === 'VITALE' || source === 'APCV',
      complementary: certificate
        ? {
            validFrom: certificate.validFrom,
            validTo: certificate.validTo,
            ...(certificate.cover ?? { ph7: 100, ph4: 100, ph2: 100, ph1: 100 }),
          }
        : null,
      tariffs: await this.store.tariffs.list(),
    };
  }
}

/** The price of the cheapest other pack of its groups and size (the generic a patient refuses), or null. */
export async function cheapestGenericPrice(catalogue: CatalogueRepository, cip13: string): Promise<number | null> {
  const product = await catalogue.product(cip13);
  if (!product) return null;
  // Every group of the product, as the products step offers them (the répertoire puts a few in two).
  const prices = (await catalogue.packsOfGroups(groupsOf(product)))
    .filter((g) => g.cip13 !== cip13 && g.packSize === product.packSize)
    .flatMap((g) => (g.priceCents === null ? [] : [g.priceCents]));
  return prices.length === 0 ? null : Math.min(...prices);
}
