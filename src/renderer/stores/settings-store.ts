import { create } from 'zustand';
import type { CallOutput } from '../../shared/contract/ipc-contract.js';
import type { SettingsPatch, SettingsView } from '../../shared/contract/settings-schemas.js';
import { requireApi } from './app-store.js';
import { useAnnouncer } from './announcer-store.js';

export type Draft = {
  finess: string;
  name: string;
  pharmacistRpps: string;
  address: string;
  teleserviceMode: 'embedded' | 'remote';
  url: string;
  token: string;
  phase: '1' | '2';
  readerMode: 'auto' | 'device' | 'wedge';
  layout: 'us' | 'fr';
};

type SettingsState = {
  view: SettingsView | null;
  draft: Draft;
  error: string | null;
  saved: string | null;
  diagnostic: CallOutput<'diagnostic.get'> | null;
  /** What was typed since the screen asked for the settings: kept over their answer. */
  editedWhileLoading: Partial<Draft>;
  load: () => Promise<void>;
  edit: (patch: Partial<Draft>) => void;
  save: (parts: ('pharmacy' | 'teleservice' | 'phase' | 'reader' | 'setup')[]) => Promise<boolean>;
  loadDiagnostic: () => Promise<void>;
  supportBundle: () => Promise<void>;
  database: CallOutput<'database.get'> | null;
  /** The server's fields as typed (the port as text until it is sent). */
  databaseDraft: DatabaseDraft;
  loadDatabase: () => Promise<void>;
  editDatabase: (patch: Partial<DatabaseDraft>) => void;
  testDatabase: () => Promise<void>;
  saveDatabase: () => Promise<void>;
  tariffs: CallOutput<'tariffs.list'> | null;
  loadTariffs: () => Promise<void>;
  importTariffs: (text: string) => Promise<void>;
  backups: CallOutput<'backup.state'> | null;
  backupBusy: boolean;
  loadBackups: () => Promise<void>;
  backupNow: () => Promise<void>;
  /** « Sauvegardes »: the copy chosen (↑ ↓), and the restore waiting for Entrée. */
  backupSelected: number;
  restoreConfirm: string | null;
  moveBackup: (delta: number) => void;
  /** Alt+R: asks to confirm the chosen copy's restore, or withdraws the one already asked for. */
  askRestore: () => Promise<void>;
  confirmRestore: () => Promise<void>;
  dropRestoreConfirm: () => void;
};

export type DatabaseDraft = { mode: 'file' | 'server'; host: string; port: string; database: string; user: string; password: string };
const EMPTY_DATABASE_DRAFT: DatabaseDraft = { mode: 'file', host: '', port: '5432', database: 'officine', user: 'comptoir', password: '' };

/** The fields as main checks them (a port that is not a number is sent as 0: main says which field). */
function addressOf(d: DatabaseDraft) {
  return {
    host: d.host.trim(),
    port: /^\d{1,5}$/.test(d.port.trim()) ? Number(d.port.trim()) : 0,
    database: d.database.trim(),
    user: d.user.trim(),
    password: d.password,
  };
}

const emptyDraft = (): Draft => ({
  finess: '',
  name: '',
  pharmacistRpps: '',
  address: '',
  teleserviceMode: 'embedded',
  url: '',
  token: '',
  phase: '1',
  readerMode: 'auto',
  layout: 'us',
});

function draftOf(v: SettingsView): Draft {
  return {
    finess: v.pharmacy?.finess ?? '',
    name: v.pharmacy?.name ?? '',
    pharmacistRpps: v.pharmacy?.pharmacistRpps ?? '',
    address: v.pharmacyAddress ?? '',
    teleserviceMode: v.teleservice.mode === 'embedded' && !v.sharedDatabase ? 'embedded' : 'remote',
    url: v.teleservice.url ?? '',
    token: '',
    phase: String(v.transmissionPhase) as '1' | '2',
    readerMode: v.reader.mode,
    layout: v.reader.layout,
  };
}

let pendingLoad: Promise<unknown> = Promise.resolve();

