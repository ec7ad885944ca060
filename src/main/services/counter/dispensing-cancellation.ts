import { AppError } from '../../../shared/contract/result.js';
import type { Store } from '../store/store.js';
import { registerCancellation } from './dispensing-registers.js';

export const CANCELLED_BEFORE_SENDING = 'CANCELLED';

export type CancellationRecord = {
  /** The avoir: the next number of the invoices' sequence, referring to the cancelled invoice. */
  creditNoteNumber: number;
  invoiceNumber: number | null;
  /** The execution cancelled at the téléservice too (null: a paper prescription has none). */
  executionId: string | null;
};

/**
 * « Annuler la délivrance », for any dispensing (Ordonnance Numérique, paper, degraded mode): in one
 * transaction, before any network call, the dispensing marked cancelled with its reason and its
 * avoir, the ordonnancier's counter-entries, the cancellation queued for the téléservice when an
 * execution exists, and the audit entry. Its renewals are due again once the téléservice has it
 * (and at once in this workstation's copy).
 */
export async function cancelDispensing(
  store: Store,
  input: { dispensingId: string; reason: string; actor: string },
): Promise<CancellationRecord> {
  const dispensing = await store.dispensings.byId(input.dispensingId);
  if (!dispensing) throw new AppError('DISPENSING_NOT_FOUND', 'Délivrance introuvable sur ce poste.');
  if (dispensing.cancelledAt) throw new AppError('ALREADY_CANCELLED', `Délivrance déjà annulée : ${dispensing.cancelReason ?? ''}`);
  const reason = input.reason.trim();
  if (reason === '') throw new AppError('REASON_REQUIRED', 'Indiquez le motif de l’annulation.');
  const execution = await store.outbox.byDispensingId(input.dispensingId);
  const at = new Date().toISOString();
  return store.transaction(async (tx) => {
    const creditNoteNumber = await tx.registers.next('invoice');
    // Another counter may have cancelled it since it was read: the whole transaction goes back, numbers included.
    if (!(await tx.dispensings.markCancelled(input.dispensingId, reason, creditNoteNumber, at)))
      throw new AppError('ALREADY_CANCELLED', 'Délivrance déjà annulée à un autre poste.');
    await registerCancellation(tx, input.dispensingId, at);
    // Its FSE not yet in a lot: nothing is claimed (one already sent stays as the caisse has it).
    await tx.fses.cancelUnsent(input.dispensingId, at);
    if (execution) await tx.cancellations.enqueue({ executionId: execution.executionId, dispensingId: input.dispensingId, reason });
    await tx.audit.append(input.actor, 'dispensing.cancelled', dispensing.prescriptionId ?? input.dispensingId, {
      dispensingId: input.dispensingId,
      executionId: execution?.executionId ?? null,
      reason,
      invoiceNumber: dispensing.invoiceNumber ?? null,
      creditNoteNumber,
    });
    return { creditNoteNumber, invoiceNumber: dispensing.invoiceNumber ?? null, executionId: execution?.executionId ?? null };
  });
}
