import { ENTER, KEYPAD_ENTER, TAB, modifiersOf, usageToChar, type KeyboardLayout } from '../../../shared/keyboard/hid-usages.js';
import { MAX_READ_BYTES, decodeError, type DecoderOutput } from './reader-events.js';

/** Silence that ends a wedge read without a suffix key. */
export const WEDGE_FLUSH_MS = 200;

/**
 * Decodes 8-byte boot keyboard reports `[modifiers, 0, k1…k6]` (9 bytes with a report id first)
 * from a scanner opened raw: a character per newly pressed key, Enter or Tab ends the read.
 */
export class BootKeyboardDecoder {
  private text = '';
  private down = new Set<number>();
  private lastAt = 0;
  private unknownKey = false;
  /** More keys than any code holds: the read is refused, never passed on cut short as if whole. */
  private tooLong = false;

  constructor(
    private readonly layout: KeyboardLayout = 'us',
    private readonly flushMs = WEDGE_FLUSH_MS,
  ) {}

  push(report: Uint8Array, atMs: number): DecoderOutput[] {
    const out = this.flushIfIdle(atMs);
    this.lastAt = atMs;
    const bytes = report.length === 9 ? report.subarray(1) : report;
    const mods = modifiersOf(bytes[0] ?? 0);
    const keys = [...bytes.subarray(2, 8)].filter((k) => k > 0x03);
    const pressed = keys.filter((k) => !this.down.has(k));
    this.down = new Set(keys);
    for (const usage of pressed) {
      if (usage === ENTER || usage === TAB || usage === KEYPAD_ENTER) {
        out.push(...this.flush());
        continue;
      }
      const char = usageToChar(usage, this.layout, mods);
      if (char === null) this.unknownKey = true;
      else if (this.text.length < MAX_READ_BYTES) this.text += char;
      else this.tooLong = true;
    }
    return out;
  }

  flushIfIdle(nowMs: number): DecoderOutput[] {
    return this.text.length > 0 && nowMs - this.lastAt >= this.flushMs ? this.flush() : [];
  }

  flush(): DecoderOutput[] {
    const text = this.text;
    const unknown = this.unknownKey;
    const tooLong = this.tooLong;
    this.text = '';
    this.unknownKey = false;
    this.tooLong = false;
    if (tooLong) return [decodeError('HID_READ_TOO_LONG')];
    if (unknown) return [decodeError('KEYBOARD_UNKNOWN_KEY')];
    return text.length === 0 ? [] : [{ type: 'read', text, aim: null }];
  }
}
