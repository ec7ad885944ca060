import { readFileSync } from 'node:fs';
import { parseCapture } from '../src/main/services/e-reader/capture-file.js';
import { ReportDecoder } from '../src/main/services/e-reader/report-decoder.js';
import type { Row } from './bench-kit.js';

/** From the captures' own report timings: when does the 18-character id arrive, HID POS versus keyboard wedge? */
export async function readerTimingBench(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [mode, file] of [
    ['HID POS', 'eprescription-hidpos.hex'],
    ['keyboard wedge (US, Enter)', 'eprescription-wedge-us.hex'],
  ] as const) {
    const decoder = new ReportDecoder('us');
    let clock = 0;
    let reports = 0;
    let arrivedAt: number | null = null;
    const t = performance.now();
    for (const line of parseCapture(readFileSync(`fixtures/e-reader/${file}`, 'utf8'))) {
      if ('error' in line) continue;
      clock += line.delayMs;
      reports++;
      if (decoder.push(line.bytes, clock).some((o) => o.type === 'read') && arrivedAt === null) arrivedAt = clock;
    }
    rows.push({ mode, reports, 'id arrives after (ms, device timing)': arrivedAt ?? NaN, 'decode CPU (ms)': performance.now() - t });
  }
  const hid = Number(rows[0]?.['id arrives after (ms, device timing)']);
  const wedge = Number(rows[1]?.['id arrives after (ms, device timing)']);
  rows.push({ mode: 'ratio wedge / HID POS', reports: '', 'id arrives after (ms, device timing)': wedge / hid, 'decode CPU (ms)': '' });
  return rows;
}
