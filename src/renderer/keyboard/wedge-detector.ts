import { ENTER, KEYPAD_ENTER, TAB, codeToUsage, usageToChar } from '../../shared/keyboard/hid-usages.js';

/** A scanner types far faster than a person: at least 6 keys under ~40 ms apart. */
export const WEDGE_MIN_KEYS = 6;
export const WEDGE_MAX_GAP_MS = 40;
export const WEDGE_SILENCE_MS = 200;

export type WedgeKey = { code: string; shiftKey: boolean; altKey: boolean; ctrlKey: boolean; metaKey: boolean; timeStamp: number };
export type WedgeVerdict = { kind: 'none' } | { kind: 'burst-end'; text: string };

/**
 * Tells a scanner typing into the window from a person, and decodes the scanner's burst from the
 * physical keys (`KeyboardEvent.code`) as a US-configured scanner types them — so an AZERTY PC's
 * garbled characters never matter.
 */
export class WedgeDetector {
  private keys: WedgeKey[] = [];

  /** Feeds a keydown; says when it ends a burst (Enter/Tab after a burst). */
  keydown(key: WedgeKey): WedgeVerdict {
    if (key.ctrlKey || key.metaKey || /^(Shift|Alt|Control|Meta)(Left|Right)$/.test(key.code)) return { kind: 'none' };
    const last = this.keys[this.keys.length - 1];
    if (last && key.timeStamp - last.timeStamp > WEDGE_MAX_GAP_MS) this.keys = [];
    const usage = codeToUsage(key.code);
    if ((usage === ENTER || usage === TAB || usage === KEYPAD_ENTER) && this.isBurst()) {
      const text = this.decode();
      this.keys = [];
      return { kind: 'burst-end', text };
    }
    if (usage === ENTER || usage === TAB || usage === KEYPAD_ENTER) {
      this.keys = [];
      return { kind: 'none' };
    }
    this.keys.push(key);
    return { kind: 'none' };
  }

  /** After WEDGE_SILENCE_MS without a key, a burst without suffix is complete. */
  silence(nowMs: number): WedgeVerdict {
    const last = this.keys[this.keys.length - 1];
    if (!last || nowMs - last.timeStamp < WEDGE_SILENCE_MS || !this.isBurst()) return { kind: 'none' };
    const text = this.decode();
    this.keys = [];
    return { kind: 'burst-end', text };
  }

  /** True while the keys so far look like a scanner (the field must not act on them). */
  isBurst(): boolean {
    return this.keys.length >= WEDGE_MIN_KEYS;
  }

  burstLength(): number {
    return this.keys.length;
  }

  private decode(): string {
    return this.keys
      .map((k) => {
        const usage = codeToUsage(k.code);
        return usage === null ? '' : (usageToChar(usage, 'us', { shift: k.shiftKey, altGr: false }) ?? '');
      })
      .join('');
  }
}