/** « Paramètres officine » and the first-run wizard: one draft, saved part by part. */
export const useSettings = create<SettingsState>((set, get) => ({
  view: null,
  draft: emptyDraft(),
  error: null,
  saved: null,
  diagnostic: null,
  tariffs: null,
  database: null,
  databaseDraft: EMPTY_DATABASE_DRAFT,
  backups: null,
  backupBusy: false,
  backupSelected: 0,
  restoreConfirm: null,
  editedWhileLoading: {},
  load: async () => {
    // A key pressed before the answer (« r » then « 1 » as the screen opens) is the user's: the answer never undoes it.
    set({ editedWhileLoading: {} });
    const answer = requireApi().call('settings.get', {});
    pendingLoad = answer;
    const result = await answer;
    if (result.ok) set((s) => ({ view: result.value, draft: { ...draftOf(result.value), ...s.editedWhileLoading }, error: null }));
  },
  edit: (patch) =>
    set((s) => ({ draft: { ...s.draft, ...patch }, editedWhileLoading: { ...s.editedWhileLoading, ...patch }, error: null, saved: null })),
  save: async (parts) => {
    await pendingLoad; // Entrée pressed before the settings arrived saves what the screen will show, not the empty draft.
    const d = get().draft;
    const patch: SettingsPatch = {};
    if (parts.includes('pharmacy')) {
      patch.pharmacy = { finess: d.finess, name: d.name, pharmacistRpps: d.pharmacistRpps };
      patch.pharmacyAddress = d.address;
    }
    if (parts.includes('teleservice') && (d.teleserviceMode === 'embedded' || d.token !== '')) {
      patch.teleservice = d.teleserviceMode === 'embedded' ? { mode: 'embedded' } : { mode: 'remote', url: d.url, token: d.token };
    }
    if (parts.includes('phase')) patch.transmissionPhase = d.phase === '1' ? 1 : 2;
    if (parts.includes('reader')) patch.reader = { mode: d.readerMode, devicePath: null, layout: d.layout };
    if (parts.includes('setup')) patch.setupCompleted = true;
    const result = await requireApi().call('settings.save', patch);
    if (!result.ok) {
      set({ error: result.error.message });
      useAnnouncer.getState().alert(result.error.message);
      return false;
    }
    const message = result.value.restartNeeded
      ? 'Enregistré. Le changement de téléservice ou de lecteur s’applique au prochain démarrage.'
      : 'Paramètres enregistrés.';
    set({ view: result.value, saved: message, error: null });
    useAnnouncer.getState().say(message);
    return true;
  },
  loadDiagnostic: async () => {
    const result = await requireApi().call('diagnostic.get', {});
    if (result.ok) set({ diagnostic: result.value });
  },
  supportBundle: async () => {
    const result = await requireApi().call('diagnostic.supportBundle', {});
    if (!result.ok) return set({ error: result.error.message });
    set({ saved: `Dossier de support écrit : ${result.value.path}` });
    useAnnouncer.getState().say('Dossier de support écrit.');
  },
  loadBackups: async () => {
    const result = await requireApi().call('backup.state', {});
    if (result.ok) set({ backups: result.value });
  },
  backupNow: async () => {
    if (get().backupBusy) return;
    set({ backupBusy: true, saved: null, error: null });
    const result = await requireApi().call('backup.now', {});
    set({ backupBusy: false });
    if (!result.ok) return set({ error: result.error.message });
    const last = result.value.last;
    set({ backups: result.value, ...(last?.ok ? { saved: 'Sauvegarde faite.' } : { error: last?.message ?? 'Sauvegarde impossible.' }) });
    if (last?.ok) useAnnouncer.getState().say('Sauvegarde faite.');
    else useAnnouncer.getState().alert(last?.message ?? 'Sauvegarde impossible.');
  },
  moveBackup: (delta) =>
    set((s) => ({
      backupSelected: Math.max(0, Math.min((s.backups?.backups.length ?? 1) - 1, s.backupSelected + delta)),
      restoreConfirm: null,
    })),
  askRestore: async () => {
    const b = get().backups;
    if (b?.pendingRestore) {
      const result = await requireApi().call('backup.cancelRestore', {});
      if (!result.ok) return set({ error: result.error.message });
      set({ backups: result.value, saved: 'Restauration annulée : la base reste celle-ci.', error: null });
      return useAnnouncer.getState().say('Restauration annulée.');
    }
    const chosen = b?.backups[get().backupSelected];
    if (!chosen) return set({ error: 'Aucune sauvegarde à restaurer.' });
    set({ restoreConfirm: chosen.name, saved: null, error: null });
  },
  confirmRestore: async () => {
    const name = get().restoreConfirm;
    if (!name) return;
    set({ restoreConfirm: null });
    const result = await requireApi().call('backup.restore', { name });
    if (!result.ok) {
      set({ error: result.error.message });
      return useAnnouncer.getState().alert(result.error.message);
    }
    const message = 'Restauration demandée : elle se fera au prochain démarrage de Comptoir. Fermez puis relancez Comptoir sur ce poste.';
    set({ backups: result.value, saved: message, error: null });
    useAnnouncer.getState().say(message);
  },
  dropRestoreConfirm: () => set({ restoreConfirm: null }),
  loadDatabase: async () => {
    const result = await requireApi().call('database.get', {});
    if (!result.ok) return;
    const a = result.value.savedAddress;
    set({
      database: result.value,
      databaseDraft: {
        ...EMPTY_DATABASE_DRAFT,
        mode: result.value.mode === 'file' ? 'file' : 'server',
        ...(a ? { host: a.host, port: String(a.port), database: a.database, user: a.user } : {}),
      },
    });
  },
  editDatabase: (patch) => set((s) => ({ databaseDraft: { ...s.databaseDraft, ...patch }, error: null, saved: null })),
  testDatabase: async () => {
    const result = await requireApi().call('database.test', { address: addressOf(get().databaseDraft) });
    if (!result.ok) {
      set({ error: result.error.message, saved: null });
      return useAnnouncer.getState().alert(result.error.message);
    }
    const message = `Connexion réussie : ${result.value.version}.`;
    set({ saved: message, error: null });
    useAnnouncer.getState().say(message);
  },
  saveDatabase: async () => {
    const d = get().databaseDraft;
    const result = await requireApi().call(
      'database.save',
      d.mode === 'file' ? { mode: 'file' } : { mode: 'server', address: addressOf(d) },
    );
    if (!result.ok) {
      set({ error: result.error.message, saved: null });
      return useAnnouncer.getState().alert(result.error.message);
    }
    const message = result.value.restartNeeded
      ? 'Enregistré. Ce poste utilisera cette base au prochain démarrage.'
      : 'Paramètres enregistrés.';
    set({ database: result.value, saved: message, error: null });
    useAnnouncer.getState().say(message);
  },
  loadTariffs: async () => {
    const result = await requireApi().call('tariffs.list', {});
    if (result.ok) set({ tariffs: result.value });
  },
  importTariffs: async (text) => {
    const result = await requireApi().call('tariffs.import', { text });
    if (!result.ok) {
      set({ error: result.error.message, saved: null });
      return useAnnouncer.getState().alert(result.error.message);
    }
    const message = `${result.value.imported} tarif(s) importé(s).`;
    set({ tariffs: result.value.view, saved: message, error: null });
    useAnnouncer.getState().say(message);
  },
}));
