import type { MailboxMessage, RspMessage, VirementMessage } from '../../../shared/claims/claims-schemas.js';
import type { Executor } from './store-engine.js';

const PAID_TO_PHARMACY = new Set(['PAYE', 'PAYE_PARTIEL']);

/** A virement's items against what its RSPs paid: each item one RSP's paid part and late fee, summing to its total. */
export function virementMatches(v: VirementMessage, rsps: RspMessage[]): boolean {
  const itemsTotal = v.items.reduce((s, i) => s + i.amountCents, 0);
  if (itemsTotal !== v.totalCents || rsps.length !== v.items.length) return false;
  return v.items.every((i) => rsps.some((r) => r.fseNumber === i.fseNumber && r.paidCents + r.lateFeeCents === i.amountCents));
}

export type VirementView = { virement: VirementMessage; matched: boolean };

/**
 * The caisse's mailbox as applied here: each message kept once by its `seq`, with what F7 sums
 * (an RSP's money to the pharmacy and its day, a virement's total, day and rapprochement), and the cursor.
 */
export class ClaimMessagesRepository {
  constructor(private readonly ex: Executor) {}

  /** Inside the applying transaction: true when this `seq` is new (then, and only then, apply its effect). */
  async record(m: MailboxMessage, now = new Date().toISOString()): Promise<boolean> {
    const money =
      m.type === 'RSP'
        ? { amount_cents: PAID_TO_PHARMACY.has(m.outcome) ? m.paidCents + m.lateFeeCents : 0, day: m.paymentDate, matched: null }
        : m.type === 'VIREMENT'
          ? { amount_cents: m.totalCents, day: m.date, matched: (await this.rapproche(m)) ? 1 : 0 }
          : { amount_cents: null, day: null, matched: null };
    const r = await this.ex
      .insertInto('claim_messages')
      .values({
        seq: m.seq,
        type: m.type,
        lot_id: 'lotId' in m ? m.lotId : null,
        fse_number: 'fseNumber' in m ? m.fseNumber : null,
        virement_id: m.type === 'ARL' ? null : m.virementId,
        ...money,
        json: JSON.stringify(m),
        applied_at: now,
      })
      .onConflict((oc) => oc.column('seq').doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
  }

  /** Rapprochement: the virement against the RSPs (received before it) that name it. */
  private async rapproche(v: VirementMessage): Promise<boolean> {
    const rows = await this.ex
      .selectFrom('claim_messages')
      .select('json')
      .where('type', '=', 'RSP')
      .where('virement_id', '=', v.virementId)
      .execute();
    return virementMatches(
      v,
      rows.map((r) => JSON.parse(r.json) as RspMessage),
    );
  }

  async cursor(): Promise<number> {
    const row = await this.ex.selectFrom('sequences').select('value').where('name', '=', 'claims_mailbox').executeTakeFirst();
    return row?.value ?? 0;
  }

  /** The cursor only moves forward (two readers at once never move it back). */
  async advance(cursor: number): Promise<void> {
    await this.ex
      .updateTable('sequences')
      .set({ value: cursor })
      .where('name', '=', 'claims_mailbox')
      .where('value', '<', cursor)
      .execute();
  }

  /** Money received in a month (YYYY-MM): the virements of its days. */
  async receivedIn(month: string): Promise<number> {
    const row = await this.ex
      .selectFrom('claim_messages')
      .select((eb) => eb.fn.sum<number | string | null>('amount_cents').as('total'))
      .where('type', '=', 'VIREMENT')
      .where('day', '>=', `${month}-01`)
      .where('day', '<=', `${month}-31`)
      .executeTakeFirst();
    return Number(row?.total ?? 0);
  }

  /** Virements whose items do not match what their RSPs paid (« Écart de virement »). */
  async virementGaps(): Promise<number> {
    const row = await this.ex
      .selectFrom('claim_messages')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('type', '=', 'VIREMENT')
      .where('matched', '=', 0)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** The latest answers, newest first. */
  async recentAnswers(limit = 300): Promise<RspMessage[]> {
    const rows = await this.ex
      .selectFrom('claim_messages')
      .select('json')
      .where('type', '=', 'RSP')
      .orderBy('seq', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => JSON.parse(r.json) as RspMessage);
  }

  /** The latest virements, newest first, each with its rapprochement. */
  async recentVirements(limit = 200): Promise<VirementView[]> {
    const rows = await this.ex
      .selectFrom('claim_messages')
      .select(['json', 'matched'])
      .where('type', '=', 'VIREMENT')
      .orderBy('seq', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ virement: JSON.parse(r.json) as VirementMessage, matched: r.matched === 1 }));
  }

  async all(types: MailboxMessage['type'][], limit = 50_000): Promise<MailboxMessage[]> {
    const rows = await this.ex.selectFrom('claim_messages').select('json').where('type', 'in', types).orderBy('seq').limit(limit).execute();
    return rows.map((r) => JSON.parse(r.json) as MailboxMessage);
  }
}
