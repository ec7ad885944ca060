/**
 * Keyboard usage ids (HID page 0x07) and what a scanner means by them in each layout it can be
 * configured for. A scanner set to a layout emits the usages that type the right characters on a
 * PC of that layout, so decoding with the scanner's layout gives back the original text.
 */
export type KeyboardLayout = 'us' | 'fr';
export const KEYBOARD_LAYOUTS: readonly KeyboardLayout[] = ['us', 'fr'];

/** [plain, shift, altgr] per usage id. */
type KeyTable = Record<number, readonly [string, string, string?]>;

export const ENTER = 0x28;
export const TAB = 0x2b;
export const KEYPAD_ENTER = 0x58;

const LETTERS: KeyTable = {};
for (let u = 0x04; u <= 0x1d; u++) {
  const c = String.fromCharCode(0x61 + u - 0x04);
  LETTERS[u] = [c, c.toUpperCase()];
}

const KEYPAD: KeyTable = {
  0x54: ['/', '/'],
  0x55: ['*', '*'],
  0x56: ['-', '-'],
  0x57: ['+', '+'],
  0x59: ['1', '1'],
  0x5a: ['2', '2'],
  0x5b: ['3', '3'],
  0x5c: ['4', '4'],
  0x5d: ['5', '5'],
  0x5e: ['6', '6'],
  0x5f: ['7', '7'],
  0x60: ['8', '8'],
  0x61: ['9', '9'],
  0x62: ['0', '0'],
  0x63: ['.', '.'],
};

const US: KeyTable = {
  ...LETTERS,
  0x1e: ['1', '!'],
  0x1f: ['2', '@'],
  0x20: ['3', '#'],
  0x21: ['4', '$'],
  0x22: ['5', '%'],
  0x23: ['6', '^'],
  0x24: ['7', '&'],
  0x25: ['8', '*'],
  0x26: ['9', '('],
  0x27: ['0', ')'],
  0x2c: [' ', ' '],
  0x2d: ['-', '_'],
  0x2e: ['=', '+'],
  0x2f: ['[', '{'],
  0x30: [']', '}'],
  0x31: ['\\', '|'],
  0x32: ['\\', '|'],
  0x33: [';', ':'],
  0x34: ["'", '"'],
  0x35: ['`', '~'],
  0x36: [',', '<'],
  0x37: ['.', '>'],
  0x38: ['/', '?'],
  0x64: ['\\', '|'],
  ...KEYPAD,
};

/** AZERTY: letters move (A↔Q, Z↔W, M on the US ';' key), digits need Shift. */
const FR: KeyTable = {
  ...LETTERS,
  0x14: ['a', 'A'],
  0x04: ['q', 'Q'],
  0x1a: ['z', 'Z'],
  0x1d: ['w', 'W'],
  0x33: ['m', 'M'],
  0x10: [',', '?'],
  0x1e: ['&', '1'],
  0x1f: ['é', '2', '~'],
  0x20: ['"', '3', '#'],
  0x21: ["'", '4', '{'],
  0x22: ['(', '5', '['],
  0x23: ['-', '6', '|'],
  0x24: ['è', '7', '`'],
  0x25: ['_', '8', '\\'],
  0x26: ['ç', '9', '^'],
  0x27: ['à', '0', '@'],
  0x2c: [' ', ' '],
  0x2d: [')', '°', ']'],
  0x2e: ['=', '+', '}'],
  0x2f: ['^', '¨'],
  0x30: ['$', '£', '¤'],
  0x31: ['*', 'µ'],
  0x32: ['*', 'µ'],
  0x34: ['ù', '%'],
  0x35: ['²', '²'],
  0x36: [';', '.'],
  0x37: [':', '/'],
  0x38: ['!', '§'],
  0x64: ['<', '>'],
  ...KEYPAD,
};

const TABLES: Record<KeyboardLayout, KeyTable> = { us: US, fr: FR };

export type Modifiers = { shift: boolean; altGr: boolean };

/** The character a usage types in a layout, or null for keys that type nothing printable. */
export function usageToChar(usage: number, layout: KeyboardLayout, mods: Modifiers): string | null {
  const entry = TABLES[layout][usage];
  if (!entry) return null;
  if (mods.altGr) return entry[2] ?? null;
  return mods.shift ? entry[1] : entry[0];
}

/** Boot-keyboard modifier byte: bit 1/5 = left/right Shift, bit 6 = right Alt (AltGr). */
export function modifiersOf(byte: number): Modifiers {
  return { shift: (byte & 0x22) !== 0, altGr: (byte & 0x40) !== 0 };
}

/** `KeyboardEvent.code` (the physical key) → usage id, for the wedge typing into the window. */
const CODE_TO_USAGE: Record<string, number> = {
  Enter: ENTER,
  Tab: TAB,
  NumpadEnter: KEYPAD_ENTER,
  Space: 0x2c,
  Minus: 0x2d,
  Equal: 0x2e,
  BracketLeft: 0x2f,
  BracketRight: 0x30,
  Backslash: 0x31,
  Semicolon: 0x33,
  Quote: 0x34,
  Backquote: 0x35,
  Comma: 0x36,
  Period: 0x37,
  Slash: 0x38,
  IntlBackslash: 0x64,
  NumpadDivide: 0x54,
  NumpadMultiply: 0x55,
  NumpadSubtract: 0x56,
  NumpadAdd: 0x57,
  NumpadDecimal: 0x63,
};
for (let i = 0; i < 26; i++) CODE_TO_USAGE[`Key${String.fromCharCode(65 + i)}`] = 0x04 + i;
for (let d = 1; d <= 9; d++) {
  CODE_TO_USAGE[`Digit${d}`] = 0x1e + d - 1;
  CODE_TO_USAGE[`Numpad${d}`] = 0x59 + d - 1;
}
CODE_TO_USAGE.Digit0 = 0x27;
CODE_TO_USAGE.Numpad0 = 0x62;

export function codeToUsage(code: string): number | null {
  return CODE_TO_USAGE[code] ?? null;
}
