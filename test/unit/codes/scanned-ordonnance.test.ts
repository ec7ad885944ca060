import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { scannedOrdonnancePdf } from '../../../src/main/services/pdf/scanned-ordonnance-pdf.js';
import { imageDimensions } from '../../../src/main/services/pdf/image-dimensions.js';
import { measureScorPdf } from '../../../src/am-server/scor-pdf.js';

const png = (width: number, height: number): Uint8Array => {
  const image = new PNG({ width, height });
  image.data.fill(235);
  return PNG.sync.write(image);
};
const jpg = (width: number, height: number): Uint8Array =>
  jpeg.encode({ width, height, data: Buffer.alloc(width * height * 4, 200) }, 80).data;

/** pdfimages' own reading of the page's image and its resolution (poppler, not our code). */
function popplerDpi(pdf: Uint8Array): number {
  const dir = mkdtempSync(join(tmpdir(), 'scan-'));
  writeFileSync(join(dir, 'scan.pdf'), pdf);
  const line =
    execFileSync('pdfimages', ['-list', join(dir, 'scan.pdf')])
      .toString()
      .trim()
      .split('\n')
      .at(-1) ?? '';
  return Number(line.trim().split(/\s+/)[12]);
}

describe('the scanned ordonnance as SCOR wants it', () => {
  it.each([
    ['an A5-sized scan', png(1240, 1754), 'A5', false, 212],
    ['an A4-sized scan', jpg(1700, 2404), 'A4', false, 205],
    ['a landscape webcam photo', jpg(1920, 1080), 'A5', true, 232],
  ] as const)('%s: a one-page PDF of 200 dpi at least, in the image’s orientation', async (_, bytes, format, landscape, dpi) => {
    const scan = await scannedOrdonnancePdf(bytes, bytes[0] === 0x89 ? 'image/png' : 'image/jpeg');
    expect(scan).toMatchObject({ pages: 1, format, landscape, dpi });
    expect(popplerDpi(scan.pdf)).toBeGreaterThanOrEqual(200);
    expect(await measureScorPdf(scan.pdf)).toEqual({ ok: true, pages: 1, minDpi: dpi });
  });

  it('refuses a scan too small to be read, saying how many pixels it needs', async () => {
    await expect(scannedOrdonnancePdf(png(800, 1131), 'image/png')).rejects.toMatchObject({
      code: 'IMAGE_TOO_SMALL',
      message: expect.stringContaining('1166 pixels'),
    });
  });

  it('refuses what is not the image it claims to be', async () => {
    await expect(scannedOrdonnancePdf(new TextEncoder().encode('not an image'), 'image/jpeg')).rejects.toMatchObject({
      code: 'IMAGE_INVALID',
    });
  });
});

describe('an image bomb', () => {
  /** A PNG's signature and IHDR declaring that size (the rest is never read). */
  const pngDeclaring = (width: number, height: number): Uint8Array => {
    const bytes = new Uint8Array(33);
    bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const view = new DataView(bytes.buffer);
    view.setUint32(16, width);
    view.setUint32(20, height);
    bytes.set([8, 2, 0, 0, 0], 24);
    return bytes;
  };
  /** A JPEG's start, then a baseline start of frame declaring that size. */
  const jpegDeclaring = (width: number, height: number): Uint8Array => {
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 11, 8, 0, 0, 0, 0, 3, 1, 0x11, 0, 0, 0, 0]);
    const view = new DataView(bytes.buffer);
    view.setUint16(13, height);
    view.setUint16(15, width);
    return bytes;
  };

  it.each([
    ['a PNG of 20 000 × 20 000', pngDeclaring(20_000, 20_000), 'image/png'],
    ['a PNG of 9 000 × 9 000 (81 Mpx)', pngDeclaring(9_000, 9_000), 'image/png'],
    ['a JPEG of 12 000 × 3 000', jpegDeclaring(12_000, 3_000), 'image/jpeg'],
  ] as const)('is refused from its header, before any decoding: %s', async (_, bytes, mime) => {
    const started = performance.now();
    await expect(scannedOrdonnancePdf(bytes, mime)).rejects.toMatchObject({
      code: 'SCAN_IMAGE_TOO_LARGE',
      message: expect.stringMatching(/^Image trop grande pour une ordonnance/),
    });
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('reads the size a header declares, and lets a real scan’s through', () => {
    expect(imageDimensions(pngDeclaring(1748, 2480), 'image/png')).toEqual({ width: 1748, height: 2480 });
    expect(imageDimensions(jpegDeclaring(2480, 3508), 'image/jpeg')).toEqual({ width: 2480, height: 3508 });
    expect(imageDimensions(new Uint8Array([1, 2, 3]), 'image/png')).toBeNull();
    // Files written by real encoders.
    expect(imageDimensions(png(300, 200), 'image/png')).toEqual({ width: 300, height: 200 });
    expect(imageDimensions(jpg(320, 240), 'image/jpeg')).toEqual({ width: 320, height: 240 });
  });
});
