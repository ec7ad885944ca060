import { describe, expect, it } from 'vitest';
import { BootKeyboardDecoder } from '../../../src/main/services/e-reader/boot-keyboard-decoder.js';
import { MAX_READ_BYTES } from '../../../src/main/services/e-reader/reader-events.js';
import { proposalSchema } from '../../../src/shared/contract/counter-schemas.js';

describe('inputs are bounded at the boundary', () => {
  it('a keyboard read longer than any code is refused, never passed on cut short', () => {
    const decoder = new BootKeyboardDecoder('us', 50);
    const key = (usage: number) => Uint8Array.from([0, 0, usage, 0, 0, 0, 0, 0]);
    const release = Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0]);
    let t = 0;
    for (let i = 0; i <= MAX_READ_BYTES; i++) {
      decoder.push(key(0x04), (t += 1));
      decoder.push(release, (t += 1));
    }
    expect(decoder.push(key(0x28), (t += 1))).toEqual([expect.objectContaining({ type: 'error', code: 'HID_READ_TOO_LONG' })]);
    decoder.push(release, (t += 1));
    // The next read is whole again.
    decoder.push(key(0x04), (t += 1));
    decoder.push(release, (t += 1));
    expect(decoder.push(key(0x28), (t += 1))).toEqual([{ type: 'read', text: 'a', aim: null }]);
  });

  it('the control window’s answers name 30 lines at most', () => {
    const justifications = Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`L${i}`, { reason: 'x' }]));
    expect(proposalSchema.safeParse({ renewalNumber: 0, lines: [], counterPatient: null, justifications }).success).toBe(false);
    expect(
      proposalSchema.safeParse({ renewalNumber: 0, lines: [], counterPatient: null, justifications: { L1: { reason: 'x' } } }).success,
    ).toBe(true);
    expect(proposalSchema.safeParse({ renewalNumber: 0, lines: [], counterPatient: { nir: '1'.repeat(16) } }).success).toBe(false);
  });
});
