import type { DeviationType, Prescription, PrescriptionLine } from '../teleservice/schemas.js';
import { daysBetween } from './calendar.js';
import type { AssessmentContext, LineAssessment, ProposedLine, RuleIssue } from './dispensing-types.js';
import type { ProductFacts } from './product-facts.js';
import { RULE_LIMITS } from './rule-limits.js';
import { servedFor } from './renewals.js';

const NOT_DISPENSED_TYPES: DeviationType[] = ['NOT_DISPENSED', 'SHORTAGE', 'OTHER'];
const PARTIAL_TYPES: DeviationType[] = ['QUANTITY_ADAPTED', 'SHORTAGE', 'STUPS_REDUCED_DURATION', 'OTHER'];

type LineResult = { line: LineAssessment; issues: RuleIssue[] };

function base(line: PrescriptionLine, renewal: number): Omit<LineAssessment, 'status' | 'deviationType' | 'allowedTypes' | 'needsReason' | 'needsAgreement' | 'defaultReason' | 'packsDispensed' | 'packsRemainingAfter' | 'explanation'> {
  return { lineId: line.lineId, packsPrescribed: line.quantity, packsServedBefore: renewal <= line.repeats ? servedFor(line, renewal).packs : 0 };
}

/** A line that is not dispensed this time (by choice, or because it cannot be). */
function notDispensed(line: PrescriptionLine, renewal: number, defaultReason: string | null, needsReason: boolean): LineAssessment {
  const b = base(line, renewal);
  return {
    ...b,
    status: 'NOT_DISPENSED',
    deviationType: needsReason ? 'NOT_DISPENSED' : 'NONE',
    allowedTypes: needsReason ? NOT_DISPENSED_TYPES : ['NONE'],
    needsReason,
    needsAgreement: false,
    defaultReason,
    packsDispensed: 0,
    packsRemainingAfter: line.quantity - b.packsServedBefore,
    explanation: defaultReason,
  };
}

type ProductChange = { type: DeviationType; outsideRight: boolean; message: string } | null;

/** What dispensing another pack than the prescribed one amounts to. */
function productChange(line: PrescriptionLine, prescribed: ProductFacts | null, items: { facts: ProductFacts | null; cip13: string }[], longTreatment: boolean): ProductChange {
  const changed = items.filter((i) => i.cip13 !== line.product.cip13);
  if (changed.length === 0) return null;
  if (!prescribed || changed.some((i) => !i.facts)) return { type: 'OTHER', outsideRight: true, message: 'Produit différent de celui prescrit, hors catalogue local : substitution non vérifiable.' };
  if (changed.some((i) => i.facts?.genericGroup === null || i.facts?.genericGroup !== prescribed.genericGroup)) {
    return { type: 'OTHER', outsideRight: true, message: 'Produit hors du groupe générique du produit prescrit : accord du prescripteur requis.' };
  }
  const samePack = changed.every((i) => i.facts?.packSize === prescribed.packSize);
  if (samePack) {
    const bio = prescribed.biosimilar || changed.some((i) => i.facts?.biosimilar);
    return { type: bio ? 'BIOSIMILAR_SUBSTITUTION' : 'GENERIC_SUBSTITUTION', outsideRight: false, message: bio ? 'Substitution par un biosimilaire du même groupe.' : 'Substitution par un générique du même groupe.' };
  }
  const large = longTreatment && changed.some((i) => (i.facts?.packSize ?? 0) >= 2 * prescribed.packSize);
  return large
    ? { type: 'LARGE_PACK', outsideRight: false, message: 'Grand conditionnement pour un traitement de 3 mois ou plus.' }
    : { type: 'QUANTITY_ADAPTED', outsideRight: false, message: 'Conditionnement différent : quantité adaptée.' };
}

