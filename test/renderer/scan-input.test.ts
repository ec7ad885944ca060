import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyLog, isValidCode, resolveScan, type PhysicalKey } from '../../src/renderer/keyboard/scan-input.js';
import { scannerKeys } from '../helpers/keyboard-emulation.js';

const press = (code: string, shiftKey = false): PhysicalKey => ({ code, shiftKey, altKey: false, ctrlKey: false, metaKey: false });

/** A scanner set to `scanner` typing `text` into a field of a PC set to `pc`: the log, and what the field shows. */
function typed(text: string, scanner: 'us' | 'fr', pc: 'us' | 'fr'): { log: KeyLog; shown: string } {
  const log = new KeyLog();
  const keys = scannerKeys(text, scanner, pc);
  for (const k of keys) log.record(press(k.code, k.shift));
  return { log, shown: keys.map((k) => k.shown).join('') };
}

const ID = '013XJ9K2M4P6R8T0V0';
const PACK = '010340093000123317271231' + '10LOT42';
const APCV = 'APCV1:01HZY3M5N7P9Q1R3S5T7V9W1X3:1765432100';

describe('a read ended by Entrée or Tab, without timing', () => {
  it.each([ID, PACK, APCV])('reads a US scanner on an AZERTY PC from its keys: %s', (code) => {
    const { log, shown } = typed(code, 'us', 'fr');
    expect(shown).not.toBe(code);
    expect(resolveScan(shown, log)).toEqual({ text: code, from: 'keys' });
  });

  it('takes the text as typed when it is valid: a person on AZERTY, or a scanner set to the PC’s layout', () => {
    const { log, shown } = typed(ID, 'fr', 'fr');
    expect(shown).toBe(ID);
    expect(resolveScan(shown, log)).toEqual({ text: ID, from: 'typed' });
    expect(resolveScan('013x-j9k2-m4p6-r8t0-v0', new KeyLog())).toEqual({ text: ID, from: 'typed' });
  });

  it('reads nothing when neither is valid: a wrong check character stays typed, for the field to say so', () => {
    const { log, shown } = typed('013XJ9K2M4P6R8T0V1', 'us', 'fr');
    expect(resolveScan(shown, log)).toBeNull();
  });

  it('follows Backspace, and gives up on the keys after a shortcut (a paste)', () => {
    const { log } = typed(`${ID}X`, 'us', 'fr');
    log.record(press('Backspace'));
    expect(log.asUs()).toBe(ID);
    log.record({ ...press('KeyV'), ctrlKey: true });
    expect(log.asUs()).toBeNull();
    log.clear();
    expect(log.asUs()).toBe('');
  });

  it('never takes a person’s name or random typing for a code', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789 -'), minLength: 1, maxLength: 30 }),
        (text) => {
          const { log, shown } = typed(text, 'fr', 'fr');
          const read = resolveScan(shown, log);
          // Only a text that is itself a valid code may be read: the check character guards the rest.
          if (read) expect(isValidCode(read.text)).toBe(true);
          expect(read === null || read.from === 'typed' || isValidCode(log.asUs() ?? '')).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
