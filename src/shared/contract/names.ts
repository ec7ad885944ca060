/**
 * The names of every contract call and event, in one place without schemas, so the sandboxed
 * preload can allow-list them without bundling the validation library.
 */
export const CALL_NAMES = [
  'app.status',
  'codes.classify',
  'prescriptions.retrieve',
  'prescriptions.release',
  'prescribers.search',
  'prescribers.create',
  'prescribers.setAddress',
  'patients.search',
  'patients.create',
  'patients.setAddress',
  'patients.readVitale',
  'patients.redeemApcv',
  'patients.attachTiersPayant',
  'patients.typeTiersPayant',
  'patients.tiersPayant',
  'catalogue.alternatives',
  'counter.assess',
  'counter.validate',
  'degraded.validate',
  'ordonnancier.list',
  'ordonnancier.pdf',
  'counter.ticketPdf',
  'paper.assess',
  'billing.paper',
  'billing.ordonnanceNumerique',
  'paper.validate',
  'catalogue.search',
  'counter.dispensingPdf',
  'history.list',
  'dispensings.cancel',
  'outbox.list',
  'outbox.retryNow',
  'scor.attach',
  'indicator.monthly',
  'settings.get',
  'settings.save',
  'diagnostic.get',
  'diagnostic.supportBundle',
  'backup.state',
  'backup.now',
  'backup.restore',
  'backup.cancelRestore',
  'tariffs.list',
  'tariffs.import',
  'database.get',
  'database.test',
  'database.save',
  'catalogue.status',
  'catalogue.importBdpm',
  'catalogue.importFile',
  'claims.overview',
  'claims.transmit',
  'claims.readMailbox',
  'claims.recycle',
  'claims.bordereauPdf',
  'patients.setOrganisme',
] as const;
export const EVENT_NAMES = [
  'reader.scanned',
  'reader.status',
  'outbox.changed',
  'teleservice.status',
  'teleservice.access',
  'counter.heartbeat',
  'catalogue.progress',
] as const;

export type CallName = (typeof CALL_NAMES)[number];
export type EventName = (typeof EVENT_NAMES)[number];

/** Electron channels carry the app prefix; anything else is refused. */
export const CHANNEL_PREFIX = 'comptoir:';
export const callChannel = (name: CallName): string => `${CHANNEL_PREFIX}call:${name}`;
export const eventChannel = (name: EventName): string => `${CHANNEL_PREFIX}event:${name}`;

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && (CALL_NAMES as readonly string[]).includes(name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
}
