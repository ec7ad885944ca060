import type { StoreApi } from 'zustand';
import { SCAN_IMAGE_MAX_BYTES } from '../../shared/contract/counter-schemas.js';
import { requireApi } from './app-store.js';
import { useAnnouncer } from './announcer-store.js';
import type { CounterState } from './counter-store.js';
import { useOutbox } from './outbox-store.js';
import { usePatient } from './patient-store.js';

type OrdonnanceScanState = Pick<CounterState, 'scanFor' | 'scanMessage' | 'scanDone' | 'openScan' | 'attachScan'>;
type CounterApi = {
  set: StoreApi<CounterState>['setState'];
  get: StoreApi<CounterState>['getState'];
  fail: (message: string) => void;
  nextPatient: () => void;
};

/**
 * « Numérisation de l'ordonnance », a part of the counter's store: the dispensing whose paper is
 * being scanned, the image sent to the main process (which makes the PDF for SCOR), and leaving
 * it « à numériser ».
 */
export function ordonnanceScan({ set, get, fail, nextPatient }: CounterApi) {
  const announcer = () => useAnnouncer.getState();
  const state: OrdonnanceScanState = {
    scanFor: null,
    scanMessage: null,
    scanDone: false,
    openScan: (dispensingId) => {
      if (get().step !== 'idle') return;
      usePatient.getState().close();
      set({ step: 'scan', scanFor: dispensingId, scanMessage: null, scanDone: false, error: null });
    },
    attachScan: async (image) => {
      const dispensingId = get().scanFor;
      if (!dispensingId) return;
      if (!/^image\/(jpeg|png)$/.test(image.type) || image.size > SCAN_IMAGE_MAX_BYTES)
        return fail('Image refusée : JPEG ou PNG de 8 Mio au plus.');
      announcer().say('Numérisation en cours…');
      const imageBase64 = await blobToBase64(image);
      const result = await requireApi().call('scor.attach', { dispensingId, imageBase64, mime: image.type as 'image/jpeg' | 'image/png' });
      if (!result.ok) return fail(result.error.message);
      set({ scanMessage: result.value.message, scanDone: true, error: null });
      if (result.value.state === 'REFUSED') announcer().alert(result.value.message);
      else announcer().say(result.value.message);
      void useOutbox.getState().refresh();
    },
  };

  /** F9 or Échap: done, or left « à numériser » in the transmissions; the next patient. */
  async function finish(): Promise<void> {
    if (!get().scanDone) announcer().say('Ordonnance laissée « à numériser » dans les transmissions.');
    set({ step: 'idle', result: null, scanFor: null, scanMessage: null, scanDone: false });
    nextPatient();
  }

  return { state, finish };
}

/** An image as base64, for the contract (the main process makes the PDF). */
async function blobToBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
