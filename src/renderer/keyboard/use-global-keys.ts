import { useEffect } from 'react';
import { requireApi, useApp } from '../stores/app-store.js';
import { useCounter } from '../stores/counter-store.js';
import { usePatient } from '../stores/patient-store.js';
import { useAnnouncer } from '../stores/announcer-store.js';
import { isForbiddenKey } from './keymap.js';
import { WEDGE_MAX_GAP_MS, WEDGE_SILENCE_MS, WedgeDetector } from './wedge-detector.js';

/**
 * Window-level keys, in the capture phase so nothing below sees them first: the function keys of
 * the flow, the forbidden reload keys, and the keyboard-wedge scanner (its burst is taken out of
 * the field it typed into, and its Enter never reaches a button).
 */
export function useGlobalKeys(): void {
  useEffect(() => {
    const wedge = new WedgeDetector();
    let silenceTimer: number | undefined;
    let snapshot: { element: HTMLInputElement | HTMLTextAreaElement; value: string } | null = null;
    let lastKeyAt = -Infinity;

    const deliver = (text: string): void => {
      if (snapshot) {
        snapshot.element.value = snapshot.value;
        snapshot.element.dispatchEvent(new Event('input', { bubbles: true }));
      }
      snapshot = null;
      void requireApi().call('codes.classify', { text, source: 'wedge' });
    };

    const onKeyDown = (e: KeyboardEvent): void => {
      if (isForbiddenKey(e)) {
        e.preventDefault();
        return;
      }
      const target = e.target;
      if (!acceptsScan(target)) {
        // A person's own field (a name, a reason): never taken for a scanner, however fast the typing.
        functionKey(e);
        return;
      }
      const startsSequence = e.timeStamp - lastKeyAt > WEDGE_MAX_GAP_MS;
      lastKeyAt = e.timeStamp;
      if (startsSequence) {
        // What the field held before a possible scan, to put back once the burst is recognised.
        snapshot = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement ? { element: target, value: target.value } : null;
      }
      const verdict = wedge.keydown({ code: e.code, shiftKey: e.shiftKey, altKey: e.altKey, ctrlKey: e.ctrlKey, metaKey: e.metaKey, timeStamp: e.timeStamp });
      window.clearTimeout(silenceTimer);
      if (verdict.kind === 'burst-end') {
        e.preventDefault();
        e.stopPropagation();
        deliver(verdict.text);
        return;
      }
      if (wedge.burstLength() > 0) {
        silenceTimer = window.setTimeout(() => {
          const late = wedge.silence(performance.now());
          if (late.kind === 'burst-end') deliver(late.text);
        }, WEDGE_SILENCE_MS + 10);
      }
      functionKey(e);
    };
    window.addEventListener('keydown', onKeyDown, true);
    const offRead = requireApi().on('reader.scanned', (read) => useCounter.getState().onRead(read));
    return () => {
      window.removeEventListener('keydown', onKeyDown, true);
      offRead();
    };
  }, []);
}

/** Scans are taken from the dedicated « Code 2D » field or from no field at all (the screen itself). */
function acceptsScan(target: EventTarget | null): boolean {
  if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return target.dataset.wedge === 'scan';
  return !(target instanceof HTMLElement && target.isContentEditable);
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
  if (key === 'Escape') {
    if (patient.open) return handled(), patient.close();
    if (counter.step !== 'idle') return handled(), void counter.stepBack();
    return;
  }
  if (key === 'F2' && counter.step === 'idle') return handled(), patient.openSearch();
  if (e.altKey && e.code === 'KeyC' && counter.step === 'idle' && !patient.open) return handled(), app.setScreen('configuration');
  if (e.altKey && e.code === 'KeyR' && counter.step === 'idle') return handled(), void requireApi().call('outbox.retryNow', {});
  if (key === 'F3') return handled(), counter.openOrdonnanceNumerique();
  if (key === 'F6' && counter.step === 'idle') return handled(), useAnnouncer.getState().say(patient.tiersPayant ?? 'Tiers payant : lisez l’attestation de la mutuelle avec le lecteur.');
  if (key === 'F9' && !patient.open) return handled(), void counter.forward();
  if (key === 'F8' && counter.step === 'done') return handled(), void counter.printDetail();
  if (key === 'F4' && counter.step === 'products') return handled(), focusLine(1);
  if (e.altKey && /^Digit[1-9]$/.test(e.code) && counter.step === 'products') return handled(), focusLine(Number(e.code.slice(5)));
  if (/^F([1-9]|1[0-2])$/.test(key)) handled();
}

/** Alt+n: the product of line n (« Produits »); Tab then reaches its packs. */
function focusLine(n: number): void {
  const field = document.getElementById(`product-${n}`);
  if (field instanceof HTMLSelectElement) field.focus();
}
