import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AmServer } from '../../am-server/am-server.js';
import { parisDate } from '../../am-server/clock.js';
import { DEMO_PHARMACY } from '../../am-server/demo/demo-actors.js';
import { demoSeed } from '../../am-server/demo/demo-seed.js';
import type { AppStatus } from '../../shared/contract/ipc-contract.js';
import { createDispatcher, type Dispatch } from '../services/contract-dispatcher.js';
import { PrescriptionRetrieval } from '../services/counter/prescription-retrieval.js';
import { EReaderHub } from '../services/e-reader/e-reader-hub.js';
import { EventBus } from '../services/event-bus.js';
import type { Logger } from '../services/logger.js';
import { TeleserviceClient } from '../services/teleservice/teleservice-client.js';
import { createWorkstationHandlers } from '../services/workstation-handlers.js';
import type { WorkstationConfig } from './config.js';

export const APP_VERSION = '0.1.0';

export type Workstation = {
  dispatch: Dispatch;
  bus: EventBus;
  reader: EReaderHub;
  embeddedTeleserviceUrl: string | null;
  close: () => Promise<void>;
};

/**
 * Assembles the main-process services for either host. Without COMPTOIR_AM_URL it starts the
 * embedded mock téléservice on loopback with its demo data (its file beside the workstation's).
 */
export async function startWorkstation(config: WorkstationConfig, host: AppStatus['host'], log: Logger): Promise<Workstation> {
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  let embedded: AmServer | null = null;
  let baseUrl = config.amUrl;
  let token = config.amToken;
  if (baseUrl === null) {
    embedded = new AmServer({ db: join(config.dataDir, 'teleservice-demo.sqlite'), seed: demoSeed(parisDate(new Date())), admin: true });
    baseUrl = (await embedded.listen(0, '127.0.0.1')).url;
    token = DEMO_PHARMACY.token;
    log.info('teleservice.embedded_started', { url: baseUrl });
  }
  const client = new TeleserviceClient({ baseUrl, token: token ?? '' });
  const pharmacy = await client.me().then(
    (me) => (me.kind === 'pharmacy' ? { finess: me.finess ?? '', name: me.name ?? '', pharmacistRpps: me.pharmacistRpps ?? '' } : null),
    () => null,
  );
  const bus = new EventBus();
  const reader = new EReaderHub(bus, log);
  const retrieval = new PrescriptionRetrieval(client);
  const handlers = createWorkstationHandlers({ version: APP_VERSION, host, embeddedTeleservice: embedded !== null, pharmacy, client, reader, retrieval });
  return {
    dispatch: createDispatcher(handlers, log),
    bus,
    reader,
    embeddedTeleserviceUrl: embedded ? baseUrl : null,
    close: async () => {
      await embedded?.close();
    },
  };
}
