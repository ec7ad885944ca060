import { randomUUID } from 'node:crypto';
import { DEMO_PATIENTS } from '../../src/am-server/demo/demo-actors.js';
import type { Store } from '../../src/main/services/store/store.js';
import type { Fse } from '../../src/shared/claims/claims-schemas.js';
import { fse } from './claims-fixture.js';

/**
 * `n` paper dispensings of the day, each with its FSE ready to send (Léa Durand, Paris), written
 * as the validating transaction would: for tests and benches that need many FSEs, not the counter.
 * Their pièces justificatives are the caller's business (the mock's M005-001 otherwise).
 */
export async function seedReadyFses(store: Store, n: number, today: string, edit: (f: Fse, i: number) => Fse = (f) => f): Promise<Fse[]> {
  const made: Fse[] = [];
  for (let start = 0; start < n; start += 100) {
    await store.transaction(async (tx) => {
      for (let i = start; i < Math.min(n, start + 100); i++) {
        const id = randomUUID();
        await tx.dispensings.insert({
          id,
          circuit: 'PAPER',
          prescriptionId: null,
          renewalNumber: 0,
          phase: 2,
          pharmacistRpps: '10001234565',
          patientNir: DEMO_PATIENTS.durand.nir,
          patientSource: 'VITALE',
          patientOverrideReason: null,
          prescription: null,
          execution: null,
          complementaryInfo: null,
          workstation: tx.workstation,
          createdAt: `${today}T09:00:00.000Z`,
          saleLines: [],
        });
        const invoice = await tx.registers.next('invoice');
        await tx.registers.setInvoiceNumber(id, invoice);
        const body = edit(
          fse({ fseNumber: String(invoice).padStart(9, '0'), dispensingId: id, dispensedOn: today, prescribedOn: today }),
          i,
        );
        await tx.fses.insert({ body, destination: '01-751-0000', problem: null, patientPaid: false });
        made.push(body);
      }
    });
  }
  return made;
}
