/** Builds HID POS reports as node-hid delivers them (64 bytes, report id first). */
export function hidPosReport(
  aim: string,
  data: Uint8Array | string,
  more: boolean,
  options: { reportId?: number; length?: number; vendorOffset?: boolean } = {},
): Uint8Array {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const report = new Uint8Array(64);
  const offset = options.vendorOffset ? 1 : 0;
  report[0] = options.reportId ?? 0x02;
  report[1] = options.length ?? bytes.length;
  if (offset) report[2] = 0x00;
  report.set(new TextEncoder().encode(aim), 2 + offset);
  report.set(bytes.subarray(0, 56), 5 + offset);
  report[61] = 0x73;
  report[63] = more ? 1 : 0;
  return report;
}

/** Splits a read into HID POS reports of at most 56 data bytes. */
export function hidPosReports(aim: string, text: string): Uint8Array[] {
  const bytes = new TextEncoder().encode(text);
  const reports: Uint8Array[] = [];
  for (let at = 0; at < bytes.length || at === 0; at += 56) {
    const chunk = bytes.subarray(at, at + 56);
    reports.push(hidPosReport(aim, chunk, at + 56 < bytes.length));
    if (bytes.length === 0) break;
  }
  return reports;
}

export const toHex = (report: Uint8Array): string => Buffer.from(report).toString('hex');

/** Boot keyboard reports (key down, all-zero release) for text typed by a US-configured scanner. */
export function usWedgeReports(text: string, suffix = 0x28): Uint8Array[] {
  const reports: Uint8Array[] = [];
  const US_SHIFTED = '!@#$%^&*()';
  for (const c of text) {
    let usage: number;
    let shift = false;
    if (/[a-z]/.test(c)) usage = 0x04 + c.charCodeAt(0) - 97;
    else if (/[A-Z]/.test(c)) {
      usage = 0x04 + c.charCodeAt(0) - 65;
      shift = true;
    } else if (/[1-9]/.test(c)) usage = 0x1e + Number(c) - 1;
    else if (c === '0') usage = 0x27;
    else if (US_SHIFTED.includes(c)) {
      usage = 0x1e + US_SHIFTED.indexOf(c);
      shift = true;
    } else if (c === '-') usage = 0x2d;
    else if (c === ':') {
      usage = 0x33;
      shift = true;
    } else if (c === '|') {
      usage = 0x31;
      shift = true;
    } else if (c === '/') usage = 0x38;
    else if (c === '.') usage = 0x37;
    else throw new Error(`no US usage for ${c}`);
    reports.push(Uint8Array.from([shift ? 0x02 : 0, 0, usage, 0, 0, 0, 0, 0]), new Uint8Array(8));
  }
  reports.push(Uint8Array.from([0, 0, suffix, 0, 0, 0, 0, 0]), new Uint8Array(8));
  return reports;
}
