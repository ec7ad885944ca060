import { useEffect, useState } from 'react';
import { ActionButton } from '../../components/ActionButton.js';
import { KeyHint } from '../../components/KeyHint.js';
import { useApp } from '../../stores/app-store.js';
import { useSettings } from '../../stores/settings-store.js';
import { DatabasePanel } from './DatabasePanel.js';
import { TariffsPanel } from './TariffsPanel.js';
import { CataloguePanel } from './CataloguePanel.js';
import { BackupsPanel, DiagnosticPanel } from './MaintenancePanels.js';
import { IdentityForm, ReaderForm, RegulationForm, TeleserviceForm } from './SettingsForms.js';

const TABS = [
  { id: 'identite', label: 'Identité', parts: ['pharmacy'] },
  { id: 'teleservice', label: 'Téléservice', parts: ['teleservice'] },
  { id: 'reglementation', label: 'Réglementation', parts: ['phase'] },
  { id: 'e-lecteur', label: 'E-lecteur', parts: ['reader'] },
  { id: 'tarifs', label: 'Tarifs', parts: [] },
  { id: 'catalogue', label: 'Catalogue', parts: [] },
  { id: 'base', label: 'Base de données', parts: [] },
  { id: 'sauvegardes', label: 'Sauvegardes', parts: [] },
  { id: 'diagnostic', label: 'Diagnostic', parts: [] },
] as const;

/** The tab a letter leads to: the next one, after `from`, whose name starts with it (« R » Réglementation). */
export function tabByInitial(letter: string, from: number): number | null {
  const initial = (label: string): string => label.normalize('NFD').charAt(0).toLowerCase();
  const wanted = letter.normalize('NFD').charAt(0).toLowerCase();
  for (let step = 1; step <= TABS.length; step++) {
    const i = (from + step) % TABS.length;
    if (initial(TABS[i]!.label) === wanted) return i;
  }
  return null;
}

/** The screen's own keys, each shown beside its button: Échap, Alt+A, and the tab's action (Alt+T, Alt+B, Alt+S). */
function configurationKey(
  e: KeyboardEvent,
  tab: (typeof TABS)[number]['id'],
): 'back' | 'save' | 'wizard' | 'support' | 'backup' | 'test-database' | null {
  if (e.key === 'Escape') return 'back';
  // Entrée saves the tab, as its button says (a focused button keeps its own Entrée; a tab is no action of its own).
  const ownButton = e.target instanceof HTMLButtonElement && e.target.getAttribute('role') !== 'tab';
  if (e.key === 'Enter' && !e.altKey && !ownButton) return 'save';
  if (!e.altKey) return null;
  if (e.code === 'KeyA') return 'wizard';
  if (e.code === 'KeyS' && tab === 'diagnostic') return 'support';
  if (e.code === 'KeyB' && tab === 'sauvegardes') return 'backup';
  if (e.code === 'KeyT' && tab === 'base') return 'test-database';
  return null;
}

/**
 * « Sauvegardes »' own keys: ↑ ↓ choose a copy, Alt+R asks to restore it (or withdraws the restore
 * asked for), then Entrée confirms and Échap renounces. True when the key was theirs.
 */
function backupsKey(e: KeyboardEvent): boolean {
  const s = useSettings.getState();
  if (s.restoreConfirm !== null && (e.key === 'Enter' || e.key === 'Escape')) {
    if (e.key === 'Enter') void s.confirmRestore();
    else s.dropRestoreConfirm();
    return true;
  }
  if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && !e.altKey) {
    s.moveBackup(e.key === 'ArrowDown' ? 1 : -1);
    return true;
  }
  if (e.altKey && e.code === 'KeyR') {
    void s.askRestore();
    return true;
  }
  return false;
}

