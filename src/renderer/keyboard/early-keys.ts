/** A key pressed before the screen was ready, kept to be played once it is. */
type EarlyKey = Pick<KeyboardEvent, 'key' | 'code' | 'altKey' | 'ctrlKey' | 'shiftKey' | 'metaKey'>;

/** Keys worth keeping: the function keys that open a window (F2, F3…), Échap. Typing goes nowhere yet. */
const KEPT = /^(F[1-9]|F1[0-2]|Escape)$/;

let early: EarlyKey[] | null = null;
const keep = (e: KeyboardEvent): void => {
  if (!early || !KEPT.test(e.key) || e.repeat) return;
  e.preventDefault();
  early.push({ key: e.key, code: e.code, altKey: e.altKey, ctrlKey: e.ctrlKey, shiftKey: e.shiftKey, metaKey: e.metaKey });
};

/** From the first line of the renderer: keeps F3 pressed while the workstation starts. */
export function keepEarlyKeys(): void {
  early = [];
  window.addEventListener('keydown', keep, true);
}

/** Once the window-level keys listen: plays what was kept, in order, then stops keeping. */
export function playEarlyKeys(): void {
  const kept = early ?? [];
  early = null;
  window.removeEventListener('keydown', keep, true);
  for (const k of kept) window.dispatchEvent(new KeyboardEvent('keydown', { ...k, bubbles: true, cancelable: true }));
}
