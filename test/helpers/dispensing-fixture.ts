import { recordDispensing } from '../../src/main/services/counter/dispensing-recorder.js';
import type { Store } from '../../src/main/services/store/store.js';
import type { TeleserviceClient } from '../../src/main/services/teleservice/teleservice-client.js';
import { assessDispensing } from '../../src/shared/rules/assess-dispensing.js';
import type { DispensingProposal } from '../../src/shared/rules/dispensing-types.js';

/**
 * A dispensing as the counter records it: the lease taken and the prescription fetched from the
 * (real) téléservice, every line dispensed as prescribed unless `edit` says otherwise, the rules run
 * on the store's catalogue, then recorded (dispensing, sale lines, registers, outbox, audit).
 */
export async function recordFromServer(
  store: Store,
  client: TeleserviceClient,
  id: string,
  edit: (p: DispensingProposal) => DispensingProposal = (p) => p,
) {
  const lease = await client.takeLease(id);
  const prescription = await client.getPrescription(id);
  const proposal = edit({
    renewalNumber: 0,
    counterPatient: { nir: prescription.patient.nir },
    lines: prescription.lines.map((l) => ({ lineId: l.lineId, items: [{ cip13: l.product.cip13, packs: l.quantity }] })),
  });
  const products = await store.catalogue.factsFor([
    ...prescription.lines.map((l) => l.product.cip13),
    ...proposal.lines.flatMap((l) => l.items.map((i) => i.cip13)),
  ]);
  const assessment = assessDispensing({ prescription, today: new Date().toISOString().slice(0, 10), products }, proposal);
  return recordDispensing(store, {
    prescription,
    proposal,
    assessment,
    leaseToken: lease.leaseToken,
    pharmacistRpps: '10001234565',
    patientSource: 'VITALE',
    complementaryInfo: 'Patient informé.',
  });
}
