import { describe, expect, it } from 'vitest';
import { trapTab } from '../../src/renderer/keyboard/focus-trap.js';

function tab(shift = false): KeyboardEvent {
  const e = new KeyboardEvent('keydown', { key: 'Tab', shiftKey: shift, bubbles: true, cancelable: true });
  trapTab(e);
  return e;
}

describe('Tab stays inside the open window', () => {
  it('wraps from the last control to the first and back, and brings a focus left outside into the window', () => {
    document.body.innerHTML = `
      <button id="behind">Derrière</button>
      <div role="dialog" aria-modal="true">
        <input id="first" /><button id="middle">Milieu</button><button id="disabled" disabled>Grisé</button><button id="last">Fermer</button>
      </div>`;
    const byId = (id: string) => document.getElementById(id)!;
    byId('last').focus();
    expect(tab().defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(byId('first'));
    expect(tab(true).defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(byId('last'));
    byId('middle').focus();
    expect(tab().defaultPrevented).toBe(false); // the browser moves it, inside the window
    byId('behind').focus();
    tab();
    expect(document.activeElement).toBe(byId('first'));
  });

  it('leaves Tab alone without an open window', () => {
    document.body.innerHTML = '<button id="a">A</button><button id="b">B</button>';
    document.getElementById('b')!.focus();
    expect(tab().defaultPrevented).toBe(false);
  });
});
