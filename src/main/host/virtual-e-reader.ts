import { z } from 'zod';
import type { ReadEvent } from '../../shared/contract/ipc-contract.js';
import type { EReaderHub } from '../services/e-reader/e-reader-hub.js';

/** `POST /_dev/e-reader/reports` {"reports": ["hex…"]}: raw HID reports through the real decoder. */
export const reportsBodySchema = z
  .object({
    reports: z
      .array(
        z
          .string()
          .max(2048)
          .regex(/^(?:[0-9a-fA-F]{2}|\s)*$/),
      )
      .min(1)
      .max(1000),
  })
  .strict();
/** `POST /_dev/e-reader/scan` {"text"}: a read already decoded. */
export const scanBodySchema = z.object({ text: z.string().max(8192) }).strict();

export function feedVirtualReports(hub: EReaderHub, body: z.infer<typeof reportsBodySchema>): ReadEvent[] {
  const reports = body.reports.map((hex) => Uint8Array.from(Buffer.from(hex.replace(/\s+/g, ''), 'hex')));
  return hub.feedReports('virtual-e-reader', reports);
}

export function feedVirtualScan(hub: EReaderHub, body: z.infer<typeof scanBodySchema>): ReadEvent {
  return hub.feedText(body.text, 'e-reader');
}
