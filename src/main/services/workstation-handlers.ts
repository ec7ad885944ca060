import type { AppStatus, CallHandlers } from '../../shared/contract/ipc-contract.js';
import type { PrescriptionRetrieval } from './counter/prescription-retrieval.js';
import type { EReaderHub } from './e-reader/e-reader-hub.js';
import type { TeleserviceClient } from './teleservice/teleservice-client.js';

export type WorkstationParts = {
  version: string;
  host: AppStatus['host'];
  embeddedTeleservice: boolean;
  pharmacy: AppStatus['pharmacy'];
  client: TeleserviceClient;
  reader: EReaderHub;
  retrieval: PrescriptionRetrieval;
};

/** The contract's calls, implemented by the main-process services. */
export function createWorkstationHandlers(parts: WorkstationParts): CallHandlers {
  return {
    'app.status': async () => ({
      version: parts.version,
      host: parts.host,
      pharmacy: parts.pharmacy,
      teleservice: { embedded: parts.embeddedTeleservice, reachable: await parts.client.health() },
      reader: parts.reader.currentStatus(),
    }),
    'codes.classify': async ({ text, source }) => parts.reader.feedText(text, source).code,
    'prescriptions.retrieve': ({ id }) => parts.retrieval.retrieve(id),
    'prescriptions.release': async ({ id }) => ({ released: await parts.retrieval.release(id) }),
  };
}
