import { useEffect } from 'react';
import { requireApi, useApp } from '../stores/app-store.js';
import { useCounter } from '../stores/counter-store.js';
import { useOrdonnancier } from '../stores/ordonnancier-store.js';
import { useHistory } from '../stores/history-store.js';
import { useClaims } from '../stores/claims-store.js';
import { useTiersPayant } from '../stores/tiers-payant-store.js';
import { usePrescriptionHeader } from '../stores/prescription-header-store.js';
import { usePatient } from '../stores/patient-store.js';
import { addToFocusedLine } from './focused-line.js';
import { trapTab } from './focus-trap.js';
import { isForbiddenKey } from './keymap.js';
import { playEarlyKeys } from './early-keys.js';
import { KeyLog, SCAN_MIN_KEYS, SCAN_SILENCE_MS, isEndKey, resolveScan } from './scan-input.js';

/**
 * Window-level keys, in the capture phase so nothing below sees them first: the function keys of
 * the flow, the forbidden reload keys, and scanners typing like a keyboard (wedge). A field that
 * expects a code (`data-wedge="scan"`: « Code 2D », the patient search, a pack's code) is read when
 * Entrée or Tab ends it — as typed, or as a US-configured scanner meant the keys (see scan-input.ts);
 * a read is taken out of the field and its Entrée never reaches a button. Keys typed outside any
 * field are read the same way, at their end key or after a silence (scanners without suffix).
 */
export function useGlobalKeys(): void {
  useEffect(() => {
    const field = { log: new KeyLog(), element: null as HTMLInputElement | null, before: '' };
    const loose = new KeyLog();
    let silenceTimer: number | undefined;

    const deliver = (text: string): void => void requireApi().call('codes.classify', { text, source: 'wedge' });

    const onScanField = (e: KeyboardEvent, target: HTMLInputElement): void => {
      // A new input starts when the field is empty or another field has the focus.
      if (target !== field.element || target.value === '') {
        field.log.clear();
        field.element = target;
        field.before = target.value;
      }
      if (!isEndKey(e.code)) {
        field.log.record(e);
        return functionKey(e);
      }
      const read = resolveScan(target.value, field.log);
      field.log.clear();
      field.element = null;
      if (!read) return functionKey(e);
      e.preventDefault();
      e.stopPropagation();
      setFieldValue(target, field.before);
      deliver(read.text);
    };

    const onLooseKey = (e: KeyboardEvent): void => {
      window.clearTimeout(silenceTimer);
      if (isEndKey(e.code) && loose.length > 0) {
        const read = resolveScan('', loose);
        loose.clear();
        if (read) {
          e.preventDefault();
          e.stopPropagation();
          return deliver(read.text);
        }
        return functionKey(e);
      }
      if (!loose.record(e)) {
        loose.clear();
        return functionKey(e);
      }
      silenceTimer = window.setTimeout(() => {
        const read = loose.length >= SCAN_MIN_KEYS ? resolveScan('', loose) : null;
        loose.clear();
        if (read) deliver(read.text);
      }, SCAN_SILENCE_MS);
      functionKey(e);
    };

    const onKeyDown = (e: KeyboardEvent): void => {
      if (isForbiddenKey(e)) {
        e.preventDefault();
        return;
      }
      const target = e.target;
      if (target instanceof HTMLInputElement && target.dataset.wedge === 'scan') return onScanField(e, target);
      // A person's own field (a name, a reason): never read as a scan.
      if (isField(target)) return functionKey(e);
      onLooseKey(e);
    };
    window.addEventListener('keydown', onKeyDown, true);
    // After every other handler (bubble phase): a Tab nobody took stays inside the open window.
    window.addEventListener('keydown', trapTab);
    playEarlyKeys();
    const offRead = requireApi().on('reader.scanned', (read) => useCounter.getState().onRead(read));
    return () => {
      window.removeEventListener('keydown', onKeyDown, true);
      window.removeEventListener('keydown', trapTab);
      window.clearTimeout(silenceTimer);
      offRead();
    };
  }, []);
}

function isField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLElement && target.isContentEditable)
  );
}

/** Puts a controlled field back to what it held before the scan (React hears it as an input). */
function setFieldValue(element: HTMLInputElement, value: string): void {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
  setter?.call(element, value);
  element.dispatchEvent(new Event('input', { bubbles: true }));
}

