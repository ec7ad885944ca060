import { fseSchema } from '../../../shared/claims/claims-schemas.js';
import type { ClaimsOverview } from '../../../shared/contract/claims-contract.js';
import { AppError } from '../../../shared/contract/result.js';
import { parisToday } from '../../../shared/format/paris-date.js';
import type { Logger } from '../logger.js';
import type { FseSummary, StoredFse } from '../store/fses.js';
import type { Store } from '../store/store.js';
import type { TeleserviceClient } from '../teleservice/teleservice-client.js';
import { claimsFigures, sentLate, WHAT_TO_CORRECT } from './claims-figures.js';
import { fseBody, organismeCode } from './fse-builder.js';
import { makeLots } from './lot-maker.js';
import { MailboxReader } from './mailbox-reader.js';
import { bordereauPdf } from '../pdf/bordereau-pdf.js';

/** How often lots close by themselves, and the mailbox is read (claims.md). */
export const LOTS_EVERY_MS = 15 * 60_000;
export const MAILBOX_EVERY_MS = 5 * 60_000;
/** The most rows a tab of F7 lists (its count and the figures cover them all). */
const LISTED = 500;

type Sending = { sendDue: (all: boolean) => Promise<{ sent: number }> };

/**
 * Getting paid: lots closed by themselves (every 15 minutes, and at once when one is full) and on
 * demand, sent by the one transmission queue; the mailbox read every 5 minutes and on demand; F7's
 * overview; « Recycler ».
 */
export class ClaimsService {
  private readonly mailbox: MailboxReader;
  private lastLotsAt = 0;
  private lastMailboxAt = 0;

  constructor(
    private readonly store: Store,
    client: TeleserviceClient,
    private readonly sending: Sending,
    private readonly log: Logger,
    private readonly pharmacistRpps: () => string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.mailbox = new MailboxReader(store, client);
  }

  /** Each tick of the sender loop: full lots at once, the rest every 15 minutes; the mailbox every 5. */
  async tick(): Promise<void> {
    const nowMs = this.now().getTime();
    const all = nowMs - this.lastLotsAt >= LOTS_EVERY_MS;
    const made = await makeLots(this.store, all, this.now().toISOString());
    if (all) this.lastLotsAt = nowMs;
    if (made.length > 0) await this.sending.sendDue(false);
    if (nowMs - this.lastMailboxAt >= MAILBOX_EVERY_MS) {
      this.lastMailboxAt = nowMs;
      await this.mailbox.read().catch((error: unknown) => this.log.warn('claims.mailbox_unreachable', { error: String(error) }));
    }
  }

  /** « Télétransmettre » (F7): every ready FSE into lots, sent now, and the mailbox read. */
  async transmit(): Promise<{ lots: number; sent: number; applied: number; message: string }> {
    const made = await makeLots(this.store, true, this.now().toISOString());
    this.lastLotsAt = this.now().getTime();
    const waiting = await this.store.claimLots.queue.waiting();
    await this.sending.sendDue(true);
    // The lots that left the queue (the sender's own count includes executions and scans).
    const sent = waiting - (await this.store.claimLots.queue.waiting());
    // The lots are sent whatever the mailbox says: a mailbox that does not answer is said, not thrown.
    const applied = await this.readMailbox().then(
      (r) => r.applied,
      () => null,
    );
    const returns = applied === null ? 'retours illisibles pour l’instant (le serveur ne répond pas)' : `${applied} retour(s) lu(s)`;
    const message =
      made.length === 0 && sent === 0
        ? `Aucune FSE à télétransmettre ; ${returns}.`
        : `${made.length} lot(s) constitué(s), ${sent} envoyé(s) ; ${returns}.`;
    return { lots: made.length, sent, applied: applied ?? 0, message };
  }

  async readMailbox(): Promise<{ applied: number }> {
    this.lastMailboxAt = this.now().getTime();
    try {
      return await this.mailbox.read();
    } catch {
      throw new AppError(
        'CLAIMS_MAILBOX_UNREACHABLE',
        'Retours NOEMIE illisibles pour l’instant : le serveur de l’Assurance Maladie ne répond pas. Rien n’est perdu.',
      );
    }
  }

