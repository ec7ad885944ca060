import { fseSchema, PRODUCT_CODE_OF_RATE, type Fse, type Securisation, type TiersPayant } from '../../../shared/claims/claims-schemas.js';
import type { Bill } from '../../../shared/billing/billing.js';
import { parisToday } from '../../../shared/format/paris-date.js';
import type { DispensingRecord } from '../store/dispensings.js';
import type { Organisme } from '../store/patients.js';
import type { Store } from '../store/store.js';

/** What a dispensing's FSE needs besides its record: the prescription's date and prescriber. */
export type FseFacts = { prescribedOn: string | null; prescriberRpps: string | null };

export const organismeCode = (o: Organisme): string => `${o.regime}-${o.caisse}-${o.centre}`;

/** The FSE's number: the dispensing's invoice number on 9 digits (claims.md), the one the ticket shows. */
export const fseNumberOf = (invoiceNumber: number): string => String(invoiceNumber % 1_000_000_000).padStart(9, '0');

const SECURISATION: Record<string, Securisation> = { VITALE: 'VITALE', APCV: 'APCV' };

/**
 * In the dispensing's transaction (or its completion's, for a degraded one): its FSE, when it has a
 * prescription, a NIR and a reimbursable line. Made once; what it lacks to leave (the patient's
 * organisme, an unreadable field) is written beside it, for F7 to say.
 */
export async function ensureFse(tx: Store, dispensingId: string, facts: FseFacts, now = new Date().toISOString()): Promise<Fse | null> {
  if (await tx.fses.byDispensing(dispensingId)) return null;
  const record = await tx.dispensings.byId(dispensingId);
  if (!record?.invoiceNumber || !record.bill || !record.patientNir) return null;
  const prescribedOn = record.prescription?.issuedAt ?? facts.prescribedOn;
  const prescriberRpps = record.prescription?.prescriber.rpps ?? facts.prescriberRpps;
  if (!prescribedOn || !prescriberRpps) return null;
  const patient = await tx.patients.byNir(record.patientNir);
  const certificate = patient ? await tx.patients.tiersPayant(patient.id) : null;
  const body = fseBody(record, record.bill, {
    invoiceNumber: record.invoiceNumber,
    prescribedOn,
    prescriberRpps,
    birthDate: patient?.birthDate ?? record.prescription?.patient.birthDate ?? '',
    amcNumber: certificate?.amc ?? null,
  });
  if (body === null) return null;
  const checked = fseSchema.safeParse(body);
  const organisme = patient?.organisme ?? null;
  const problem = !organisme
    ? 'Organisme du patient inconnu : complétez sa fiche (F2), puis « Recycler ».'
    : !checked.success
      ? `FSE incomplète (${checked.error.issues.map((i) => i.path.join('.')).join(', ')}) : corrigez puis « Recycler ».`
      : null;
  await tx.fses.insert(
    { body, destination: organisme ? organismeCode(organisme) : null, problem, patientPaid: body.tiersPayant === 'NONE' },
    now,
  );
  return body;
}

type BodyFacts = { invoiceNumber: number; prescribedOn: string; prescriberRpps: string; birthDate: string; amcNumber: string | null };

/** The FSE of a billed dispensing: its reimbursable lines only, each with its code; null without any. */
export function fseBody(record: DispensingRecord, bill: Bill, facts: BodyFacts): Fse | null {
  const securisation = SECURISATION[record.patientSource ?? ''] ?? 'DEGRADE';
  const amcClaimed = securisation !== 'DEGRADE' && bill.totals.amcCents > 0 && facts.amcNumber !== null;
  const tiersPayant: TiersPayant = securisation === 'DEGRADE' ? 'NONE' : amcClaimed ? 'AMO_AMC' : 'AMO';
  let ald = false;
  const lines: Fse['lines'] = [];
  bill.lines.forEach((line, index) => {
    if (line.rate <= 0 || line.packs <= 0) return;
    const sale = line.kind === 'product' ? record.saleLines[index] : undefined;
    if (line.kind === 'product' && line.rate === 100 && (sale?.reimbursementRate ?? 100) < 100) ald = true;
    lines.push({
      code: line.kind === 'product' ? (PRODUCT_CODE_OF_RATE[line.rate] ?? `PH${line.rate}`) : (line.code ?? 'HD'),
      cip13: line.kind === 'product' ? (sale?.cip13 ?? null) : null,
      quantity: line.packs,
      unitPriceCents: Math.round(line.priceCents / line.packs),
      baseCents: line.baseCents,
      rate: line.rate,
      amoCents: line.amoCents,
      amcCents: amcClaimed ? line.amcCents : 0,
    });
  });
  if (lines.length === 0) return null;
  const totalCents = lines.reduce((s, l) => s + l.quantity * l.unitPriceCents, 0);
  const amoCents = lines.reduce((s, l) => s + l.amoCents, 0);
  const amcCents = lines.reduce((s, l) => s + l.amcCents, 0);
  return {
    fseNumber: fseNumberOf(facts.invoiceNumber),
    recycled: false,
    dispensingId: record.id,
    dispensedOn: parisToday(new Date(record.createdAt)),
    securisation,
    tiersPayant,
    beneficiary: { nir: record.patientNir ?? '', birthDate: facts.birthDate },
    exoneration: ald ? 'ALD' : null,
    prescriber: { rpps: facts.prescriberRpps },
    prescribedOn: facts.prescribedOn,
    prescriptionId: record.circuit === 'ON' ? record.prescriptionId : null,
    amc: amcClaimed ? { number: facts.amcNumber! } : null,
    lines,
    totals: { totalCents, amoCents, amcCents, patientCents: totalCents - amoCents - amcCents },
  };
}
