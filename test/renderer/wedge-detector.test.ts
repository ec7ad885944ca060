import { describe, expect, it } from 'vitest';
import { WedgeDetector, type WedgeKey } from '../../src/renderer/keyboard/wedge-detector.js';

const key = (code: string, t: number, shiftKey = false): WedgeKey => ({ code, shiftKey, altKey: false, ctrlKey: false, metaKey: false, timeStamp: t });
const codesOf = (text: string) => [...text].map((c) => (/[0-9]/.test(c) ? { code: `Digit${c}`, shift: false } : { code: `Key${c.toUpperCase()}`, shift: c !== c.toLowerCase() }));

describe('WedgeDetector', () => {
  it('decodes a US scanner’s burst from physical keys, whatever the PC layout typed', () => {
    const d = new WedgeDetector();
    let t = 0;
    for (const k of codesOf('013XJ9K2M4P6R8T0V0')) expect(d.keydown(key(k.code, (t += 8), k.shift))).toEqual({ kind: 'none' });
    expect(d.keydown(key('Enter', (t += 8)))).toEqual({ kind: 'burst-end', text: '013XJ9K2M4P6R8T0V0' });
  });

  it('leaves a person’s typing alone (keys more than 40 ms apart), Enter included', () => {
    const d = new WedgeDetector();
    let t = 0;
    for (const k of codesOf('013XJ9K2')) d.keydown(key(k.code, (t += 120), k.shift));
    expect(d.isBurst()).toBe(false);
    expect(d.keydown(key('Enter', (t += 120)))).toEqual({ kind: 'none' });
  });

  it('needs at least 6 fast keys', () => {
    const d = new WedgeDetector();
    for (const [i, k] of codesOf('ABCDE').entries()) d.keydown(key(k.code, i * 5, true));
    expect(d.keydown(key('Enter', 30))).toEqual({ kind: 'none' });
  });

  it('ends a burst without suffix after 200 ms of silence, and on Tab', () => {
    const d = new WedgeDetector();
    for (const [i, k] of codesOf('ABCDEFG').entries()) d.keydown(key(k.code, i * 5, true));
    expect(d.silence(100)).toEqual({ kind: 'none' });
    expect(d.silence(300)).toEqual({ kind: 'burst-end', text: 'ABCDEFG' });
    const e = new WedgeDetector();
    for (const [i, k] of codesOf('abcdef').entries()) e.keydown(key(k.code, i * 5));
    expect(e.keydown(key('Tab', 40))).toEqual({ kind: 'burst-end', text: 'abcdef' });
  });

  it('ignores modifier keys and Ctrl shortcuts', () => {
    const d = new WedgeDetector();
    expect(d.keydown(key('ShiftLeft', 0))).toEqual({ kind: 'none' });
    expect(d.keydown({ ...key('KeyR', 1), ctrlKey: true })).toEqual({ kind: 'none' });
    expect(d.burstLength()).toBe(0);
  });
});