function functionKey(e: KeyboardEvent): void {
  const app = useApp.getState();
  if (e.key === 'F1' || (app.helpOpen && e.key === 'Escape')) {
    e.preventDefault();
    return app.setHelpOpen(!app.helpOpen);
  }
  if (app.screen !== 'facturation' || app.helpOpen) return;
  const counter = useCounter.getState();
  const patient = usePatient.getState();
  const key = e.key;
  const handled = (): void => e.preventDefault();
  const history = useHistory.getState();
  const register = useOrdonnancier.getState();
  if (register.open) {
    if (key === 'Escape') return (handled(), register.setOpen(false));
    if (key === 'F8') return (handled(), void register.print());
    if (e.altKey && e.code === 'KeyI') return (handled(), register.toggleArchive());
    return;
  }
  const tiersPayant = useTiersPayant.getState();
  if (tiersPayant.open) {
    // One window at a time: its own Entrée saves; Échap (or F6 again) closes it.
    if (key === 'Escape' || key === 'F6') return (handled(), tiersPayant.close());
    if (/^F([1-9]|1[0-2])$/.test(key)) handled();
    return;
  }
  const claims = useClaims.getState();
  if (claims.open) {
    // F7 « Télétransmission »: its own keys; Échap (or F7 again) closes it.
    if (key === 'Escape' || key === 'F7') return (handled(), claims.close());
    if (e.altKey && e.code === 'KeyT') return (handled(), void claims.transmit());
    if (e.altKey && e.code === 'KeyL') return (handled(), void claims.readMailbox());
    if (e.altKey && e.code === 'KeyR' && (claims.tab === 'REJETS' || claims.tab === 'A_TRANSMETTRE'))
      return (handled(), void claims.recycle());
    if (key === 'ArrowLeft' || key === 'ArrowRight') return (handled(), claims.moveTab(key === 'ArrowLeft' ? -1 : 1));
    if ((key === 'ArrowUp' || key === 'ArrowDown') && claims.tab !== 'RETOURS') return (handled(), claims.move(key === 'ArrowUp' ? -1 : 1));
    if (key === 'F8' && claims.tab === 'LOTS') return (handled(), void claims.printBordereau());
    if (/^F([1-9]|1[0-2])$/.test(key) || e.altKey) handled();
    return;
  }
  if (history.open) {
    if (key === 'Escape') return (handled(), history.cancelReason !== null ? useHistory.setState({ cancelReason: null }) : history.close());
    if (e.altKey && e.code === 'KeyA') return (handled(), history.startCancel());
    if (e.altKey && e.code === 'KeyI') return (handled(), history.toggleArchive());
    if (key === 'F8') return (handled(), void history.print());
    // Another window asked for: this one closes first (one window at a time).
    if (key === 'F2' || key === 'F3') history.close();
    else return;
  }
  const header = usePrescriptionHeader.getState();
  if (key === 'Escape') {
    if (patient.open) return (handled(), patient.close());
    // A prescriber's form open in the header closes first: Échap leaves the file as it was, not the prescription.
    if (header.creating || header.addressDraft !== null)
      return (handled(), usePrescriptionHeader.setState({ creating: null, addressDraft: null, error: null }));
    if (counter.step !== 'idle') return (handled(), void counter.stepBack());
    return;
  }
  if (e.altKey && e.code === 'KeyX' && counter.step === 'idle' && !patient.open) return (handled(), counter.releasePatient());
  if (key === 'F2' && (counter.step === 'idle' || counter.step === 'rx')) return (handled(), patient.openSearch());
  if (e.altKey && e.code === 'KeyC' && counter.step === 'idle' && !patient.open) return (handled(), app.setScreen('configuration'));
  if (e.altKey && e.code === 'KeyP' && (counter.step === 'idle' || counter.step === 'rx') && !patient.open)
    return (handled(), header.startCreate());
  if (e.altKey && e.code === 'KeyM' && (counter.step === 'idle' || counter.step === 'rx') && !patient.open)
    return (handled(), header.startAddress());
  if (e.altKey && e.code === 'KeyS' && counter.step === 'rx' && !patient.open) return (handled(), counter.setRxSecure(!counter.rxSecure));
  if (e.altKey && e.code === 'KeyO' && counter.step === 'idle') return (handled(), patient.close(), register.setOpen(true));
  if (e.altKey && e.code === 'KeyH' && counter.step === 'idle') return (handled(), patient.close(), history.openHistory());
  if (e.altKey && e.code === 'KeyR' && counter.step === 'idle') return (handled(), void requireApi().call('outbox.retryNow', {}));
  if (key === 'F3') return (handled(), counter.openOrdonnanceNumerique());
  if (key === 'F7' && counter.step === 'idle' && !patient.open) return (handled(), void claims.openWindow());
  if (key === 'F6' && (counter.step === 'idle' || counter.step === 'rx') && !patient.open)
    return (handled(), void useTiersPayant.getState().openWindow());
  if (key === 'F9' && !patient.open) return (handled(), void counter.forward());
  if (key === 'F8' && counter.step === 'done') return (handled(), void counter.printDetail());
  if (e.altKey && e.code === 'KeyT' && counter.step === 'done') return (handled(), void counter.printTicket());
  if (key === 'F4' && counter.step === 'products') return (handled(), focusLine(1));
  if (key === 'F4' && counter.step === 'idle' && !patient.open) return (handled(), counter.openPaper());
  if (e.altKey && e.code === 'KeyL' && counter.step === 'rx')
    return (handled(), counter.addRxLine({ kind: 'FREE', label: '', price: '', packs: '1' }));
  if (e.altKey && e.code === 'KeyB' && counter.step === 'products') return (handled(), document.getElementById('pack-code')?.focus());
  if (e.altKey && e.code === 'KeyA' && counter.step === 'products') return (handled(), addToFocusedLine());
  if (e.altKey && /^Digit[1-9]$/.test(e.code) && counter.step === 'products') return (handled(), focusLine(Number(e.code.slice(5))));
  if (/^F([1-9]|1[0-2])$/.test(key)) handled();
}

/** Alt+n: the product of line n (« Produits »); Tab then reaches its packs. */
function focusLine(n: number): void {
  const field = document.getElementById(`product-${n}`);
  if (field instanceof HTMLSelectElement) field.focus();
}
