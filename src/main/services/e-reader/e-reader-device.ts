import type { ReaderStatus } from '../../../shared/contract/ipc-contract.js';
import type { EventBus } from '../event-bus.js';
import type { Logger } from '../logger.js';
import type { EReaderHub } from './e-reader-hub.js';
import { selectReaders, type DeviceFilter, type HidBackend, type HidDeviceHandle, type HidDeviceInfo } from './hid-backend.js';

/** Honeywell-layout output report 4: byte 1 bit 0 = good-read LED, bit 1 = good-read beep, bit 2 = error beep. */
export const BEEP_GOOD = [0x04, 0x03, 0, 0, 0, 0, 0, 0];
export const BEEP_ERROR = [0x04, 0x04, 0, 0, 0, 0, 0, 0];

export const UDEV_HINT =
  'installez la règle udev fournie (sudo cp 70-comptoir-e-reader.rules /etc/udev/rules.d/ && sudo udevadm control --reload-rules), puis rebranchez le lecteur';

/** One French sentence for a device error; Linux permission problems name the udev rule to install. */
export function deviceErrorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (/permission|EACCES|cannot open device/i.test(text)) return `Accès refusé à l’e-lecteur : ${UDEV_HINT}.`;
  return 'E-lecteur déconnecté ou en erreur : reconnexion en cours.';
}

export type DeviceServiceOptions = { filter?: DeviceFilter; pollMs?: number; maxBackoffMs?: number };

/**
 * The live e-reader: finds a HID POS device, opens it by path, feeds its reports to the hub,
 * survives unplugging (error → close → retry with backoff), reports its status, beeps on reads.
 */
export class EReaderDevice {
  private handle: HidDeviceHandle | null = null;
  private device: HidDeviceInfo | null = null;
  private timer: NodeJS.Timeout | null = null;
  private failures = 0;
  private stopped = false;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly backend: HidBackend,
    private readonly hub: EReaderHub,
    private readonly bus: EventBus,
    private readonly log: Logger,
    private readonly options: DeviceServiceOptions = {},
  ) {}

  start(): void {
    this.stopped = false;
    this.unsubscribe = this.bus.subscribe((event, payload) => {
      if (event !== 'reader.scanned' || !this.handle) return;
      const read = payload as { source: string; code: { kind: string } };
      if (read.source === 'e-reader') void this.beep(read.code.kind !== 'unknown');
    });
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.timer) clearTimeout(this.timer);
    await this.closeHandle();
  }

  /** Looks for a reader and opens it; absent or failing, tries again later. */
  async connect(): Promise<boolean> {
    if (this.stopped || this.handle) return this.handle !== null;
    let candidates: HidDeviceInfo[] = [];
    try {
      candidates = selectReaders(await this.backend.devices(), this.options.filter);
    } catch (error) {
      this.setStatus({ state: 'error', device: null, message: deviceErrorMessage(error) });
      return this.retryLater();
    }
    const device = candidates[0];
    if (!device) {
      this.setStatus({
        state: 'absent',
        device: null,
        message: 'Aucun e-lecteur HID POS branché : le lecteur virtuel et la saisie restent disponibles.',
      });
      return this.retryLater();
    }
    try {
      const handle = await this.backend.open(device.path);
      handle.on('data', (data) => this.hub.feedReports(device.path, [new Uint8Array(data)]));
      handle.on('error', (error) => void this.onDeviceError(error));
      this.handle = handle;
      this.device = device;
      this.failures = 0;
      this.setStatus({ state: 'ready', device: describe(device), message: `E-lecteur prêt : ${describe(device)}.` });
      return true;
    } catch (error) {
      this.setStatus({ state: 'error', device: describe(device), message: deviceErrorMessage(error) });
      this.log.warn('reader.open_failed', { vendorId: device.vendorId, productId: device.productId });
      return this.retryLater();
    }
  }

  async beep(good: boolean): Promise<void> {
    try {
      await this.handle?.write(good ? BEEP_GOOD : BEEP_ERROR);
    } catch {
      // A reader without a beeper (or mid-unplug) is not an error worth telling the pharmacist.
    }
  }

  private async onDeviceError(error: Error): Promise<void> {
    this.log.warn('reader.device_error', {});
    this.setStatus({ state: 'error', device: this.device ? describe(this.device) : null, message: deviceErrorMessage(error) });
    await this.closeHandle();
    this.retryLater();
  }

  private async closeHandle(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    try {
      await handle?.close();
    } catch {
      // Already gone with the unplugged device.
    }
  }

  private retryLater(): false {
    if (this.stopped) return false;
    const delay = Math.min(this.options.maxBackoffMs ?? 30_000, (this.options.pollMs ?? 2_000) * 2 ** Math.min(this.failures++, 4));
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.connect(), delay);
    this.timer.unref();
    return false;
  }

  private setStatus(status: ReaderStatus): void {
    this.hub.setStatus(status);
  }
}

function describe(d: HidDeviceInfo): string {
  const name = [d.manufacturer, d.product].filter(Boolean).join(' ') || 'lecteur HID';
  return `${name} (${d.vendorId.toString(16).padStart(4, '0')}:${d.productId.toString(16).padStart(4, '0')})`;
}
