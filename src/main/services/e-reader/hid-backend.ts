/** What we need of a HID stack: list devices, open one by path. node-hid in production, a fake in tests. */
export type HidDeviceInfo = {
  path: string;
  vendorId: number;
  productId: number;
  usagePage?: number;
  usage?: number;
  manufacturer?: string;
  product?: string;
  serialNumber?: string;
  interface?: number;
};

export interface HidDeviceHandle {
  on(event: 'data', listener: (data: Buffer) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  write(bytes: number[]): Promise<number>;
  close(): Promise<void>;
}

export interface HidBackend {
  devices(): Promise<HidDeviceInfo[]>;
  open(path: string): Promise<HidDeviceHandle>;
}

/** HID POS scanner: usage page 0x8C (bar code scanner), usage 0x02 (scanner). */
export const HID_POS_USAGE_PAGE = 0x8c;
export const HID_POS_USAGE = 0x02;

export type DeviceFilter = { vendorProductIds?: { vendorId: number; productId: number }[]; path?: string | null };

/** The devices the workstation would use: HID POS ones (a configured list of ids only narrows it), or the chosen path. */
export function selectReaders(devices: HidDeviceInfo[], filter: DeviceFilter = {}): HidDeviceInfo[] {
  if (filter.path) return devices.filter((d) => d.path === filter.path);
  return devices.filter(
    (d) =>
      d.usagePage === HID_POS_USAGE_PAGE &&
      d.usage === HID_POS_USAGE &&
      (!filter.vendorProductIds?.length || filter.vendorProductIds.some((v) => v.vendorId === d.vendorId && v.productId === d.productId)),
  );
}
