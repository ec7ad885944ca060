import type { Store } from '../store/store.js';
import { CounterContext, type PharmacyIdentity } from './counter-context.js';
import { CounterService } from './counter-service.js';
import { DegradedDispensing } from './degraded-dispensing.js';
import { DispensingFollowUp } from './dispensing-follow-up.js';
import { DispensingPrints } from './dispensing-prints.js';
import type { OutboxSender } from './outbox-sender.js';
import { PaperPrescriptionService } from './paper-prescription-service.js';
import { PrescriberFile } from './prescriber-file.js';
import type { PrescriptionRetrieval } from './prescription-retrieval.js';

/** The counter's work, one service per concept, over one shared context. */
export type CounterServices = {
  context: CounterContext;
  /** The Ordonnance Numérique: F3, products, control, validation. */
  ordonnanceNumerique: CounterService;
  /** « Ordonnance papier » (F4). */
  paper: PaperPrescriptionService;
  /** The téléservice away: an Ordonnance Numérique dispensed from its paper. */
  degraded: DegradedDispensing;
  /** After a dispensing: history, cancellation, numérisation. */
  followUp: DispensingFollowUp;
  prints: DispensingPrints;
  prescribers: PrescriberFile;
};

export function counterServices(
  store: Store,
  retrieval: PrescriptionRetrieval,
  sender: OutboxSender,
  pharmacy: () => PharmacyIdentity | null,
  switchPending: () => boolean = () => false,
): CounterServices {
  const context = new CounterContext(store, sender, pharmacy, switchPending);
  return {
    context,
    ordonnanceNumerique: new CounterService(context, retrieval),
    paper: new PaperPrescriptionService(context),
    degraded: new DegradedDispensing(context, retrieval),
    followUp: new DispensingFollowUp(context),
    prints: new DispensingPrints(context),
    prescribers: new PrescriberFile(context),
  };
}