/** The rules for one line of the prescription, for the proposed renewal and items. */
export function assessLine(ctx: AssessmentContext, line: PrescriptionLine, renewal: number, proposed: ProposedLine | undefined): LineResult {
  const p: Prescription = ctx.prescription;
  const items = (proposed?.items ?? []).filter((i) => i.packs > 0);
  const issues: RuleIssue[] = [];
  const issue = (code: string, severity: 'blocking' | 'warning', message: string): void => void issues.push({ code, severity, lineId: line.lineId, message });

  if (renewal > line.repeats) {
    if (items.length > 0) issue('RENEWAL_NOT_ALLOWED', 'blocking', `Ligne non renouvelable au-delà de ${line.repeats} renouvellement(s).`);
    return { line: notDispensed(line, renewal, 'Ligne non renouvelable pour ce numéro de renouvellement.', false), issues };
  }
  const served = servedFor(line, renewal);
  if (served.complete) {
    if (items.length > 0) issue('ALREADY_DISPENSED', 'blocking', 'Cette ligne est déjà délivrée pour ce renouvellement.');
    return { line: notDispensed(line, renewal, 'Déjà délivrée pour ce renouvellement.', false), issues };
  }
  if (items.length === 0) return { line: notDispensed(line, renewal, null, true), issues };

  const prescribed = ctx.products.facts(line.product.cip13);
  const withFacts = items.map((i) => ({ ...i, facts: ctx.products.facts(i.cip13) }));
  if (!prescribed) issue('PRODUCT_UNKNOWN', 'warning', 'Produit prescrit absent du catalogue local : ses règles (liste, générique, conditionnement) ne sont pas vérifiées.');
  const longTreatment = line.durationDays >= RULE_LIMITS.longTreatmentDays;
  const change = productChange(line, prescribed, withFacts, longTreatment);

  const packSize = prescribed?.packSize ?? null;
  const packs = items.reduce((s, i) => s + i.packs, 0);
  const remainingPacks = line.quantity - served.packs;
  if (packs > remainingPacks) issue('QUANTITY_EXCEEDED', 'blocking', `Quantité supérieure à ce qui reste à délivrer (${remainingPacks} boîte(s)).`);
  const units = packSize === null ? packs : withFacts.reduce((s, i) => s + i.packs * (i.facts?.packSize ?? packSize), 0);
  const remainingUnits = packSize === null ? remainingPacks : remainingPacks * packSize;
  const complete = units >= remainingUnits;
  const unitsLeft = Math.max(0, remainingUnits - units);
  const packsRemainingAfter = packSize === null ? unitsLeft : Math.ceil(unitsLeft / packSize);

  const facts = [prescribed, ...withFacts.map((i) => i.facts)].filter((f): f is ProductFacts => f !== null);
  const stupefiant = facts.some((f) => f.list === 'STUPEFIANT');
  const listed = facts.some((f) => f.list !== null);
  const contraceptive = facts.some((f) => f.contraceptive);
  const daysCovered = (line.durationDays * units) / (line.quantity * (packSize ?? 1));

  let stupsReduced = false;
  if (stupefiant) {
    const presentedAfter = daysBetween(p.issuedAt, ctx.today);
    if (presentedAfter > RULE_LIMITS.stupefiantFullWindowDays) {
      const remainingDays = line.durationDays - presentedAfter;
      if (remainingDays <= 0) issue('STUPS_NOTHING_LEFT', 'blocking', 'Stupéfiant présenté après 3 jours : la durée de traitement est écoulée, rien ne peut être délivré.');
      else if (daysCovered > remainingDays) issue('STUPS_WINDOW_EXCEEDED', 'blocking', `Stupéfiant présenté après 3 jours : seule la durée restante (${remainingDays} jours) peut être délivrée.`);
      stupsReduced = !complete;
    }
  }
  const largePackDispensed = change?.type === 'LARGE_PACK';
  const maxDays = contraceptive || largePackDispensed ? RULE_LIMITS.maxDaysPerDispensingLong : RULE_LIMITS.maxDaysPerDispensing;
  if (listed && daysCovered > maxDays + 1) {
    issue('DURATION_EXCEEDED', 'blocking', contraceptive ? 'Trois mois de traitement au plus par délivrance pour un contraceptif oral.' : 'Un mois de traitement au plus par délivrance : délivrez une partie, le reste suivra.');
  }
  if (line.durationDays * (renewal + 1) > RULE_LIMITS.maxTreatmentDays) issue('TREATMENT_OVER_12_MONTHS', 'blocking', 'Douze mois de traitement au plus, renouvellements compris.');
  if (longTreatment && prescribed?.genericGroup && !largePackDispensed) {
    const large = ctx.products.packsOfGroup(prescribed.genericGroup).find((f) => f.packSize >= 2 * prescribed.packSize);
    if (large) issue('LARGE_PACK_AVAILABLE', 'warning', `Traitement de 3 mois ou plus : un grand conditionnement existe (${large.label}).`);
  }

  let deviationType: DeviationType = 'NONE';
  let explanation: string | null = null;
  // A line dispensed as prescribed may still carry a posology changed with the prescriber's agreement.
  let allowedTypes: DeviationType[] = ['NONE', 'POSOLOGY_CHANGED'];
  if (change) {
    deviationType = change.type;
    explanation = change.message;
    allowedTypes = [change.type, 'OTHER'];
  } else if (!complete) {
    deviationType = stupsReduced ? 'STUPS_REDUCED_DURATION' : 'QUANTITY_ADAPTED';
    explanation = `Délivrance partielle : reste ${packsRemainingAfter} boîte(s) à délivrer.`;
    allowedTypes = PARTIAL_TYPES;
  }
  const needsAgreement = change !== null && (change.outsideRight || !line.substitutable);
  if (change && !line.substitutable) {
    const substitution = change.type === 'GENERIC_SUBSTITUTION' || change.type === 'BIOSIMILAR_SUBSTITUTION';
    issue(substitution ? 'NOT_SUBSTITUTABLE' : 'AGREEMENT_REQUIRED', 'warning', `Ligne non substituable (${line.nonSubstitutableReason ?? '—'}) : pas de changement de produit sans l’accord du prescripteur.`);
  }
  return {
    line: {
      ...base(line, renewal),
      status: complete ? 'DISPENSED' : 'PARTIAL',
      deviationType,
      allowedTypes,
      needsReason: deviationType !== 'NONE',
      needsAgreement,
      defaultReason: stupsReduced ? 'Stupéfiant présenté au-delà de 3 jours : durée restante seulement.' : null,
      packsDispensed: packs,
      packsRemainingAfter,
      explanation,
    },
    issues,
  };
}
