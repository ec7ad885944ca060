import type { StoreApi } from 'zustand';
import { displayText } from '../../shared/codes/display-text.js';
import type { ReadEvent } from '../../shared/contract/ipc-contract.js';
import type { CounterState } from './counter-store.js';
import { usePatient } from './patient-store.js';
import { paperHeaderReady } from './prescription-header-store.js';
import { describeRead } from './read-messages.js';
import { useTiersPayant } from './tiers-payant-store.js';

type PackRead = (cip13: string, batch: string | null, expiry: string | null) => unknown;
type RoutingApi = {
  set: StoreApi<CounterState>['setState'];
  get: StoreApi<CounterState>['getState'];
  say: (t: string) => void;
  alert: (t: string) => void;
  /** A pack read at the products step, in degraded mode, on the paper prescription. */
  applyPack: PackRead;
  addDegradedPack: PackRead;
  addPaperPack: PackRead;
};

/**
 * Where a code read by the e-reader or the scanner goes, by what it is and where the counter
 * stands: an ApCV calls its patient, a mutuelle's certificate attaches, a pack goes on the line of
 * the step open (or starts the paper prescription), an Ordonnance Numérique opens; anything else
 * is said, in one sentence.
 */
export function routeRead({ set, get, say, alert, applyPack, addDegradedPack, addPaperPack }: RoutingApi): (read: ReadEvent) => void {
  return (read) => {
    const message = describeRead(read.code);
    set({ lastRead: displayText(read.code.text) });
    if (read.code.kind === 'apcv') return void usePatient.getState().redeemApcv(read.code.nonce);
    // Read while F6 is open: its fields show what was read.
    if (read.code.kind === 'tiers-payant')
      return void usePatient
        .getState()
        .attachTiersPayant(read.code.text)
        .then((v) => v && useTiersPayant.getState().open && useTiersPayant.getState().show(v));
    if (read.code.kind === 'medicine-pack' && get().step === 'products')
      return applyPack(read.code.cip13, read.code.batch, read.code.expiry);
    if (read.code.kind === 'medicine-pack' && get().step === 'degraded')
      return addDegradedPack(read.code.cip13, read.code.batch, read.code.expiry);
    if (read.code.kind === 'medicine-pack' && get().step === 'rx')
      return void addPaperPack(read.code.cip13, read.code.batch, read.code.expiry);
    // At Facturation with the paper's date and prescriber already filled: the pack starts the paper prescription, as its first line.
    if (read.code.kind === 'medicine-pack' && get().step === 'idle' && paperHeaderReady()) {
      get().openPaper();
      return void addPaperPack(read.code.cip13, read.code.batch, read.code.expiry);
    }
    if (read.code.kind !== 'eprescription') {
      if (get().step === 'code2d') set({ error: message });
      return alert(message);
    }
    say(message);
    if (get().step !== 'idle' && get().step !== 'code2d') return;
    usePatient.getState().close();
    set({ step: 'code2d', code2d: read.code.id, error: null, retrieved: null });
    void get().submitCode2d();
  };
}
