import { formatDateFr, plural } from '../format/fr.js';
import type { DeviationType, Prescription, PrescriptionLine } from '../teleservice/schemas.js';
import type { AssessmentContext, LineAssessment, ProposedLine, RuleIssue } from './dispensing-types.js';
import { isLongTreatment, measureLine, type LineMeasure } from './line-units.js';
import { NARCOTIC_WORD, narcoticAllowance, narcoticKind } from './narcotics.js';
import { isLargePack, productChange, type ItemFacts } from './product-change.js';
import type { ProductFacts } from './product-facts.js';
import { RULE_LIMITS } from './rule-limits.js';
import { lastDispensing, servedFor } from './renewals.js';

const NOT_DISPENSED_TYPES: DeviationType[] = ['NOT_DISPENSED', 'SHORTAGE', 'OTHER'];
const PARTIAL_TYPES: DeviationType[] = ['QUANTITY_ADAPTED', 'SHORTAGE', 'STUPS_REDUCED_DURATION', 'OTHER'];

type LineResult = { line: LineAssessment; issues: RuleIssue[] };
type Issue = (code: string, severity: 'blocking' | 'warning', message: string) => void;

const days = (d: number): number => Math.round(d * 10) / 10;

/** A line that is not dispensed this time (by choice, or because it cannot be). */
function notDispensed(
  line: PrescriptionLine,
  measure: LineMeasure,
  served: number,
  defaultReason: string | null,
  needsReason: boolean,
  narcotic: boolean,
): LineAssessment {
  const remaining = Math.max(0, measure.due - served);
  return {
    lineId: line.lineId,
    status: 'NOT_DISPENSED',
    deviationType: needsReason ? 'NOT_DISPENSED' : 'NONE',
    allowedTypes: needsReason ? NOT_DISPENSED_TYPES : ['NONE'],
    needsReason,
    needsAgreement: false,
    defaultReason,
    unitsPerPack: measure.unitsPerPack,
    unitsDue: measure.due,
    unitsServedBefore: served,
    unitsDispensed: 0,
    unitsRemainingAfter: remaining,
    daysDispensed: 0,
    daysRemainingAfter: days(measure.days(remaining)),
    renewalsCovered: [],
    packsDispensed: 0,
    itemUnits: [],
    narcotic,
    explanation: defaultReason,
  };
}

/** The renewals after `renewal` that `excess` units serve, in order (a large pack). */
function coveredRenewals(
  line: PrescriptionLine,
  measure: LineMeasure,
  renewal: number,
  excess: number,
): { renewals: number[]; left: number } {
  const renewals: number[] = [];
  let left = excess;
  for (let r = renewal + 1; r <= line.repeats && left > 0; r++) {
    const room = measure.due - servedFor(line, r, measure).units;
    if (room <= 0) continue;
    renewals.push(r);
    left -= Math.min(room, left);
  }
  return { renewals, left };
}

