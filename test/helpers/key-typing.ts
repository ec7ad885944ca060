import type { Page } from 'playwright-core';
import type { KeyboardLayout } from '../../src/shared/keyboard/hid-usages.js';
import { scannerKeys } from './keyboard-emulation.js';

const VIRTUAL_KEY: Record<string, number> = { Enter: 13, Tab: 9 };
const virtualKeyOf = (code: string): number =>
  VIRTUAL_KEY[code] ?? (code.startsWith('Key') || code.startsWith('Digit') ? code.at(-1)!.charCodeAt(0) : 0);

/**
 * Types through Chromium's own input pipeline (CDP `Input.dispatchKeyEvent`), as a scanner set to
 * `scanner` does on a PC set to `pc`: the physical keys of the scanner's layout, the characters
 * of the PC's. Then the suffix key. `msPerKey` between keys, as real scanners pace them.
 */
export async function typeLikeScanner(
  page: Page,
  text: string,
  options: { scanner: KeyboardLayout; pc: KeyboardLayout; msPerKey: number; suffix?: 'Enter' | 'Tab' },
): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const send = async (code: string, shift: boolean, shown: string): Promise<void> => {
    const common = {
      code,
      key: shown,
      modifiers: shift ? 8 : 0,
      windowsVirtualKeyCode: virtualKeyOf(code),
      nativeVirtualKeyCode: virtualKeyOf(code),
    };
    await cdp.send('Input.dispatchKeyEvent', {
      type: shown.length === 1 || code === 'Enter' ? 'keyDown' : 'rawKeyDown',
      text: code === 'Enter' ? '\r' : shown.length === 1 ? shown : undefined,
      ...common,
    });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...common });
  };
  for (const key of scannerKeys(text, options.scanner, options.pc)) {
    await send(key.code, key.shift, key.shown);
    if (options.msPerKey > 0) await new Promise((r) => setTimeout(r, options.msPerKey));
  }
  if (options.suffix) await send(options.suffix, false, options.suffix);
  await cdp.detach();
}
