import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { convertScanOffThread } from '../../../src/main/services/pdf/scan-conversion.js';
import { scannedOrdonnancePdf } from '../../../src/main/services/pdf/scanned-ordonnance-pdf.js';

const png = (width: number, height: number): Uint8Array => {
  const image = new PNG({ width, height });
  for (let i = 0; i < image.data.length; i++) image.data[i] = (i * 7919) % 251; // not one flat colour: real work to decode
  return PNG.sync.write(image);
};

describe('the scan converted off the main thread (#28.1)', () => {
  it('gives the very PDF facts the main thread would, from a worker thread', async () => {
    const image = png(1240, 1754);
    const inWorker = await convertScanOffThread(image, 'image/png');
    const here = await scannedOrdonnancePdf(image, 'image/png');
    expect({ ...inWorker, pdf: undefined }).toEqual({ ...here, pdf: undefined });
    expect(Buffer.from(inWorker.pdf.subarray(0, 5)).toString()).toBe('%PDF-');
  });

  it('keeps the counter’s event loop free while a heavy image converts', async () => {
    const image = png(3000, 4200);
    const gaps: number[] = [];
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      gaps.push(now - last);
      last = now;
    }, 5);
    const started = performance.now();
    const scan = await convertScanOffThread(image, 'image/png');
    const took = performance.now() - started;
    clearInterval(ticker);
    expect(scan.format).toBe('A4');
    // The conversion took long; no tick of the main thread waited more than a fraction of it.
    expect(took).toBeGreaterThan(200);
    expect(Math.max(...gaps)).toBeLessThan(Math.max(150, took / 3));
  });

  it('refuses in French what the worker cannot read, and a conversion that overruns its time', async () => {
    await expect(convertScanOffThread(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]), 'image/png')).rejects.toMatchObject({
      code: expect.stringMatching(/^IMAGE_INVALID|SCAN_IMAGE_TOO_LARGE$/),
    });
    await expect(convertScanOffThread(png(1240, 1754), 'image/png', 1)).rejects.toMatchObject({
      code: 'SCAN_CONVERSION_FAILED',
      message: expect.stringMatching(/^La conversion de la numérisation a pris trop de temps/),
    });
  });
});
