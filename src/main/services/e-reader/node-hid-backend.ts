import type { HidBackend, HidDeviceHandle, HidDeviceInfo } from './hid-backend.js';

/**
 * node-hid (async API, so reads never block the main process). Loaded lazily: a workstation
 * without the native module or without libusb still starts, with the e-reader said absent.
 */
export async function nodeHidBackend(): Promise<HidBackend> {
  const hid = (await import('node-hid')).default;
  return {
    devices: async () => (await hid.devicesAsync()) as HidDeviceInfo[],
    open: async (path) => (await hid.HIDAsync.open(path)) as unknown as HidDeviceHandle,
  };
}
