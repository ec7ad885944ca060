import { shareOf } from './money.js';
import { tariffOn, type HonoraireCode, type Tariff } from './tariffs.js';

/** One dispensed item as billing sees it (product × packs), or a free « hors référentiel » line. */
export type BillableItem = {
  label: string;
  packs: number;
  unitPriceCents: number;
  /** Reimbursement rate: 100, 65, 30, 15 or 0. */
  rate: number;
  /** The group's tarif forfaitaire de responsabilité per pack, when the catalogue gives one. */
  tfrCents: number | null;
  /** Flagged ALD on the prescription (the patient's exoneration known): paid at 100 %. */
  ald: boolean;
  /** A "specific" medicine (HDE). */
  specific: boolean;
  /** A 3-month pack (HD3 instead of HD). */
  largePack: boolean;
  /** Tiers payant contre génériques: the patient refused the generic; its price per pack becomes the base. */
  refusedGenericPriceCents?: number | null;
  /** No price known yet (none in the catalogue, none typed): counted 0 and said so until it is typed. */
  priceMissing?: boolean;
};

/** The mutuelle's certificate: its dates and the share of the ticket modérateur it covers per rate. */
export type Complementary = { validFrom: string; validTo: string; ph7: number; ph4: number; ph2: number; ph1: number };

export type BillingContext = {
  /** The dispensing's day (tariffs, age, certificate validity). */
  day: string;
  /** False: a sale without prescription (only HD, nothing reimbursed). */
  withPrescription: boolean;
  patientBirthDate: string | null;
  /** Identified by Carte Vitale or ApCV: the part AMO in tiers payant. */
  amoThirdParty: boolean;
  complementary: Complementary | null;
  tariffs: readonly Tariff[];
};

export type AmountLine = {
  kind: 'product' | 'honoraire';
  code: HonoraireCode | null;
  label: string;
  packs: number;
  priceCents: number;
  baseCents: number;
  rate: number;
  amoCents: number;
  ticketModerateurCents: number;
  depassementCents: number;
  amcCents: number;
  resteCents: number;
  /** What the patient pays now (the reste à charge, plus any part not in tiers payant). */
  advanceCents: number;
  note: string | null;
};

export type Totals = { totalCents: number; amoCents: number; amcCents: number; resteCents: number; advanceCents: number };
export type Bill = { lines: AmountLine[]; totals: Totals };

/** The mutuelle's share for a rate (honoraires at 70 % use PH7), when its certificate is valid that day. */
function complementaryShare(ctx: BillingContext, rate: number): number {
  const c = ctx.complementary;
  if (!c || ctx.day < c.validFrom || ctx.day > c.validTo) return 0;
  return rate >= 100 ? c.ph1 : rate >= 65 ? c.ph7 : rate >= 30 ? c.ph4 : rate > 0 ? c.ph2 : 0;
}

/** A line's amounts from its price, base and rate, each rounded to the cent (billing.md). */
function amounts(
  ctx: BillingContext,
  line: {
    kind: AmountLine['kind'];
    code: HonoraireCode | null;
    label: string;
    packs: number;
    priceCents: number;
    baseCents: number;
    rate: number;
    thirdParty: boolean;
    note: string | null;
  },
): AmountLine {
  const amo = shareOf(line.baseCents, line.rate);
  const tm = line.baseCents - amo;
  const amc = shareOf(tm, complementaryShare(ctx, line.rate));
  const reste = line.priceCents - amo - amc;
  const amcThirdParty = ctx.complementary !== null && amc > 0;
  const advance = line.thirdParty ? reste + (ctx.amoThirdParty ? 0 : amo) + (amcThirdParty ? 0 : amc) : line.priceCents;
  return {
    kind: line.kind,
    code: line.code,
    label: line.label,
    packs: line.packs,
    priceCents: line.priceCents,
    baseCents: line.baseCents,
    rate: line.rate,
    amoCents: amo,
    ticketModerateurCents: tm,
    depassementCents: line.priceCents - line.baseCents,
    amcCents: amc,
    resteCents: reste,
    advanceCents: advance,
    note: line.note,
  };
}