  /**
   * « Recycler » a rejected FSE (its AMO rejected: the caisse examines it again, same number,
   * `recycled: true`), or « Renvoyer » one that waits with a problem — each rebuilt from the files as
   * corrected (the patient's organisme and mutuelle, the dispensing's prescription).
   */
  async recycle(fseNumber: string): Promise<{ message: string }> {
    return this.store.transaction(async (tx) => {
      const fse = await tx.fses.byNumber(fseNumber);
      if (!fse) throw new AppError('FSE_NOT_FOUND', 'FSE introuvable sur ce poste.');
      const waiting = fse.state === 'A_TRANSMETTRE' && fse.problem !== null;
      if (!waiting) refuseRecycling(fse);
      const { body, destination, problem } = await rebuiltFse(tx, fse, fse.recycled || !waiting);
      if (waiting) await tx.fses.setDestination(fseNumber, body, destination, problem);
      else await tx.fses.recycle(fseNumber, body, destination, problem);
      await tx.audit.append(this.pharmacistRpps(), 'claims.recycled', fseNumber, { motif: fse.reject?.code ?? 'problem' });
      return { message: problem ?? `FSE ${fseNumber} ${waiting ? 'corrigée' : 'recyclée'} : elle part au prochain lot.` };
    });
  }

  /** F7 › Lots, F8: the lot's « Bordereau » (FSE numbers, patients masked, amounts). */
  async bordereauPdf(lotId: string, pharmacy: { name: string; finess: string }): Promise<{ fileName: string; base64: string }> {
    const lot = await this.store.claimLots.byId(lotId);
    if (!lot) throw new AppError('LOT_NOT_FOUND', 'Lot introuvable sur ce poste.');
    const bytes = await bordereauPdf({ pharmacy, lot: lot.body, receivedAt: lot.receivedAt, arl: lot.arl });
    return { fileName: `bordereau-lot-${lot.lotNumber}.pdf`, base64: Buffer.from(bytes).toString('base64') };
  }

  /** What the status bar warns of: FSEs not sent in time, lots without ARL after 24 h. */
  async warnings(): Promise<{ lateFses: number; lotsWithoutArl: number }> {
    const today = parisToday(this.now());
    const lateFses = (await this.store.fses.figureGroups()).filter((g) => sentLate(g, today)).reduce((n, g) => n + g.count, 0);
    return { lateFses, lotsWithoutArl: await this.store.claimLots.withoutArlSince(this.dayAgo()) };
  }

  /** F7: the figures over every FSE (summed by the store), and each tab's latest rows. */
  async overview(): Promise<ClaimsOverview> {
    const today = parisToday(this.now());
    const money = {
      paidThisMonthCents: await this.store.claimMessages.receivedIn(today.slice(0, 7)),
      virementGaps: await this.store.claimMessages.virementGaps(),
      lotsWithoutArl: await this.store.claimLots.withoutArlSince(this.dayAgo()),
    };
    const nameOf = patientNames(this.store);
    const waiting = await this.store.fses.waiting(LISTED);
    const rejected = await this.store.fses.rejected(LISTED);
    return {
      figures: claimsFigures(await this.store.fses.figureGroups(), money, today),
      toSend: await Promise.all(waiting.map(async (f) => ({ ...fseView(f, today), patient: await nameOf(f.body.beneficiary.nir) }))),
      lots: (await this.store.claimLots.recent()).map((l) => ({
        lotId: l.lotId,
        lotNumber: l.lotNumber,
        destination: l.destination,
        fseCount: l.fseCount,
        totalCents: l.totalCents,
        amoCents: l.amoCents,
        amcCents: l.amcCents,
        state: l.state,
        arl: l.arl,
        arlReasons: l.arlReasons,
        createdAt: l.createdAt,
        receivedAt: l.receivedAt,
        lastErrorMessage: l.lastError?.message ?? null,
      })),
      answers: (await this.store.claimMessages.recentAnswers()).map((r) => ({
        seq: r.seq,
        fseNumber: r.fseNumber,
        payer: r.payer,
        outcome: r.outcome,
        requestedCents: r.requestedCents,
        paidCents: r.paidCents,
        lateFeeCents: r.lateFeeCents,
        paymentDate: r.paymentDate,
        rejectCode: r.reject?.code ?? null,
      })),
      virements: (await this.store.claimMessages.recentVirements()).map(({ virement: v, matched }) => ({
        virementId: v.virementId,
        payer: v.payer,
        organisme: v.organisme,
        date: v.date,
        totalCents: v.totalCents,
        items: v.items.length,
        matches: matched,
      })),
      rejects: await Promise.all(
        rejected.map(async (f) => ({
          fseNumber: f.fseNumber,
          patient: await nameOf(f.body.beneficiary.nir),
          dispensedOn: f.dispensedOn,
          payer: f.reject!.payer,
          code: f.reject!.code,
          label: f.reject!.label,
          whatToCorrect: WHAT_TO_CORRECT[f.reject!.code] ?? 'Corrigez la FSE selon le motif, puis recyclez.',
          amountCents: (f.amoOutcome === 'REJETE' ? f.amoCents : 0) + (f.amcOutcome === 'REJETE' ? f.amcCents : 0),
          canRecycle: f.reject!.code !== 'M004-001',
        })),
      ),
    };
  }

