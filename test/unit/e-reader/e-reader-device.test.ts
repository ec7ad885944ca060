import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { formatDeviceList } from '../../../src/cli/commands/hid-list-command.js';
import { BEEP_ERROR, BEEP_GOOD, EReaderDevice, deviceErrorMessage } from '../../../src/main/services/e-reader/e-reader-device.js';
import { EReaderHub } from '../../../src/main/services/e-reader/e-reader-hub.js';
import {
  selectReaders,
  type HidBackend,
  type HidDeviceHandle,
  type HidDeviceInfo,
} from '../../../src/main/services/e-reader/hid-backend.js';
import { EventBus } from '../../../src/main/services/event-bus.js';
import { silentLogger } from '../../../src/main/services/logger.js';
import type { ReadEvent, ReaderStatus } from '../../../src/shared/contract/ipc-contract.js';
import { hidPosReport, hidPosReports } from '../../helpers/hid-reports.js';
import { runComptoir } from '../../helpers/processes.js';

const POS: HidDeviceInfo = {
  path: '/dev/hidraw3',
  vendorId: 0x0c2e,
  productId: 0x0b61,
  usagePage: 0x8c,
  usage: 0x02,
  manufacturer: 'Honeywell',
  product: 'Xenon 1950g',
};
const KEYBOARD: HidDeviceInfo = {
  path: '/dev/hidraw1',
  vendorId: 0x046d,
  productId: 0xc31c,
  usagePage: 0x01,
  usage: 0x06,
  product: 'Clavier',
};

/** A fake device fed with real report bytes, that can be unplugged. */
class FakeDevice extends EventEmitter implements HidDeviceHandle {
  writes: number[][] = [];
  closed = false;
  override on(event: 'data' | 'error', listener: (arg: any) => void): this {
    return super.on(event, listener);
  }
  async write(bytes: number[]): Promise<number> {
    this.writes.push(bytes);
    return bytes.length;
  }
  async close(): Promise<void> {
    this.closed = true;
  }
}

function setup(devices: () => HidDeviceInfo[], open: (path: string) => Promise<FakeDevice>) {
  const bus = new EventBus();
  const reads: ReadEvent[] = [];
  const statuses: ReaderStatus[] = [];
  bus.subscribe((event, payload) => {
    if (event === 'reader.scanned') reads.push(payload as ReadEvent);
    if (event === 'reader.status') statuses.push(payload as ReaderStatus);
  });
  const hub = new EReaderHub(bus, silentLogger);
  const backend: HidBackend = { devices: async () => devices(), open };
  const device = new EReaderDevice(backend, hub, bus, silentLogger, { pollMs: 10, maxBackoffMs: 40 });
  return { device, reads, statuses, hub };
}

const until = async (check: () => boolean, ms = 2000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('the live e-reader on node-hid', () => {
  it('selects HID POS devices only (usage page 0x8C, usage 2), narrowed by configured ids or a chosen path', () => {
    expect(selectReaders([KEYBOARD, POS])).toEqual([POS]);
    expect(selectReaders([KEYBOARD, POS], { vendorProductIds: [{ vendorId: 0x05e0, productId: 0x1200 }] })).toEqual([]);
    expect(selectReaders([KEYBOARD, POS], { path: '/dev/hidraw1' })).toEqual([KEYBOARD]);
  });

  it('opens by path, decodes report bytes into classified reads, and beeps good or bad', async () => {
    const fake = new FakeDevice();
    const opened: string[] = [];
    const { device, reads, statuses } = setup(
      () => [KEYBOARD, POS],
      async (path) => (opened.push(path), fake),
    );
    device.start();
    await until(() => statuses.some((s) => s.state === 'ready'));
    expect(opened).toEqual(['/dev/hidraw3']);
    expect(statuses.at(-1)?.message).toMatch(/E-lecteur prêt : Honeywell Xenon 1950g \(0c2e:0b61\)/);
    for (const r of hidPosReports(']Q1', '013XJ9K2M4P6R8T0V0')) fake.emit('data', Buffer.from(r));
    fake.emit('data', Buffer.from(hidPosReport(']Q1', '<b>hostile</b>', false)));
    await until(() => reads.length === 2);
    expect(reads.map((r) => r.code.kind)).toEqual(['eprescription', 'unknown']);
    await until(() => fake.writes.length === 2);
    expect(fake.writes).toEqual([BEEP_GOOD, BEEP_ERROR]);
    await device.stop();
  });

  it('survives unplugging: error → close → status → reconnects with backoff', async () => {
    const devices: FakeDevice[] = [];
    let plugged = true;
    const { device, reads, statuses } = setup(
      () => (plugged ? [POS] : []),
      async () => {
        const d = new FakeDevice();
        devices.push(d);
        return d;
      },
    );
    device.start();
    await until(() => devices.length === 1);
    plugged = false;
    devices[0]!.emit('error', new Error('could not read from HID device'));
    await until(() => devices[0]!.closed && statuses.some((s) => s.state === 'absent'));
    expect(statuses.some((s) => s.state === 'error' && /reconnexion/.test(s.message))).toBe(true);
    plugged = true;
    await until(() => devices.length === 2 && statuses.at(-1)?.state === 'ready');
    devices[1]!.emit('data', Buffer.from(hidPosReport(']Q1', '010000000000000ABZ', false)));
    await until(() => reads.length === 1);
    await device.stop();
  });

  it('names the udev rule when Linux refuses the device', async () => {
    const { device, statuses } = setup(
      () => [POS],
      async () => {
        throw new Error('cannot open device with path /dev/hidraw3');
      },
    );
    device.start();
    await until(() => statuses.some((s) => s.state === 'error'));
    expect(statuses.find((s) => s.state === 'error')?.message).toMatch(
      /Accès refusé à l’e-lecteur : installez la règle udev .*70-comptoir-e-reader\.rules/,
    );
    expect(deviceErrorMessage(new Error('EACCES'))).toMatch(/udev/);
    await device.stop();
  });
});

describe('comptoir hid-list', () => {
  it('marks the devices the workstation would use', () => {
    const lines = formatDeviceList([KEYBOARD, POS]);
    expect(lines[0]).toMatch(/^ {2}046d:c31c {2}usage 01:06/);
    expect(lines[1]).toMatch(/^\* 0c2e:0b61 {2}usage 8c:02 {2}\/dev\/hidraw3 {2}Honeywell Xenon 1950g$/);
    expect(lines[2]).toBe('1 lecteur(s) utilisable(s) sur 2 périphérique(s) HID (* = utilisé par Comptoir).');
    expect(formatDeviceList([])[0]).toMatch(/udev/);
  });

  it('runs on this machine through node-hid (no device here)', async () => {
    const res = await runComptoir(['hid-list']);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/périphérique/);
  });
});
