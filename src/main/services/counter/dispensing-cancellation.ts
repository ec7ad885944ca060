import { AppError } from '../../../shared/contract/result.js';
import type { Store } from '../store/store.js';
import { registerCancellation } from './dispensing-registers.js';

export const CANCELLED_BEFORE_SENDING = 'CANCELLED';

/**
 * « Annuler la délivrance »: the dispensing marked cancelled with its reason, the cancellation queued
 * for the téléservice and written in the audit trail — one transaction, before any network call. Its
 * renewals are due again once the téléservice has it (and at once in this workstation's copy).
 */
export async function cancelDispensing(store: Store, input: { dispensingId: string; reason: string; actor: string }): Promise<{ executionId: string }> {
  const dispensing = await store.dispensings.byId(input.dispensingId);
  if (!dispensing) throw new AppError('DISPENSING_NOT_FOUND', 'Délivrance introuvable sur ce poste.');
  if (dispensing.cancelledAt) throw new AppError('ALREADY_CANCELLED', `Délivrance déjà annulée : ${dispensing.cancelReason ?? ''}`);
  const execution = await store.outbox.byDispensingId(input.dispensingId);
  if (!execution) throw new AppError('NOTHING_TO_CANCEL', 'Cette délivrance n’a pas d’exécution à annuler.');
  const reason = input.reason.trim();
  if (reason === '') throw new AppError('REASON_REQUIRED', 'Indiquez le motif de l’annulation.');
  await store.transaction(async (tx) => {
    await tx.dispensings.markCancelled(input.dispensingId, reason);
    await registerCancellation(tx, input.dispensingId, new Date().toISOString());
    await tx.cancellations.enqueue({ executionId: execution.executionId, dispensingId: input.dispensingId, reason });
    await tx.audit.append(input.actor, 'dispensing.cancelled', dispensing.prescriptionId ?? input.dispensingId, { dispensingId: input.dispensingId, executionId: execution.executionId, reason });
  });
  return { executionId: execution.executionId };
}
