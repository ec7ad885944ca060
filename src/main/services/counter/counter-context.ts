import { AppError } from '../../../shared/contract/result.js';
import type { OutboxItem } from '../store/outbox.js';
import type { Store } from '../store/store.js';
import { teleserviceMessage } from '../teleservice/teleservice-messages.js';
import type { OutboxSender } from './outbox-sender.js';

export type PharmacyIdentity = { finess: string; name: string; pharmacistRpps: string; address?: string | null };

/**
 * How long a validation waits for its transmission's answer before saying it is recorded and on its
 * way: a téléservice that answers says « transmise » at once, one that hangs never holds the counter
 * (the sender goes on in the background, the outbox panel follows it).
 */
export const TRANSMISSION_GRACE_MS = 1_000;

export const TOKEN_REFUSED_WAITING =
  'Délivrance enregistrée ; le jeton du téléservice est refusé pour ce poste : elle partira d’un autre poste, ou d’ici une fois le jeton corrigé (Configuration, Alt+C).';

/** What every counter service shares: the store, the sender, who dispenses, and whether it may record now. */
export class CounterContext {
  constructor(
    readonly store: Store,
    readonly sender: OutboxSender,
    readonly pharmacy: () => PharmacyIdentity | null,
    /** A database switch saved for the next start: nothing more is recorded on the store it leaves. */
    private readonly switchPending: () => boolean = () => false,
  ) {}

  refuseWhileSwitching(): void {
    if (this.switchPending())
      throw new AppError(
        'DATABASE_SWITCH_PENDING',
        'La base de ce poste change au prochain démarrage : redémarrez Comptoir avant d’enregistrer (rien n’est enregistré).',
      );
  }

  /**
   * Who dispenses: the pharmacy, known, with a téléservice (a counter of a shared database without
   * its address dispenses nothing: it would never be transmitted).
   */
  dispensingPharmacy(): PharmacyIdentity {
    this.refuseWhileSwitching();
    if (this.sender.access.state() === 'not_configured')
      throw new AppError('TELESERVICE_NOT_CONFIGURED', teleserviceMessage('TELESERVICE_NOT_CONFIGURED'));
    const pharmacy = this.pharmacy();
    if (!pharmacy)
      throw new AppError('PHARMACY_UNKNOWN', 'Officine non identifiée : renseignez FINESS et RPPS dans les paramètres officine.');
    return pharmacy;
  }

  /** Who the audit trail names for an action at this counter. */
  actor(): string {
    return this.pharmacy()?.pharmacistRpps ?? 'inconnu';
  }

  /** The pharmacy as its prints carry it (still printable before it is identified). */
  printingPharmacy(): PharmacyIdentity {
    return this.pharmacy() ?? { name: 'Officine', finess: '—', pharmacistRpps: '' };
  }

  /** What was just recorded goes out now; its answer is awaited a moment at most (TRANSMISSION_GRACE_MS). */
  async sendBriefly(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, TRANSMISSION_GRACE_MS)));
    const sending = this.sender.sendDue().then(
      () => undefined,
      () => undefined,
    );
    await Promise.race([sending, grace]);
    clearTimeout(timer);
  }
}

/** A validation id is one dispensing's: used again for another prescription, it is a mistake, never that dispensing. */
export function validationIdReused(): AppError {
  return new AppError(
    'VALIDATION_ID_REUSED',
    'Validation déjà utilisée pour une autre ordonnance : relisez l’ordonnance (F3) et validez de nouveau.',
  );
}

/** What F9 answers once a dispensing is recorded: where its transmission stands, and whether a scan follows. */
export function validationAnswer(
  recorded: { dispensingId: string; executionId: string },
  item: OutboxItem | null,
  message: string,
  scanRequired: boolean,
) {
  return {
    dispensingId: recorded.dispensingId,
    executionId: recorded.executionId,
    transmission: item?.state ?? ('PENDING' as const),
    message,
    receipt: item?.receipt ? { receivedAt: item.receipt.receivedAt, sha256: item.receipt.sha256 } : null,
    scanRequired,
  };
}