function productLine(ctx: BillingContext, item: BillableItem): AmountLine {
  const price = item.unitPriceCents * item.packs;
  const reimbursed = ctx.withPrescription && item.rate > 0;
  const refused = reimbursed && item.refusedGenericPriceCents != null;
  const perPackBase = refused ? item.refusedGenericPriceCents! : (item.tfrCents ?? item.unitPriceCents);
  const base = reimbursed ? Math.min(price, perPackBase * item.packs) : 0;
  const note = item.priceMissing
    ? 'Prix à saisir : compté 0 € tant qu’il n’est pas tapé.'
    : refused
      ? `Générique refusé : remboursé sur la base du générique, ${item.packs > 1 ? 'ces boîtes se paient' : 'cette boîte se paie'} au comptoir (pas de tiers payant).`
      : null;
  return amounts(ctx, {
    kind: 'product',
    code: null,
    label: item.label,
    packs: item.packs,
    priceCents: price,
    baseCents: base,
    rate: reimbursed ? (item.ald ? 100 : item.rate) : 0,
    thirdParty: !refused,
    note,
  });
}

/** The honoraires de dispensation the dispensing earns, each a line of its own. */
function honoraires(ctx: BillingContext, items: BillableItem[]): AmountLine[] {
  const reimbursable = items.filter((i) => i.rate > 0);
  const lines: AmountLine[] = [];
  const add = (code: HonoraireCode, packs: number, rate: number, label: string): void => {
    const t = tariffOn(ctx.tariffs, code, ctx.day);
    const price = t.amountCents * packs;
    lines.push(
      amounts(ctx, {
        kind: 'honoraire',
        code,
        label,
        packs,
        priceCents: price,
        baseCents: ctx.withPrescription ? price : 0,
        rate: ctx.withPrescription ? rate : 0,
        thirdParty: true,
        note: null,
      }),
    );
  };
  for (const item of reimbursable) {
    const code = item.largePack ? 'HD3' : 'HD';
    const t = tariffOn(ctx.tariffs, code, ctx.day);
    add(
      code,
      item.packs,
      t.rate === 'line' ? (item.ald ? 100 : item.rate) : t.rate,
      `Honoraire de dispensation${item.largePack ? ' (conditionnement trimestriel)' : ''} — ${item.label}`,
    );
  }
  if (!ctx.withPrescription || reimbursable.length === 0) return lines;
  const ald = reimbursable.some((i) => i.ald);
  const rateOf = (code: HonoraireCode): number => {
    const r = tariffOn(ctx.tariffs, code, ctx.day).rate;
    return ald && code !== 'HDC' ? 100 : r === 'line' ? 70 : r;
  };
  add('HDR', 1, rateOf('HDR'), 'Honoraire par ordonnance');
  const age = ctx.patientBirthDate ? ageOn(ctx.patientBirthDate, ctx.day) : null;
  if (age !== null && (age < 3 || age >= 70)) add('HDA', 1, rateOf('HDA'), 'Honoraire lié à l’âge du patient');
  if (reimbursable.some((i) => i.specific)) add('HDE', 1, rateOf('HDE'), 'Honoraire médicament spécifique');
  if (reimbursable.length >= 5) add('HDC', 1, rateOf('HDC'), 'Honoraire ordonnance complexe');
  return lines;
}

/** Whole years on `day` (a birthday counts from its morning; 29 February on 1 March in other years). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * What a dispensing costs and who pays it: each product and honoraire line with its base, rate,
 * part AMO, ticket modérateur, part AMC and reste à charge, and the four totals. Pure arithmetic on
 * integer cents; for every line, price = part AMO + part AMC + reste à charge.
 */
export function bill(items: BillableItem[], ctx: BillingContext): Bill {
  const lines = [...items.map((i) => productLine(ctx, i)), ...honoraires(ctx, items)];
  const sum = (f: (l: AmountLine) => number): number => lines.reduce((s, l) => s + f(l), 0);
  return {
    lines,
    totals: {
      totalCents: sum((l) => l.priceCents),
      amoCents: sum((l) => l.amoCents),
      amcCents: sum((l) => l.amcCents),
      resteCents: sum((l) => l.resteCents),
      advanceCents: sum((l) => l.advanceCents),
    },
  };
}
