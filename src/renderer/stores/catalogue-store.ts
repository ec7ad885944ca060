import { create } from 'zustand';
import type { CallOutput } from '../../shared/contract/ipc-contract.js';
import { requireApi, useApp } from './app-store.js';
import { useAnnouncer } from './announcer-store.js';

type CatalogueState = {
  view: CallOutput<'catalogue.status'> | null;
  busy: boolean;
  progress: { done: number; total: number } | null;
  /** The last import's summary, line by line, or its refusal in one sentence. */
  lines: string[];
  error: string | null;
  load: () => Promise<void>;
  /** Ctrl+O: a .zip of the BDPM, or the pharmacy's own `;` file. */
  importChosen: (file: File) => Promise<void>;
};

/** The largest zip the screen sends (the WebSocket carries 12 MiB, base64 adds a third). */
const MAX_ZIP_BYTES = 8 * 1024 * 1024;

/** « Configuration › Catalogue »: the base in force, and an import with its progress. */
export const useCatalogue = create<CatalogueState>((set, get) => ({
  view: null,
  busy: false,
  progress: null,
  lines: [],
  error: null,
  load: async () => {
    const result = await requireApi().call('catalogue.status', {});
    if (result.ok) set({ view: result.value });
  },
  importChosen: async (file) => {
    if (get().busy) return;
    const zip = /\.zip$/i.test(file.name);
    if (zip && file.size > MAX_ZIP_BYTES)
      return fail(
        `Archive trop grosse pour l’écran (${Math.round(file.size / 1048576)} Mio) : importez-la par « comptoir catalogue import --bdpm ».`,
      );
    set({ busy: true, progress: null, lines: [], error: null });
    useAnnouncer.getState().say(zip ? 'Import de la base des médicaments en cours…' : 'Import du fichier de l’officine en cours…');
    const api = requireApi();
    const stop = api.on('catalogue.progress', (p) => set({ progress: p }));
    try {
      const result = zip
        ? await api.call('catalogue.importBdpm', {
            name: file.name.slice(0, 200),
            zipBase64: toBase64(new Uint8Array(await file.arrayBuffer())),
          })
        : await api.call('catalogue.importFile', { text: await file.text() });
      if (!result.ok) return fail(`Import refusé, le catalogue est inchangé : ${result.error.message}`);
      set({ view: result.value.view, lines: result.value.lines, error: null });
      useAnnouncer.getState().say(result.value.lines.join(' '));
      void useApp.getState().refreshStatus();
    } finally {
      stop();
      set({ busy: false, progress: null });
    }
  },
}));

function fail(message: string): void {
  useCatalogue.setState({ error: message, lines: [] });
  useAnnouncer.getState().alert(message);
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
