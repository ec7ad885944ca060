import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayCapture } from '../../../src/cli/commands/hid-replay-command.js';
import { hidPosReport, toHex, usWedgeReports } from '../../helpers/hid-reports.js';
import { runComptoir } from '../../helpers/processes.js';

const fixture = (name: string) => readFileSync(join('fixtures/e-reader', name), 'utf8');
const capture = (reports: Uint8Array[], delay = 2) => reports.map((r) => `+${delay} ${toHex(r)}`).join('\n');

describe('hid-replay on the shared captures', () => {
  it.each([
    ['eprescription-hidpos.hex', 'us', { kind: 'eprescription', id: '013XJ9K2M4P6R8T0V0', aim: ']Q1' }],
    ['eprescription-wedge-us.hex', 'us', { kind: 'eprescription', id: '013XJ9K2M4P6R8T0V0', aim: null }],
    [
      'medicine-pack-hidpos.hex',
      'us',
      { kind: 'medicine-pack', cip13: '3400930000014', expiry: '2029-05-31', batch: 'A1B2C3', serial: '0000000001', aim: ']d2' },
    ],
    ['short-hidpos-nodehid.hex', 'us', { kind: 'unknown', text: 'TEST-ORDO-20250101-AB12CD34' }],
    ['short-wedge-us.hex', 'us', { kind: 'unknown', text: 'TEST-ORDO-20250101-AB12CD34' }],
    ['short-wedge-fr.hex', 'fr', { kind: 'unknown', text: 'TEST-ORDO-20250101-AB12CD34' }],
    [
      'long-hidpos-nodehid.hex',
      'us',
      { kind: 'unknown', text: 'https://qr.example.invalid/v1?id=ABCDEF0123456789&t=QWZAM-42', reason: 'UNRECOGNIZED' },
    ],
    ['long-wedge-us.hex', 'us', { kind: 'unknown', text: 'https://qr.example.invalid/v1?id=ABCDEF0123456789&t=QWZAM-42' }],
  ] as const)('%s (--layout %s)', (file, layout, expected) => {
    const lines = replayCapture(fixture(file), layout);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject(expected);
  });

  it('is not fooled into AZERTY: a US capture read as French is not the id', () => {
    expect(replayCapture(fixture('short-wedge-us.hex'), 'fr')[0]).toMatchObject({ text: 'TEST)ORDO)éàé(à&à&)QB&éCD"\'' });
  });
});

describe('hid-replay on our own captures', () => {
  it('replays noise, overlong length, interleaving and several reads, going on after errors', () => {
    const text = capture([
      hidPosReport(']Q1', 'junk', false, { reportId: 0x05 }),
      hidPosReport(']Q1', 'x', false, { length: 200 }),
      hidPosReport(']Q1', 'A'.repeat(56), true),
      hidPosReport(']d2', '0103400930000014', false),
      ...usWedgeReports('013XJ9K2M4P6R8T0V0'),
      hidPosReport(']Q1', '013XJ9K2M4P6R8T0V0', false, { vendorOffset: true }),
    ]);
    const lines = replayCapture(`# mixed capture\n${text}\nnot hex at all\n`, 'us');
    expect(lines).toEqual([
      { error: 'HID_LENGTH_OVER_56', message: expect.any(String) },
      { error: 'HID_READ_INTERRUPTED', message: expect.any(String) },
      expect.objectContaining({ kind: 'medicine-pack', cip13: '3400930000014', expiry: null }),
      expect.objectContaining({ kind: 'eprescription', aim: null }),
      expect.objectContaining({ kind: 'eprescription', aim: ']Q1' }),
      { error: 'CAPTURE_LINE_INVALID', message: expect.stringMatching(/ligne/) },
    ]);
  });

  it('flushes the 56-then-silence quirk at the recorded delay', () => {
    const text = [
      `+0 ${toHex(hidPosReport(']Q1', 'B'.repeat(56), true))}`,
      `+400 ${toHex(hidPosReport(']Q1', '013XJ9K2M4P6R8T0V0', false))}`,
    ].join('\n');
    expect(replayCapture(text, 'us').map((l) => (l as { text: string }).text)).toEqual(['B'.repeat(56), '013XJ9K2M4P6R8T0V0']);
  });

  it('ends a wedge read on Tab, or on 200 ms of silence', () => {
    expect(replayCapture(capture(usWedgeReports('013XJ9K2M4P6R8T0V0', 0x2b)), 'us')).toEqual([
      expect.objectContaining({ kind: 'eprescription' }),
    ]);
    const noSuffix = usWedgeReports('ABCDEFGH').slice(0, -2);
    const text = `${capture(noSuffix, 8)}\n+300 ${toHex(hidPosReport(']Q1', 'next', false))}`;
    expect(replayCapture(text, 'us').map((l) => (l as { text: string }).text)).toEqual(['ABCDEFGH', 'next']);
  });

  it('prints one JSON line per read from the command', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'replay-'));
    const file = join(dir, 'c.hex');
    writeFileSync(file, fixture('eprescription-hidpos.hex') + fixture('medicine-pack-hidpos.hex'));
    const res = await runComptoir(['hid-replay', file]);
    expect(res.code).toBe(0);
    expect(
      res.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).kind),
    ).toEqual(['eprescription', 'medicine-pack']);
    const fr = await runComptoir(['hid-replay', '--layout', 'fr', join('fixtures/e-reader', 'short-wedge-fr.hex')]);
    expect(JSON.parse(fr.stdout).text).toBe('TEST-ORDO-20250101-AB12CD34');
    const bad = await runComptoir(['hid-replay', '--layout', 'de', file]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/us ou fr/);
  });
});
