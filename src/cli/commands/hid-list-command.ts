import { parseArgs } from 'node:util';
import { selectReaders, type HidDeviceInfo } from '../../main/services/e-reader/hid-backend.js';
import { nodeHidBackend } from '../../main/services/e-reader/node-hid-backend.js';
import { UDEV_HINT } from '../../main/services/e-reader/e-reader-device.js';

export const HID_LIST_USAGE = 'comptoir hid-list [--json]';

const hex = (n: number | undefined, width: number): string => (n ?? 0).toString(16).padStart(width, '0');

/** One line per device; `*` marks the ones the workstation would use (HID POS, usage page 0x8C / usage 2). */
export function formatDeviceList(devices: HidDeviceInfo[]): string[] {
  const used = new Set(selectReaders(devices).map((d) => d.path));
  if (devices.length === 0) return [`Aucun périphérique HID visible. Sous Linux, si un lecteur est branché : ${UDEV_HINT}.`];
  const lines = devices.map((d) =>
    `${used.has(d.path) ? '*' : ' '} ${hex(d.vendorId, 4)}:${hex(d.productId, 4)}  usage ${hex(d.usagePage, 2)}:${hex(d.usage, 2)}  ${d.path}  ${[d.manufacturer, d.product].filter(Boolean).join(' ')}`.trimEnd(),
  );
  lines.push(`${used.size} lecteur(s) utilisable(s) sur ${devices.length} périphérique(s) HID (* = utilisé par Comptoir).`);
  return lines;
}

export async function hidListCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } }, strict: true });
  let devices: HidDeviceInfo[];
  try {
    devices = await (await nodeHidBackend()).devices();
  } catch {
    process.stderr.write('Impossible d’interroger les périphériques HID : vérifiez que libusb-1.0 est installé.\n');
    process.exit(1);
  }
  if (values.json) {
    const used = new Set(selectReaders(devices).map((d) => d.path));
    for (const d of devices) process.stdout.write(`${JSON.stringify({ ...d, used: used.has(d.path) })}\n`);
    return;
  }
  for (const line of formatDeviceList(devices)) process.stdout.write(`${line}\n`);
}
