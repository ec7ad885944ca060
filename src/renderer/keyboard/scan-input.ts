import { classifyCode } from '../../shared/codes/classify.js';
import { normalizeTypedPrescriptionId } from '../../shared/ids/prescription-id.js';
import { ENTER, KEYPAD_ENTER, TAB, codeToUsage, usageToChar } from '../../shared/keyboard/hid-usages.js';

/** What the window hears of a key: its physical position and modifiers, never its layout's character. */
export type PhysicalKey = { code: string; shiftKey: boolean; altKey: boolean; ctrlKey: boolean; metaKey: boolean };

/** A burst of at least this many keys ended by silence may be a scanner without suffix (no field focused). */
export const SCAN_MIN_KEYS = 6;
/** Silence after which keys typed outside any field are looked at (scanners type 10–80 ms per key). */
export const SCAN_SILENCE_MS = 250;

const isModifier = (code: string): boolean => /^(Shift|Alt|Control|Meta|AltGraph|CapsLock)(Left|Right)?$/.test(code);

/** Enter, keypad Enter or Tab: what ends a scanner's input (its configured suffix) or a person's. */
export function isEndKey(code: string): boolean {
  const usage = codeToUsage(code);
  return usage === ENTER || usage === KEYPAD_ENTER || usage === TAB;
}

/**
 * A read the workstation understands: an id whose check character holds (as printed, dashes and
 * lower case allowed), a GS1 string whose fields parse, an ApCV or tiers-payant code.
 */
export function isValidCode(text: string): boolean {
  return readableCode(text) !== null;
}

/** The text to hand over as a read (a typed id in its canonical form), or null when it is not one. */
function readableCode(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  for (const candidate of [trimmed, normalizeTypedPrescriptionId(trimmed)]) {
    if (candidate !== null && classifyCode(candidate).kind !== 'unknown') return candidate;
  }
  return null;
}

/**
 * The physical keys of one input, kept so that a US-configured scanner typing into a French
 * (AZERTY) PC can be read as it meant: `KeyQ` is « a » on the screen but « q » from the scanner.
 * Backspace takes a key back; a shortcut (Ctrl, Alt, Meta: a paste, a menu) makes the log unusable.
 */
export class KeyLog {
  private keys: { usage: number; shift: boolean }[] = [];
  private usable = true;

  /** Records a keydown that is not an end key; returns false when it is not a typing key. */
  record(key: PhysicalKey): boolean {
    if (isModifier(key.code)) return true;
    if (key.ctrlKey || key.metaKey || key.altKey) {
      this.usable = false;
      return false;
    }
    if (key.code === 'Backspace') {
      this.keys.pop();
      return true;
    }
    const usage = codeToUsage(key.code);
    if (usage === null || usageToChar(usage, 'us', { shift: false, altGr: false }) === null) return false;
    this.keys.push({ usage, shift: key.shiftKey });
    return true;
  }

  get length(): number {
    return this.keys.length;
  }

  clear(): void {
    this.keys = [];
    this.usable = true;
  }

  /** The keys as a US-configured scanner typed them, or null when a shortcut broke the log. */
  asUs(): string | null {
    if (!this.usable) return null;
    return this.keys.map((k) => usageToChar(k.usage, 'us', { shift: k.shift, altGr: false }) ?? '').join('');
  }
}

/**
 * What an input ended by Entrée or Tab means. The text as typed when it is a valid code (a person
 * typing the printed number, or a scanner set to the PC's layout); otherwise the keys read as a US
 * scanner meant them, when that is a valid code; otherwise nothing (the field keeps what was typed
 * and says what is wrong). No timing: the check character makes a false match negligible.
 */
export function resolveScan(typed: string, log: KeyLog): { text: string; from: 'typed' | 'keys' } | null {
  const asTyped = readableCode(typed);
  if (asTyped !== null) return { text: asTyped, from: 'typed' };
  const us = log.asUs();
  const asKeys = us === null || us === typed ? null : readableCode(us);
  return asKeys === null ? null : { text: asKeys, from: 'keys' };
}