  private dayAgo(): string {
    return new Date(this.now().getTime() - 24 * 3600_000).toISOString();
  }
}

/** One lookup per patient, however many FSEs name them (the promise is kept, not only its answer). */
function patientNames(store: Store): (nir: string) => Promise<string> {
  const names = new Map<string, Promise<string>>();
  return (nir) => {
    if (!names.has(nir))
      names.set(
        nir,
        store.patients.byNir(nir).then((p) => (p ? `${p.lastName} ${p.firstName}` : `NIR ${nir.slice(0, 7)}…`)),
      );
    return names.get(nir)!;
  };
}

/** What cannot be sent again: not rejected, a doublon, or only the mutuelle's part rejected (the AMO paid). */
function refuseRecycling(fse: StoredFse): void {
  if (!fse.reject) throw new AppError('FSE_NOT_REJECTED', 'Seule une FSE rejetée (ou en attente d’une correction) se renvoie.');
  if (fse.reject.code === 'M004-001')
    throw new AppError('FSE_DOUBLON', 'Un doublon ne se recycle pas : la première FSE de ce numéro a été reçue.');
  if (fse.amoOutcome !== 'REJETE')
    throw new AppError(
      'FSE_AMC_ONLY',
      'Seule la part de la mutuelle est rejetée : l’Assurance Maladie a répondu pour la sienne ; réglez-la avec la mutuelle (la renvoyer ferait un doublon).',
    );
}

/** An FSE built again from the files as they are now; what still blocks it said as its problem. */
async function rebuiltFse(tx: Store, fse: StoredFse, recycled: boolean) {
  const record = await tx.dispensings.byId(fse.dispensingId);
  const patient = record?.patientNir ? await tx.patients.byNir(record.patientNir) : null;
  const certificate = patient ? await tx.patients.tiersPayant(patient.id) : null;
  const rebuilt =
    record?.bill && record.invoiceNumber
      ? fseBody(record, record.bill, {
          invoiceNumber: record.invoiceNumber,
          prescribedOn: record.prescription?.issuedAt ?? record.prescribedOn ?? fse.body.prescribedOn,
          prescriberRpps: record.prescription?.prescriber.rpps ?? record.prescriberRpps ?? fse.body.prescriber.rpps,
          birthDate: patient?.birthDate ?? fse.body.beneficiary.birthDate,
          amcNumber: certificate?.amc ?? null,
        })
      : null;
  const body = { ...(rebuilt ?? fse.body), recycled };
  const organisme = patient?.organisme ?? null;
  const problem = !organisme
    ? 'Organisme du patient inconnu : complétez sa fiche (F2, Alt+G), puis « Renvoyer ».'
    : fseSchema.safeParse(body).success
      ? null
      : 'FSE incomplète : corrigez la délivrance ou la fiche, puis « Renvoyer ».';
  return { body, destination: organisme ? organismeCode(organisme) : null, problem };
}

function fseView(f: FseSummary, today: string) {
  return {
    fseNumber: f.fseNumber,
    dispensedOn: f.dispensedOn,
    tiersPayant: f.tiersPayant,
    state: f.state,
    amoCents: f.amoCents,
    amcCents: f.amcCents,
    amoOutcome: f.amoOutcome,
    amcOutcome: f.amcOutcome,
    problem: f.problem,
    late: sentLate(f, today),
    recycled: f.recycled,
  };
}
