import { useCounter } from '../stores/counter-store.js';

/** The prescription line the focus is in (its fieldset carries `data-line-id`), else the first. */
export function focusedLineId(): string | undefined {
  const fieldset = document.activeElement?.closest('[data-line-id]');
  return fieldset?.getAttribute('data-line-id') ?? useCounter.getState().retrieved?.prescription.lines[0]?.lineId;
}

/** Alt+A: another pack on the line that has the focus (line 1 when none has it). */
export function addToFocusedLine(): void {
  const lineId = focusedLineId();
  if (lineId) useCounter.getState().addItem(lineId);
}
