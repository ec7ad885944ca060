import { AppError } from '../../../shared/contract/result.js';
import type { PrescriberView } from '../../../shared/contract/counter-schemas.js';
import type { CounterContext } from './counter-context.js';

/** The pharmacy's prescriber file at the counter: one created, a cabinet's address. */
export class PrescriberFile {
  constructor(private readonly ctx: CounterContext) {}

  /** « Prescripteur » created at the counter (its RPPS key checked at the boundary). */
  async create(input: { rpps: string; name: string; specialty: string | null; address?: string | null }): Promise<PrescriberView> {
    if (!(await this.ctx.store.prescribers.create(input)))
      throw new AppError('PRESCRIBER_EXISTS', 'Ce RPPS est déjà dans le fichier des prescripteurs : retrouvez-le par la recherche.');
    return (await this.ctx.store.prescribers.byRpps(input.rpps))!;
  }

  /** The cabinet's address, for the ordonnancier's next entries (those written keep theirs). */
  async setAddress(rpps: string, address: string | null): Promise<PrescriberView> {
    const changed = await this.ctx.store.transaction(async (tx) => {
      if (!(await tx.prescribers.setAddress(rpps, address))) return false;
      await tx.audit.append(this.ctx.actor(), 'prescriber.address_changed', rpps, { address: address !== null });
      return true;
    });
    if (!changed) throw new AppError('PRESCRIBER_NOT_FOUND', 'Prescripteur introuvable : recherchez-le à nouveau.');
    return (await this.ctx.store.prescribers.byRpps(rpps))!;
  }
}