/** The rules for one line of the prescription, for the proposed renewal and items, in units and days. */
export function assessLine(
  ctx: AssessmentContext,
  line: PrescriptionLine,
  renewal: number,
  proposed: ProposedLine | undefined,
): LineResult {
  const p: Prescription = ctx.prescription;
  const items = (proposed?.items ?? []).filter((i) => i.packs > 0);
  const issues: RuleIssue[] = [];
  const issue: Issue = (code, severity, message) => void issues.push({ code, severity, lineId: line.lineId, message });
  const measure = measureLine(line, ctx.products);
  const prescribed = ctx.products.facts(line.product.cip13);
  const withFacts: ItemFacts[] = items.map((i) => ({ cip13: i.cip13, facts: ctx.products.facts(i.cip13) }));
  const narcoticType = narcoticKind(p, line, [prescribed, ...withFacts.map((i) => i.facts)]);
  const narcotic = narcoticType !== null;

  if (renewal > line.repeats) {
    if (items.length > 0)
      issue(
        narcotic ? 'STUPS_NOT_RENEWABLE' : 'RENEWAL_NOT_ALLOWED',
        'blocking',
        narcoticType
          ? `${NARCOTIC_WORD[narcoticType]} : jamais renouvelable.`
          : `Ligne non renouvelable au-delà de ${plural(line.repeats, 'renouvellement')}.`,
      );
    return { line: notDispensed(line, measure, 0, 'Ligne non renouvelable pour ce numéro de renouvellement.', false, narcotic), issues };
  }
  const served = servedFor(line, renewal, measure);
  if (served.complete) {
    if (items.length > 0)
      issue(
        'ALREADY_DISPENSED',
        'blocking',
        served.byLargePack
          ? 'Ce renouvellement est déjà servi par un grand conditionnement.'
          : 'Cette ligne est déjà délivrée pour ce renouvellement.',
      );
    return {
      line: notDispensed(
        line,
        measure,
        served.units,
        served.byLargePack ? 'Déjà servie par un grand conditionnement.' : 'Déjà délivrée pour ce renouvellement.',
        false,
        narcotic,
      ),
      issues,
    };
  }
  if (items.length === 0) return { line: notDispensed(line, measure, served.units, null, true, narcotic), issues };

  if (!prescribed)
    issue(
      'PRODUCT_UNKNOWN',
      'warning',
      'Produit prescrit absent du catalogue local : ses règles (liste, générique, conditionnement) ne sont pas vérifiées.',
    );
  for (const label of unitsUnknown(line, prescribed, withFacts)) {
    issue(
      'UNITS_UNKNOWN',
      'warning',
      `Unités par boîte inconnues pour ${label} (la base ne les donne pas) : quantités et jours comptés comme pour la boîte prescrite ; vérifiez-les.`,
    );
  }
  const longTreatment = isLongTreatment(line);
  const change = productChange(line, prescribed, withFacts, measure, longTreatment);
  const realUnits = items.map((i) => measure.unitsOf(i.cip13, i.packs) ?? i.packs * measure.unitsPerPack);
  const units = realUnits.reduce((s, u) => s + u, 0);
  // What the téléservice is told (its unit may be the prescribed pack, for older prescriptions).
  const itemUnits = realUnits.map((u) => measure.toServer(u) ?? Math.max(1, Math.round(u / measure.fromServer(1))));
  if (realUnits.some((u) => measure.toServer(u) === null)) {
    issue(
      'UNITS_NOT_TRANSMISSIBLE',
      'blocking',
      `Prescription sans nombre d’unités par boîte : le téléservice compte en boîtes de ${measure.unitsPerPack} ; délivrez un nombre entier de ces boîtes (en unités : un multiple de ${measure.unitsPerPack}).`,
    );
  }
  const remaining = measure.due - served.units;
  const largePackHere = longTreatment && items.some((i) => isLargePack(measure, i.cip13));
  const covered =
    units > remaining && largePackHere
      ? coveredRenewals(line, measure, renewal, units - remaining)
      : { renewals: [], left: Math.max(0, units - remaining) };
  if (covered.left > 0)
    issue(
      'QUANTITY_EXCEEDED',
      'blocking',
      `Quantité supérieure à ce qui reste à délivrer : ${plural(remaining, 'unité')} pour ce renouvellement${largePackHere ? ' et les suivants' : ''}.`,
    );
  const complete = units >= remaining;
  const unitsLeft = Math.max(0, remaining - units);
  const daysDispensed = measure.days(units);

  const facts = [prescribed, ...withFacts.map((i) => i.facts)];
  const listed = narcotic || facts.some((f) => f !== null && f.list !== null);
  const contraceptive = facts.some((f) => f?.contraceptive === true);
  const stupsReduced =
    narcoticType !== null && narcoticIssues(ctx, line, measure, renewal, daysDispensed, issue, narcoticType) && !complete;
  const threeMonths = contraceptive || (longTreatment && (largePackHere || isLargePack(measure, line.product.cip13)));
  const maxDays = threeMonths ? RULE_LIMITS.maxDaysPerDispensingLong : RULE_LIMITS.maxDaysPerDispensing;
  if (listed && !narcotic && daysDispensed > maxDays) {
    issue(
      'DURATION_EXCEEDED',
      'blocking',
      contraceptive
        ? 'Trois mois de traitement au plus par délivrance pour un contraceptif oral.'
        : threeMonths
          ? 'Trois mois de traitement au plus par délivrance, grand conditionnement compris.'
          : 'Un mois de traitement au plus par délivrance : délivrez une partie, le reste suivra.',
    );
  }
  if (line.durationDays * (renewal + 1) > RULE_LIMITS.maxTreatmentDays)
    issue('TREATMENT_OVER_12_MONTHS', 'blocking', 'Douze mois de traitement au plus, renouvellements compris.');
  if (longTreatment && prescribed?.genericGroup && !largePackHere && !isLargePack(measure, line.product.cip13)) {
    const large = ctx.products.packsOfGroup(prescribed.genericGroup).find((f) => isLargePack(measure, f.cip13));
    if (large) issue('LARGE_PACK_AVAILABLE', 'warning', `Traitement de 3 mois ou plus : un grand conditionnement existe (${large.label}).`);
  }

  let deviationType: DeviationType = 'NONE';
  let explanation: string | null = null;
  // A line dispensed as prescribed may still carry a posology changed with the prescriber's agreement.
  let allowedTypes: DeviationType[] = ['NONE', 'POSOLOGY_CHANGED'];
  if (covered.renewals.length > 0) {
    deviationType = 'LARGE_PACK';
    explanation = `Grand conditionnement : sert aussi ${covered.renewals.length > 1 ? 'les renouvellements' : 'le renouvellement'} ${covered.renewals.join(', ')}.`;
    allowedTypes = ['LARGE_PACK', 'OTHER'];
  } else if (change) {
    deviationType = change.type;
    explanation = change.message;
    allowedTypes = [change.type, 'OTHER'];
  } else if (!complete) {
    deviationType = stupsReduced ? 'STUPS_REDUCED_DURATION' : 'QUANTITY_ADAPTED';
    allowedTypes = PARTIAL_TYPES;
  }
  if (!complete)
    explanation = `${explanation ? `${explanation} ` : ''}Délivrance partielle : reste ${plural(unitsLeft, 'unité')} à délivrer, soit ${plural(days(measure.days(unitsLeft)), 'jour')} de traitement.`;
  const needsAgreement = change !== null && (change.outsideRight || !line.substitutable);
  if (change && !line.substitutable) {
    const substitution = change.type === 'GENERIC_SUBSTITUTION' || change.type === 'BIOSIMILAR_SUBSTITUTION';
    issue(
      substitution ? 'NOT_SUBSTITUTABLE' : 'AGREEMENT_REQUIRED',
      'warning',
      `Ligne non substituable (${line.nonSubstitutableReason ?? '—'}) : pas de changement de produit sans l’accord du prescripteur.`,
    );
  }
  return {
    line: {
      lineId: line.lineId,
      status: complete ? 'DISPENSED' : 'PARTIAL',
      deviationType,
      allowedTypes,
      needsReason: deviationType !== 'NONE',
      needsAgreement,
      defaultReason: stupsReduced ? 'Stupéfiant présenté au-delà de 3 jours : durée restante seulement.' : null,
      unitsPerPack: measure.unitsPerPack,
      unitsDue: measure.due,
      unitsServedBefore: served.units,
      unitsDispensed: units,
      unitsRemainingAfter: unitsLeft,
      daysDispensed: days(daysDispensed),
      daysRemainingAfter: days(measure.days(unitsLeft)),
      renewalsCovered: covered.renewals,
      packsDispensed: items.reduce((s, i) => s + i.packs, 0),
      itemUnits,
      narcotic,
      ...(change?.towardPrinceps ? { towardPrinceps: true } : {}),
      explanation,
    },
    issues,
  };
}