/** Configuration → Officine → Paramètres officine, tab by tab (←/→ between tabs), and the Diagnostic page. */
export function ConfigurationScreen() {
  const { setScreen } = useApp();
  const s = useSettings();
  const [tab, setTab] = useState(0);
  useEffect(() => void s.load(), []);
  // The keyboard starts on the tabs: ← → or a tab's initial, then the tab's own keys.
  useEffect(() => document.getElementById(`tab-${TABS[0].id}`)?.focus(), []);
  const goTo = (next: number): void => {
    setTab(next);
    document.getElementById(`tab-${TABS[next]!.id}`)?.focus();
  };
  useEffect(() => {
    if (TABS[tab]?.id === 'diagnostic') void s.loadDiagnostic();
    if (TABS[tab]?.id === 'sauvegardes') void s.loadBackups();
    if (TABS[tab]?.id === 'base') void s.loadDatabase();
    if (TABS[tab]?.id === 'tarifs') void s.loadTariffs();
  }, [tab]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      // ← → move between tabs from the tabs and from a radio alike: a radio never flips on its way (↑ ↓ choose).
      const onTabOrRadio =
        e.target instanceof HTMLElement &&
        (e.target.getAttribute('role') === 'tab' || (e.target instanceof HTMLInputElement && e.target.type === 'radio'));
      if ((e.key === 'ArrowRight' || e.key === 'ArrowLeft') && onTabOrRadio && !e.altKey) {
        e.preventDefault();
        return goTo((tab + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length);
      }
      if (TABS[tab]!.id === 'sauvegardes' && backupsKey(e)) return e.preventDefault();
      const action = configurationKey(e, TABS[tab]!.id);
      const inText = e.target instanceof HTMLInputElement && e.target.type !== 'radio' && e.target.type !== 'checkbox';
      if (!action && TABS[tab]!.id === 'reglementation' && (e.key === '1' || e.key === '2') && !inText && !e.altKey && !e.ctrlKey) {
        e.preventDefault();
        return s.edit({ phase: e.key });
      }
      if (!action) return;
      e.preventDefault();
      if (action === 'back') setScreen('facturation');
      if (action === 'save' && TABS[tab]!.id === 'base') void s.saveDatabase();
      else if (action === 'save' && TABS[tab]!.parts.length > 0) void s.save([...TABS[tab]!.parts]);
      if (action === 'wizard') setScreen('wizard');
      if (action === 'support') void s.supportBundle();
      if (action === 'backup') void s.backupNow();
      if (action === 'test-database') void s.testDatabase();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setScreen, tab]);
  const current = TABS[tab]!;
  return (
    <div className="screen">
      <header className="app-header">
        <h1>Configuration</h1>
        <nav aria-label="Fil d’Ariane" className="breadcrumb">
          Configuration › Officine › Paramètres officine › {current.label}
        </nav>
      </header>
      <main className="workspace column">
        <div role="tablist" aria-label="Paramètres officine" className="tabs">
          {TABS.map((t, i) => (
            <button
              key={t.id}
              role="tab"
              id={`tab-${t.id}`}
              aria-selected={i === tab}
              aria-controls={`panel-${t.id}`}
              tabIndex={i === tab ? 0 : -1}
              onClick={() => setTab(i)}
              onKeyDown={(e) => {
                const byLetter = /^\p{L}$/u.test(e.key) && !e.altKey && !e.ctrlKey && !e.metaKey ? tabByInitial(e.key, tab) : null;
                if (byLetter !== null) {
                  e.preventDefault();
                  goTo(byLetter);
                }
              }}
            >
              {t.label}
            </button>
          ))}
        </div>
        <p className="muted">
          <KeyHint k="←" /> <KeyHint k="→" /> ou l’initiale d’un onglet pour en changer.
        </p>
        <section role="tabpanel" id={`panel-${current.id}`} aria-labelledby={`tab-${current.id}`} className="panel wide-panel">
          {current.id === 'identite' ? <IdentityForm /> : null}
          {current.id === 'teleservice' ? <TeleserviceForm /> : null}
          {current.id === 'reglementation' ? <RegulationForm /> : null}
          {current.id === 'e-lecteur' ? <ReaderForm /> : null}
          {current.id === 'tarifs' ? <TariffsPanel /> : null}
          {current.id === 'catalogue' ? <CataloguePanel /> : null}
          {current.id === 'base' ? <DatabasePanel /> : null}
          {current.id === 'sauvegardes' ? <BackupsPanel /> : null}
          {current.id === 'diagnostic' ? <DiagnosticPanel /> : null}
          {current.parts.length > 0 ? (
            <div className="actions">
              <ActionButton k="Entrée" primary onClick={() => void s.save([...current.parts])}>
                Enregistrer
              </ActionButton>
            </div>
          ) : null}
          <p className="error" role="status">
            {s.error}
          </p>
          <p className="ok-message" role="status" data-testid="settings-saved">
            {s.saved}
          </p>
        </section>
        <div className="actions">
          <ActionButton k="Échap" onClick={() => setScreen('facturation')}>
            Retour à la facturation
          </ActionButton>
          <ActionButton k="Alt+A" onClick={() => setScreen('wizard')}>
            Assistant de premier démarrage
          </ActionButton>
        </div>
      </main>
    </div>
  );
}
