import { classifyCode } from '../../../shared/codes/classify.js';
import type { ReaderStatus, ReadEvent } from '../../../shared/contract/ipc-contract.js';
import type { KeyboardLayout } from '../../../shared/keyboard/hid-usages.js';
import type { EventBus } from '../event-bus.js';
import type { Logger } from '../logger.js';
import { ReportDecoder } from './report-decoder.js';
import type { DecoderOutput } from './reader-events.js';

const IDLE_CHECK_MS = 160;

/**
 * Where every read ends up, whatever brought it (a HID device, the virtual e-reader, a scanner
 * typing in the window, an image): decoded per source, classified, announced as `reader.scanned`.
 */
export class EReaderHub {
  private readonly decoders = new Map<string, { decoder: ReportDecoder; timer: NodeJS.Timeout | null }>();
  private lastRead: ReadEvent | null = null;
  private status: ReaderStatus = {
    state: 'absent',
    device: null,
    message: 'Aucun lecteur connecté : le lecteur virtuel et la saisie restent disponibles.',
  };

  constructor(
    private readonly bus: EventBus,
    private readonly log: Logger,
    private readonly layout: KeyboardLayout = 'us',
  ) {}

  currentStatus(): ReaderStatus {
    return this.status;
  }

  setStatus(status: ReaderStatus): void {
    this.status = status;
    this.bus.emit('reader.status', status);
  }

  /** Raw reports from one device (or the virtual e-reader), decoded with that device's state. */
  feedReports(sourceId: string, reports: Uint8Array[], source: ReadEvent['source'] = 'e-reader'): ReadEvent[] {
    const entry = this.decoderFor(sourceId);
    const now = performance.now();
    const events = reports.flatMap((r) => this.publish(entry.decoder.push(r, now), source));
    this.scheduleFlush(sourceId, source);
    return events;
  }

  /** A read already decoded (a scanner typing in the window, a camera, an image, a person). */
  feedText(text: string, source: ReadEvent['source'], aim: string | null = null): ReadEvent {
    const event: ReadEvent = { source, code: classifyCode(text, aim), at: new Date().toISOString() };
    this.announce(event);
    return event;
  }

  private decoderFor(sourceId: string) {
    let entry = this.decoders.get(sourceId);
    if (!entry) {
      entry = { decoder: new ReportDecoder(this.layout), timer: null };
      this.decoders.set(sourceId, entry);
    }
    return entry;
  }

  /** A read announced as "more follows" and then silence is flushed after the quirk delay. */
  private scheduleFlush(sourceId: string, source: ReadEvent['source']): void {
    const entry = this.decoderFor(sourceId);
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      entry.timer = null;
      this.publish(entry.decoder.flushIfIdle(performance.now()), source);
    }, IDLE_CHECK_MS);
    entry.timer.unref();
  }

  private publish(outputs: DecoderOutput[], source: ReadEvent['source']): ReadEvent[] {
    const events: ReadEvent[] = [];
    for (const output of outputs) {
      if (output.type === 'error') {
        this.log.warn('reader.dropped', { code: output.code });
        this.bus.emit('reader.status', { ...this.status, message: output.message });
        continue;
      }
      const event: ReadEvent = { source, code: classifyCode(output.text, output.aim), at: new Date().toISOString() };
      this.announce(event);
      events.push(event);
    }
    return events;
  }

  /** The last read for the diagnostic page: its kind and when, never its content (it may be personal). */
  lastReadSummary(): string | null {
    return this.lastRead ? `${this.lastRead.code.kind} (${this.lastRead.source}) à ${this.lastRead.at}` : null;
  }

  private announce(event: ReadEvent): void {
    this.lastRead = event;
    this.log.info('reader.read', {
      source: event.source,
      kind: event.code.kind,
      reason: event.code.kind === 'unknown' ? event.code.reason : null,
    });
    this.bus.emit('reader.scanned', event);
  }
}
