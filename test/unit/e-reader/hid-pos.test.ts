import { describe, expect, it } from 'vitest';
import { HidPosAssembler } from '../../../src/main/services/e-reader/hid-pos-assembler.js';
import { hidPosReport, hidPosReports } from '../../helpers/hid-reports.js';

const URL60 = 'https://qr.example.invalid/v1?id=ABCDEF0123456789&t=QWZAM-42';

function run(reports: Uint8Array[], stepMs = 2) {
  const a = new HidPosAssembler();
  const out = reports.flatMap((r, i) => a.push(r, i * stepMs));
  return [...out, ...a.flush()];
}

describe('HID POS reassembly', () => {
  it('decodes the spec example split over two reports', () => {
    const first = Uint8Array.from(Buffer.from('02385D5131' + Buffer.from(URL60.slice(0, 56)).toString('hex') + '730001', 'hex'));
    const second = hidPosReport(']Q1', URL60.slice(56), false);
    expect(first).toHaveLength(64);
    expect(run([first, second])).toEqual([{ type: 'read', text: URL60, aim: ']Q1' }]);
  });

  it('keeps 0x00 and GS inside data, using the length byte', () => {
    const data = Uint8Array.from([0x30, 0x31, 0x00, 0x1d, 0x32]);
    expect(run([hidPosReport(']d2', data, false)])).toEqual([{ type: 'read', text: '01\u0000\u001d2', aim: ']d2' }]);
  });

  it('reassembles long reads over many reports', () => {
    const text = 'X'.repeat(56 * 5 + 7);
    expect(run(hidPosReports(']Q1', text))).toEqual([{ type: 'read', text, aim: ']Q1' }]);
  });

  it('flushes a final 56-byte chunk marked "more follows" after 150 ms of silence', () => {
    const a = new HidPosAssembler();
    const text = 'Y'.repeat(112);
    expect(a.push(hidPosReport(']Q1', text.slice(0, 56), true), 0)).toEqual([]);
    expect(a.push(hidPosReport(']Q1', text.slice(56), true), 5)).toEqual([]);
    expect(a.flushIfIdle(100)).toEqual([]);
    expect(a.flushIfIdle(160)).toEqual([{ type: 'read', text, aim: ']Q1' }]);
    expect(a.flushIfIdle(400)).toEqual([]);
  });

  it('flushes a pending read when the next report comes after the silence', () => {
    const a = new HidPosAssembler();
    a.push(hidPosReport(']Q1', 'A'.repeat(56), true), 0);
    const out = a.push(hidPosReport(']Q1', '013XJ9K2M4P6R8T0V0', false), 500);
    expect(out).toEqual([
      { type: 'read', text: 'A'.repeat(56), aim: ']Q1' },
      { type: 'read', text: '013XJ9K2M4P6R8T0V0', aim: ']Q1' },
    ]);
  });

  it('survives the vendor that puts an extra byte before the AIM id', () => {
    expect(run([hidPosReport(']Q1', '013XJ9K2M4P6R8T0V0', false, { vendorOffset: true })])).toEqual([
      { type: 'read', text: '013XJ9K2M4P6R8T0V0', aim: ']Q1' },
    ]);
  });

  it('ignores reports with another report id', () => {
    expect(run([hidPosReport(']Q1', 'noise', false, { reportId: 0x04 }), hidPosReport(']Q1', 'ok', false)])).toEqual([
      { type: 'read', text: 'ok', aim: ']Q1' },
    ]);
  });

  it('drops a read whose length byte is over 56, with the rest of it, and goes on', () => {
    const out = run([
      hidPosReport(']Q1', 'x', true, { length: 57 }),
      hidPosReport(']Q1', 'rest', false),
      hidPosReport(']Q1', 'next', false),
    ]);
    expect(out).toEqual([
      { type: 'error', code: 'HID_LENGTH_OVER_56', message: expect.stringMatching(/ignorée/) },
      { type: 'read', text: 'next', aim: ']Q1' },
    ]);
  });

  it('reports a read interrupted by another symbology', () => {
    const out = run([hidPosReport(']Q1', 'A'.repeat(56), true), hidPosReport(']d2', '0103400930000014', false)]);
    expect(out[0]).toMatchObject({ type: 'error', code: 'HID_READ_INTERRUPTED' });
    expect(out[1]).toEqual({ type: 'read', text: '0103400930000014', aim: ']d2' });
  });

  it('cuts an endless continuation', () => {
    const reports = Array.from({ length: 200 }, () => hidPosReport(']Q1', 'Z'.repeat(56), true));
    reports.push(hidPosReport(']Q1', 'after', false));
    const out = run(reports);
    expect(out.filter((o) => o.type === 'error').map((o) => (o as { code: string }).code)).toEqual(['HID_READ_TOO_LONG']);
    expect(out.filter((o) => o.type === 'read')).toEqual([]);
    expect(run([hidPosReport(']Q1', 'ok', false)])).toHaveLength(1);
  });

  it('refuses truncated reports and trims a trailing CR/LF', () => {
    expect(run([hidPosReport(']Q1', 'abc', false).subarray(0, 6)])).toEqual([
      { type: 'error', code: 'HID_SHORT_REPORT', message: expect.any(String) },
    ]);
    expect(run([hidPosReport(']Q1', 'abc\r\n', false)])).toEqual([{ type: 'read', text: 'abc', aim: ']Q1' }]);
  });

  it('never throws on random bytes', () => {
    const a = new HidPosAssembler();
    for (let i = 0; i < 5000; i++) {
      const size = Math.floor(Math.random() * 80);
      const report = Uint8Array.from({ length: size }, () => Math.floor(Math.random() * 256));
      if (Math.random() < 0.5) report[0] = 2;
      expect(() => a.push(report, i)).not.toThrow();
    }
  });
});
