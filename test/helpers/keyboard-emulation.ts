import { codeToUsage, usageToChar, type KeyboardLayout } from '../../src/shared/keyboard/hid-usages.js';

export type PhysicalKeyPress = { code: string; shift: boolean; /** What the PC's layout shows for that key. */ shown: string };

const CODES = [
  ...Array.from({ length: 26 }, (_, i) => `Key${String.fromCharCode(65 + i)}`),
  ...Array.from({ length: 10 }, (_, i) => `Digit${i}`),
  'Minus',
  'Equal',
  'BracketLeft',
  'BracketRight',
  'Backslash',
  'Semicolon',
  'Quote',
  'Backquote',
  'Comma',
  'Period',
  'Slash',
  'Space',
];

/**
 * The physical keys a scanner set to `scannerLayout` presses to type `text`, and what a PC set
 * to `pcLayout` shows for each: a US scanner on an AZERTY PC types « 0 » with Digit0, shown « à ».
 */
export function scannerKeys(text: string, scannerLayout: KeyboardLayout, pcLayout: KeyboardLayout): PhysicalKeyPress[] {
  const byChar = new Map<string, { code: string; shift: boolean }>();
  for (const shift of [false, true])
    for (const code of CODES) {
      const c = usageToChar(codeToUsage(code)!, scannerLayout, { shift, altGr: false });
      if (c !== null && !byChar.has(c)) byChar.set(c, { code, shift });
    }
  return [...text].map((c) => {
    const key = byChar.get(c);
    if (!key) throw new Error(`no key types « ${c} » on a ${scannerLayout} layout`);
    return { ...key, shown: usageToChar(codeToUsage(key.code)!, pcLayout, { shift: key.shift, altGr: false }) ?? '' };
  });
}
