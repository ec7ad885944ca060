import type { KeyboardLayout } from '../../../shared/keyboard/hid-usages.js';
import { BootKeyboardDecoder } from './boot-keyboard-decoder.js';
import { HidPosAssembler } from './hid-pos-assembler.js';
import type { DecoderOutput } from './reader-events.js';

/**
 * One decoder for a stream of reports from one device, whatever its mode: 64-byte reports are
 * HID POS, 8- or 9-byte ones boot keyboard. The live service, the replay command and the virtual
 * e-reader all go through this.
 */
export class ReportDecoder {
  private readonly hidPos = new HidPosAssembler();
  private readonly keyboard: BootKeyboardDecoder;

  constructor(layout: KeyboardLayout = 'us') {
    this.keyboard = new BootKeyboardDecoder(layout);
  }

  push(report: Uint8Array, atMs: number): DecoderOutput[] {
    if (report.length === 8 || report.length === 9) return [...this.hidPos.flushIfIdle(atMs), ...this.keyboard.push(report, atMs)];
    if (report.length === 0) return [];
    return [...this.keyboard.flushIfIdle(atMs), ...this.hidPos.push(report, atMs)];
  }

  flushIfIdle(nowMs: number): DecoderOutput[] {
    return [...this.hidPos.flushIfIdle(nowMs), ...this.keyboard.flushIfIdle(nowMs)];
  }

  flush(): DecoderOutput[] {
    return [...this.hidPos.flush(), ...this.keyboard.flush()];
  }
}
