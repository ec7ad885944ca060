import type { MailboxMessage } from '../../../shared/claims/claims-schemas.js';
import type { Executor } from './store-engine.js';

/** The caisse's mailbox as applied here: each message kept once by its `seq`, and the cursor. */
export class ClaimMessagesRepository {
  constructor(private readonly ex: Executor) {}

  /** Inside the applying transaction: true when this `seq` is new (then, and only then, apply its effect). */
  async record(m: MailboxMessage, now = new Date().toISOString()): Promise<boolean> {
    const r = await this.ex
      .insertInto('claim_messages')
      .values({
        seq: m.seq,
        type: m.type,
        lot_id: 'lotId' in m ? m.lotId : null,
        fse_number: 'fseNumber' in m ? m.fseNumber : null,
        virement_id: m.type === 'VIREMENT' ? m.virementId : m.type === 'RSP' ? m.virementId : null,
        json: JSON.stringify(m),
        applied_at: now,
      })
      .onConflict((oc) => oc.column('seq').doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
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

  async all(types: MailboxMessage['type'][], limit = 50_000): Promise<MailboxMessage[]> {
    const rows = await this.ex.selectFrom('claim_messages').select('json').where('type', 'in', types).orderBy('seq').limit(limit).execute();
    return rows.map((r) => JSON.parse(r.json) as MailboxMessage);
  }
}