/**
 * The packs of this line the catalogue knows without their count of units (`unitsPerPack` null):
 * the rules cannot count them, so they say so and never block (catalogue.md).
 */
function unitsUnknown(line: PrescriptionLine, prescribed: ProductFacts | null, items: ItemFacts[]): string[] {
  const labels = new Set<string>();
  if (prescribed && prescribed.packSize === null && line.product.unitsPerPack == null) labels.add(prescribed.label);
  for (const { facts } of items) if (facts && facts.packSize === null && facts.cip13 !== line.product.cip13) labels.add(facts.label);
  return [...labels];
}

/** A stupéfiant's own rules; true when only a reduced duration may be dispensed today. */
function narcoticIssues(
  ctx: AssessmentContext,
  line: PrescriptionLine,
  measure: LineMeasure,
  renewal: number,
  daysDispensed: number,
  issue: Issue,
  kind: 'STUPEFIANT' | 'ASSIMILE',
): boolean {
  const word = NARCOTIC_WORD[kind];
  if (line.durationDays > RULE_LIMITS.stupefiantMaxDays)
    issue(
      'STUPS_DURATION_EXCEEDED',
      'blocking',
      `${word} : ${RULE_LIMITS.stupefiantMaxDays} jours de traitement au plus par prescription.`,
    );
  if (renewal > 0) issue('STUPS_NOT_RENEWABLE', 'blocking', `${word} : jamais renouvelable.`);
  const allowance = narcoticAllowance(ctx.prescription, line, measure, ctx.today, kind);
  if (allowance.maxDays <= 0)
    issue('STUPS_NOTHING_LEFT', 'blocking', `${word} : la durée de traitement est écoulée, rien ne peut être délivré.`);
  else if (daysDispensed > allowance.maxDays + 1e-9) {
    const why = allowance.reduced ? allowance.why : line.fractionDays ? `fractionnement de ${line.fractionDays} jours` : 'durée prescrite';
    issue(
      'STUPS_WINDOW_EXCEEDED',
      'blocking',
      `${word} : ${plural(Math.floor(allowance.maxDays), 'jour')} de traitement au plus cette fois (${why.replace(/\.$/, '')}).`,
    );
  }
  const last = lastDispensing(line, measure);
  if (last && last.coversUntil > ctx.today)
    issue('STUPS_OVERLAP', 'warning', `${word} : la fraction précédente couvre jusqu’au ${formatDateFr(last.coversUntil)}.`);
  return allowance.reduced;
}
