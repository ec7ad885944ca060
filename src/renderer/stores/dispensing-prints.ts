import type { StoreApi } from 'zustand';
import { savePdf } from '../api/save-pdf.js';
import { requireApi } from './app-store.js';
import type { CounterState } from './counter-store.js';

type PrintsApi = { get: StoreApi<CounterState>['getState']; fail: (message: string) => void; say: (t: string) => void };

/** F8 and the ticket of the dispensing just recorded, as PDFs to print. */
export function dispensingPrints({ get, fail, say }: PrintsApi): Pick<CounterState, 'printDetail' | 'printTicket'> {
  return {
    printDetail: async () => {
      const id = get().result?.dispensingId;
      if (!id) return;
      const result = await requireApi().call('counter.dispensingPdf', { dispensingId: id });
      if (!result.ok) return fail(result.error.message);
      savePdf(result.value.fileName, result.value.base64);
      say('Détail de la délivrance prêt à imprimer.');
    },
    printTicket: async () => {
      const id = get().result?.dispensingId;
      if (!id) return;
      const result = await requireApi().call('counter.ticketPdf', { dispensingId: id });
      if (!result.ok) return fail(result.error.message);
      savePdf(result.value.fileName, result.value.base64);
      say('Ticket du patient prêt à imprimer.');
    },
  };
}
