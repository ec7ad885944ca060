// A workstation process killed with -9 by the outbox test: it records a dispensing, then sends it.
// Its database is a SQLite file, or the pharmacy's PostgreSQL when given a postgres:// URL.
import { OutboxSender } from '../../src/main/services/counter/outbox-sender.js';
import { recordDispensing } from '../../src/main/services/counter/dispensing-recorder.js';
import { silentLogger } from '../../src/main/services/logger.js';
import { TeleserviceClient } from '../../src/main/services/teleservice/teleservice-client.js';
import { assessDispensing } from '../../src/shared/rules/assess-dispensing.js';
import { Store } from '../../src/main/services/store/store.js';
import { openTestStore } from './store-fixture.js';

const [file, url, token, id, mode] = process.argv.slice(2) as [string, string, string, string, string];
const store = file.startsWith('postgres://') ? await Store.openPostgres(file, 'COMPTOIR-TUE') : await openTestStore(file);
const client = new TeleserviceClient({ baseUrl: url, token, timeoutMs: 20_000 });
const lease = await client.takeLease(id);
const prescription = await client.getPrescription(id);
const proposal = {
  renewalNumber: 0,
  counterPatient: { nir: prescription.patient.nir },
  lines: prescription.lines.map((l) => ({ lineId: l.lineId, items: [{ cip13: l.product.cip13, packs: l.quantity }] })),
};
const products = await store.catalogue.factsFor(prescription.lines.map((l) => l.product.cip13));
const assessment = assessDispensing({ prescription, today: new Date().toISOString().slice(0, 10), products }, proposal);
await recordDispensing(store, {
  prescription,
  proposal,
  assessment,
  leaseToken: lease.leaseToken,
  pharmacistRpps: '10001234565',
  patientSource: 'VITALE',
  complementaryInfo: null,
});
process.stdout.write('RECORDED\n');
if (mode === 'sleep-first') await new Promise((r) => setTimeout(r, 60_000));
await new OutboxSender(store, client, silentLogger).sendDue();
process.stdout.write('SENT\n');
