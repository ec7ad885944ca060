import { MAX_READ_BYTES, bytesToText, decodeError, type DecoderOutput } from './reader-events.js';

/** HID POS scanned-data input report as node-hid delivers it (report id kept as byte 0). */
export const HID_POS_REPORT_ID = 0x02;
export const HID_POS_MAX_DATA = 56;
const AIM_START = 0x5d; // ']'

/** Silence after which a read announced as "more follows" is taken as complete. */
export const HID_POS_FLUSH_MS = 150;

/**
 * Reassembles HID POS reports into reads: concatenates while bit 0 of the last byte says more
 * follows, survives the vendor offset byte, the exactly-56-then-silence quirk, foreign report
 * ids, overlong lengths, truncated reports and reads interrupted by another symbology.
 * Time is passed in, so a live device (real timers) and a replayed capture (recorded delays) share it.
 */
export class HidPosAssembler {
  private chunks: Uint8Array[] = [];
  private size = 0;
  private aim: string | null = null;
  private lastAt = 0;
  private failed = false;

  constructor(private readonly flushMs = HID_POS_FLUSH_MS) {}

  get pending(): boolean {
    return this.aim !== null || this.failed;
  }

  push(report: Uint8Array, atMs: number): DecoderOutput[] {
    const out = this.flushIfIdle(atMs);
    if (report[0] !== HID_POS_REPORT_ID) return out;
    this.lastAt = atMs;
    const parsed = parseReport(report);
    if ('error' in parsed) {
      this.reset();
      this.failed = parsed.more;
      return [...out, decodeError(parsed.error)];
    }
    if (this.failed) {
      // The rest of a read already dropped: swallow it until its last report.
      this.failed = parsed.more;
      return out;
    }
    if (this.aim !== null && parsed.aim !== this.aim) {
      this.reset();
      out.push(decodeError('HID_READ_INTERRUPTED'));
    }
    this.aim = parsed.aim;
    this.chunks.push(parsed.data);
    this.size += parsed.data.length;
    if (this.size > MAX_READ_BYTES) {
      this.reset();
      this.failed = parsed.more;
      return [...out, decodeError('HID_READ_TOO_LONG')];
    }
    if (!parsed.more) out.push(this.complete());
    return out;
  }

  /** Emits a read left waiting for a continuation that never came. */
  flushIfIdle(nowMs: number): DecoderOutput[] {
    if (!this.pending || nowMs - this.lastAt < this.flushMs) return [];
    return this.flush();
  }

  flush(): DecoderOutput[] {
    if (this.failed) {
      this.reset();
      return [];
    }
    return this.aim === null ? [] : [this.complete()];
  }

  private complete(): DecoderOutput {
    const bytes = Buffer.concat(this.chunks);
    const aim = this.aim;
    this.reset();
    return { type: 'read', text: bytesToText(bytes), aim };
  }

  private reset(): void {
    this.chunks = [];
    this.size = 0;
    this.aim = null;
    this.failed = false;
  }
}

type ParsedReport =
  { aim: string; data: Uint8Array; more: boolean } | { error: 'HID_LENGTH_OVER_56' | 'HID_SHORT_REPORT' | 'HID_NO_AIM'; more: boolean };

function parseReport(report: Uint8Array): ParsedReport {
  const more = report.length >= 64 ? (report[63]! & 0x01) === 1 : false;
  const length = report[1] ?? 0;
  if (length > HID_POS_MAX_DATA) return { error: 'HID_LENGTH_OVER_56', more };
  // One vendor puts an extra byte before the AIM id: find ']' at byte 2 or 3.
  const aimAt = report[2] === AIM_START ? 2 : report[3] === AIM_START ? 3 : -1;
  if (aimAt < 0) return { error: 'HID_NO_AIM', more };
  const dataAt = aimAt + 3;
  if (report.length < dataAt + length) return { error: 'HID_SHORT_REPORT', more };
  const aim = String.fromCharCode(report[aimAt]!, report[aimAt + 1]!, report[aimAt + 2]!);
  return { aim, data: report.subarray(dataAt, dataAt + length), more };
}
